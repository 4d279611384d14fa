args: stats wilcoxon tests/data/bad/stats-one-group.csv --group arm --outcome sri4_w12
exit: 1
