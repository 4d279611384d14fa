args: stats wilcoxon examples/stats/treg.csv --group arm --outcome esspri_change_w12
exit: 0
