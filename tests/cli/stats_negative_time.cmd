args: stats logrank tests/data/bad/stats-negative-time.csv --time weeks --event relapse --group arm
exit: 1
