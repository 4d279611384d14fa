args: check-model --replicates 10 --posterior tests/data/bad/posterior-other-model.csv
exit: 1
