args: show protocols/NCT02465580-he2020.toml
exit: 0
