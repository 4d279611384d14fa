args: analyze protocols/NCT02465580-he2020.toml --sdtm tests/data/sdtm/bad --lenient --report %WORK%/bad.html
exit: 0
