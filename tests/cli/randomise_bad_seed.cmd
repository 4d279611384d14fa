args: randomise protocols/NCT05605665-sjogren-rapamycin.toml --n 12 --seed -1 --out -
exit: 2
