args: randomise protocols/NCT05605665-sjogren-rapamycin.toml --n 0 --seed 7 --out -
exit: 2
