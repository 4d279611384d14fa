args: schedule protocols/NCT02465580-he2020.toml --arm active --start 2027-01-04
exit: 1
