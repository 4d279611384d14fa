args: calibrate --likelihood-check 5
exit: 2
