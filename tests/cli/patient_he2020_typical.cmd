args: patient protocols/NCT02465580-he2020.toml --arm il2 --seed 3 --typical --out %WORK%/patient-he2020-typical.csv
exit: 0
