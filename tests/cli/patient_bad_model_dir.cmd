args: patient protocols/NCT02465580-he2020.toml --arm il2 --model-dir tests/model/fixtures/bad-models
exit: 1
