args: schedule protocols/NCT02465580-he2020.toml --arm il2 --start 2027-01-04 --participant " "
exit: 2
