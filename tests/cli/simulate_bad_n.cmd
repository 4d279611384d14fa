args: simulate protocols/NCT02465580-he2020.toml --n 1
exit: 2
