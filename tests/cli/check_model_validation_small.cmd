args: check-model --targets data/validation/targets.csv --studies data/validation/studies.toml --replicates 10 --threads 2
exit: 0
