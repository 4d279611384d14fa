args: stats km examples/stats/gehan.csv --time weeks --event relapse --group cohort
exit: 1
