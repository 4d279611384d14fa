args: simulate protocols/NCT02465580-he2020.toml --replicates 4 --truth-n 100 --threads 2 --seed 3
exit: 0
