args: simulate tests/data/randomise/he2020-stratified.toml --replicates 4 --truth-n 100 --threads 2 --seed 3 --fixed
exit: 0
