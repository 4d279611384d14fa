args: stats wilcoxon examples/stats/treg.csv --group arm --outcome treg_pct_w12 --json
exit: 0
