args: stats km examples/stats/gehan.csv --time weeks --event relapse --group arm --json
exit: 0
