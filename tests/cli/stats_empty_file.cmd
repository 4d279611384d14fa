args: stats ttest tests/data/bad/empty.csv --group arm --outcome y
exit: 1
