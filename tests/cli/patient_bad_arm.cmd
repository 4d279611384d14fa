args: patient protocols/NCT02465580-he2020.toml --arm active
exit: 1
