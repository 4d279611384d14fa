args: check-model --targets protocols/NCT02465580-he2020.toml
exit: 1
