args: patient protocols/NCT02465580-he2020.toml --arm il2 --seed -1
exit: 2
