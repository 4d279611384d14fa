# The total mass of the mid-p plug-in copula density (docs/model.md, "Rows of one
# trial arm"): two binomial(30, p) rows, copula correlation 0.76, every pair of counts.
# A proper distribution would total 1 (log 0). Run: Rscript calibration_copula_mass.R
total <- function(p, n = 30, rho = 0.76) {
  k <- 0:n
  P <- dbinom(k, n, p); z <- qnorm(pbinom(k - 1, n, p) + P / 2)
  s <- 0
  for (i in seq_along(k)) for (j in seq_along(k)) {
    q <- (z[i]^2 - 2 * rho * z[i] * z[j] + z[j]^2) / (1 - rho^2)
    c <- exp(-q / 2 + (z[i]^2 + z[j]^2) / 2) / sqrt(1 - rho^2)
    if (is.finite(c)) s <- s + P[i] * P[j] * c
  }
  log(s)
}
for (p in c(0.002, 0.02, 0.05)) cat(p, total(p), "\n")
