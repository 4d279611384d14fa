args: stats fisher tests/data/bad/stats-one-group.csv --group arm --response sri4_w12
exit: 1
