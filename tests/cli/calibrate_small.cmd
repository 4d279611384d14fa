args: calibrate --params tests/cli/calibrate_one_parameter.toml --replicates 10 --max-evaluations 4 --sensitivity --threads 2 --out %WORK%/calibrate_small.toml
exit: 0
