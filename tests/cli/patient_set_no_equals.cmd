args: patient protocols/NCT02465580-he2020.toml --arm il2 --set il2_pk.bioavailability
exit: 2
