args: calibrate --max-evaluations -1
exit: 2
