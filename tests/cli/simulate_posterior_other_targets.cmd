args: simulate protocols/NCT02465580-he2020.toml --replicates 4 --posterior tests/data/bad/posterior-other-targets.csv
exit: 1
