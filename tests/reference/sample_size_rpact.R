# rpact's analytic total sample size of a fixed design for two proportions (two-sided
# alpha 0.05, power 0.8, equal allocation; the normal approximation without continuity
# correction, as power.prop.test), on a grid of rates. tests/trial/test_sample_size.cpp
# interpolates it at the rates of the simulated trial and compares it with
# simulate --target-power's answer.
# Run from the repository root: Rscript tests/reference/sample_size_rpact.R > tests/reference/sample_size_rpact.csv
suppressMessages(library(rpact))
design <- getDesignInverseNormal(kMax = 1, alpha = 0.05, beta = 0.2, sided = 2)
cat(sprintf("# R %s, rpact %s: getSampleSizeRates(getDesignInverseNormal(kMax = 1, alpha = 0.05, beta = 0.2, sided = 2), pi1, pi2)$nFixed\n",
            getRversion(), packageVersion("rpact")))
cat("pi1,pi2,n\n")
for (pi2 in seq(0.20, 0.50, by = 0.02)) for (pi1 in seq(0.40, 0.80, by = 0.02)) {
  if (pi1 - pi2 < 0.1) next
  n <- getSampleSizeRates(design, pi1 = pi1, pi2 = pi2, groups = 2)$nFixed
  cat(sprintf("%.2f,%.2f,%.10g\n", pi1, pi2, n))
}
