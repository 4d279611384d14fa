args: analyze tests/data/randomise/he2020-stratified-cmh.toml --sdtm examples/sdtm/NCT02465580/csv
exit: 0
