args: randomise tests/data/randomise/he2020-stratified.toml --n 8 --seed 7 --out - --key %WORK%/randomise-key.csv
exit: 0
