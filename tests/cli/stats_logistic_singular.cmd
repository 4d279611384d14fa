args: stats logistic tests/data/bad/stats-constant-covariate.csv --group arm --response sri4_w12 --covariate age
exit: 1
