args: calibrate --posterior --sbc-journal sbc.journal
exit: 2
