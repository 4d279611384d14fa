args: calibrate --sbc-world emulator
exit: 2
