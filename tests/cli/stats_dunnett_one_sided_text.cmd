args: stats dunnett examples/stats/doses.csv --group arm --outcome sledai_reduction --reference placebo --one-sided
exit: 0
