args: randomise protocols/NCT04397107-paediatric.toml --n 10 --seed 7 --out -
exit: 1
