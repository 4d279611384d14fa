args: simulate protocols/NCT02465580-he2020.toml --replicates 3 --truth-n 100 --fixed --json - --replicate-results -
exit: 2
