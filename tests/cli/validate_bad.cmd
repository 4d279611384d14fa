args: validate tests/data/bad/several-errors.toml protocols/NCT02465580-he2020.toml
exit: 1
