args: randomise protocols/NCT02465580-he2020.toml --verify tests/data/randomise/key.csv
exit: 1
