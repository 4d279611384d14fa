args: calibrate --params protocols/NCT02465580-he2020.toml --out %WORK%/never.toml
exit: 1
