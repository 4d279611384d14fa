args: randomise protocols/NCT05605665-sjogren-rapamycin.toml --n 12 --seed 7 --out -
exit: 0
