args: simulate protocols/NCT02465580-he2020.toml --replicates 0
exit: 2
