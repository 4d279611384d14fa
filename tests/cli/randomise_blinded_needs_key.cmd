args: randomise protocols/NCT02465580-he2020.toml --n 8 --seed 7 --out %WORK%/randomise-list.csv
exit: 2
