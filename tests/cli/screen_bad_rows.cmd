args: screen tests/data/bad/patients-bad.csv --protocol protocols/NCT04077684-dose-ranging.toml --as-of 2026-11-22
exit: 1
