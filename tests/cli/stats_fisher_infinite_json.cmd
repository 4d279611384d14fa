args: stats fisher tests/data/stats-separated.csv --group arm --response resp --json
exit: 0
