# The reference for Measure.DoseLineIsRsLm and Measure.DoseForPeakIncreaseOnHandMadeRecords
# (tests/calibration/test_calibration.cpp): the measure dose_for_peak_increase fits
# each participant's peak increase over baseline on the arm's dose per m² by least
# squares, as lm(), and inverts the line at the level. The values are the hand-made
# DILT1D records of that test: two participants per arm, peak ratios to baseline below.
# Run: Rscript tests/reference/calibration_dose_line.R
dose <- c(0.04, 0.04, 0.1, 0.1, 0.25, 0.25, 0.5, 0.5, 1.5, 1.5)
peak <- c(1.05, 1.12, 1.08, 1.15, 1.10, 1.22, 1.25, 1.18, 1.55, 1.40)
fit <- lm(I(peak - 1) ~ dose)
a <- unname(coef(fit)[1]); b <- unname(coef(fit)[2])
cat(sprintf("intercept %.15g\nslope %.15g\ndose_for_0.10 %.15g\ndose_for_0.20 %.15g\n", a, b, (0.10 - a) / b, (0.20 - a) / b))
