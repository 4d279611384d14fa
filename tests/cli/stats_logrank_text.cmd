args: stats logrank examples/stats/gehan.csv --time weeks --event relapse --group arm
exit: 0
