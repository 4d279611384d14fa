args: analyze protocols/NCT02465580-he2020.toml --sdtm examples/sdtm/NCT02465580/xpt
exit: 0
