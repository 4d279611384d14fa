args: stats cmh examples/stats/sri4.csv --group arm --response sri4_w12 --strata arm
exit: 1
