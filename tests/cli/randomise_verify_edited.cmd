args: randomise tests/data/randomise/he2020-stratified.toml --verify tests/data/randomise/key-edited.csv
exit: 1
