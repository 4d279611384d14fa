args: screen examples/patients.csv --as-of 2026-11-22
exit: 2
