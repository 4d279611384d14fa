args: validate tests/data/bad/analysis-methods.toml
exit: 1
