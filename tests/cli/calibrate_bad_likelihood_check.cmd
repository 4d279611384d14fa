args: calibrate --posterior --likelihood-check -1
exit: 2
