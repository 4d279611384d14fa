args: stats km examples/stats/gehan.csv --time weeks --event relapse --json
exit: 0
