# The reference for Check.QuantileIsRType7 (tests/calibration/test_calibration.cpp):
# check-model's 95% interval is R's type-7 quantile of the replicate values, NaN
# dropped. Run: Rscript tests/reference/calibration_quantile.R
print(quantile(c(10, 2, NA, 4, 1, 3), c(0.025, 0.5, 0.975), type = 7, na.rm = TRUE), digits = 15)
