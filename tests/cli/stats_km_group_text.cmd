args: stats km examples/stats/gehan.csv --time weeks --event relapse --group arm
exit: 0
