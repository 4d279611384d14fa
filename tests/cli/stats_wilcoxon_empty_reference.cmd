args: stats wilcoxon tests/data/bad/stats-one-group.csv --group arm --outcome sri4_w12 --reference placebo
exit: 1
