args: stats logistic examples/stats/sri4.csv --group arm --response sri4_w12
exit: 0
