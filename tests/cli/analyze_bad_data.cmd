args: analyze protocols/NCT02465580-he2020.toml --sdtm tests/data/sdtm/bad
exit: 1
