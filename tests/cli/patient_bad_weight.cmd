args: patient protocols/NCT02465580-he2020.toml --arm il2 --weight 0
exit: 2
