args: patient protocols/NCT02465580-he2020.toml --arm il2 --model-dir models --set il2_pk.bioavailability=5
exit: 1
