# The reference for Free.ReadsParametersWithScalesRolesAndPriors
# (tests/calibration/test_calibrate.cpp): quantiles of a normal prior N(0.4, 0.2²)
# truncated to [0, 1], by inverting the truncated CDF.
# Run: Rscript tests/reference/calibration_prior.R
a <- pnorm(0, 0.4, 0.2)
b <- pnorm(1, 0.4, 0.2)
for (q in c(0.25, 0.5)) print(qnorm(a + q * (b - a), 0.4, 0.2), digits = 10)
