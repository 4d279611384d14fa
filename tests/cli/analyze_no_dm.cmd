args: analyze protocols/NCT02465580-he2020.toml --sdtm tests/data/sdtm
exit: 1
