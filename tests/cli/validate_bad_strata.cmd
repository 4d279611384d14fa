args: validate tests/data/randomise/bad-strata.toml
exit: 1
