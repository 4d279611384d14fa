args: calibrate --posterior --params tests/data/bad/free-prior-no-bounds.toml --out %WORK%/never.csv
exit: 1
