args: calibrate --posterior --sbc 5 --sbc-world simulator
exit: 2
