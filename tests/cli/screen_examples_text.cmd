args: screen examples/patients.csv --all --as-of 2026-11-22
exit: 0
