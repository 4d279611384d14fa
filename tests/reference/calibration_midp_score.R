# The moments of a few-event proportion's mid-p normal score under a correct model
# (docs/model.md, Simulation-based calibration: the likelihood check): k ~ Binomial(n, p),
# z = qnorm(pbinom(k - 1, n, p) + dbinom(k, n, p) / 2). Run: Rscript calibration_midp_score.R
midp_sd <- function(n, p) { k <- 0:n; w <- dbinom(k, n, p); z <- qnorm(pbinom(k - 1, n, p) + w / 2)
  ok <- is.finite(z); w <- w[ok]; z <- z[ok]; w <- w / sum(w); m <- sum(w * z); c(mean = m, sd = sqrt(sum(w * (z - m)^2)), below = sum(w[z < -2]), above = sum(w[z > 2])) }
print(midp_sd(20, 0.05)); print(midp_sd(30, 0.03)); print(midp_sd(25, 0.1))
