args: calibrate --posterior --studies tests/data/bad/placebo-unknown-endpoint/studies.toml --out %WORK%/never.csv
exit: 1
