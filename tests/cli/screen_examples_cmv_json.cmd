args: screen examples/patients.csv --protocol protocols/NCT06971913-cmv.toml --as-of 2026-11-22 --json
exit: 0
