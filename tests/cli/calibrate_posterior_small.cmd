args: calibrate --posterior --params tests/cli/calibrate_posterior_params.toml --points 12 --waves 2 --replicates 2 --draws 200 --check-points 2 --check-replicates 10 --correlation-replicates 20 --threads 2 --out %WORK%/posterior.csv
exit: 0
