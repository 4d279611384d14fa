args: simulate protocols/NCT02465580-he2020.toml --out %WORK%/x.json
exit: 2
