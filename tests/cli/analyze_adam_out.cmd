args: analyze protocols/NCT02465580-he2020.toml --sdtm examples/sdtm/NCT02465580/csv --out %WORK%/adam
exit: 0
stdout-file: tests/cli/analyze_example.stdout
