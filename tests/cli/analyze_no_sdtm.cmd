args: analyze protocols/NCT02465580-he2020.toml
exit: 2
