args: schedule protocols/NCT02465580-he2020.toml --arm il2 --start 2027-02-30
exit: 2
