args: stats fisher tests/data/bad/stats-bad-response.csv --group arm --response sri4_w12
exit: 1
