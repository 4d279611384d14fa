# Reference values for src/calibration/binomial_margin.cpp
# (tests/calibration/test_binomial_margin.cpp). Run: Rscript calibration_binomial_margin.R
# A few-event proportion k of n under p = sin^2(mu + e*Z), Z ~ N(0, 1), averaged by
# 5-point Gauss-Hermite (probabilists' nodes and weights, written out below):
#   P(k) = E[dbinom(k, n, p)],  u = E[pbinom(k - 1, n, p)] + P(k) / 2,  z = qnorm(u),
#   log_p = log P(k) - dbinom(k, n, k / n, log = TRUE).
options(digits = 17)
nodes <- c(-2.856970013872806, -1.355626179974266, 0, 1.355626179974266, 2.856970013872806)
weights <- c(0.011257411327720691, 0.22207592200561265, 0.53333333333333333, 0.22207592200561265,
             0.011257411327720691)
margin <- function(k, n, mu, e) {
  if (e == 0) { nodes <- 0; weights <- 1 }
  p <- sin(pmin(pmax(mu + e * nodes, 0), pi / 2))^2
  at <- sum(weights * dbinom(k, n, p))
  below <- sum(weights * pbinom(k - 1, n, p))
  c(log_p = log(at) - dbinom(k, n, k / n, log = TRUE), z = qnorm(below + at / 2))
}
cases <- list(c(2, 30, asin(sqrt(0.1)), 0), c(0, 30, asin(sqrt(0.05)), 0), c(28, 30, asin(sqrt(0.85)), 0),
              c(3, 45, asin(sqrt(0.04)), 0.08), c(44, 46, asin(sqrt(0.9)), 0.05), c(4, 12, 0.3, 0.2))
for (cs in cases) {
  m <- margin(cs[1], cs[2], cs[3], cs[4])
  cat(sprintf("{%g, %g, %.17g, %g, %.17g, %.17g},\n", cs[1], cs[2], cs[3], cs[4], m[["log_p"]], m[["z"]]))
}
# R's qbinom
for (q in list(c(0.3, 30, 0.1), c(0.975, 30, 0.1), c(0.5, 46, 0.9), c(0.001, 20, 0.5), c(0.999, 12, 0.02)))
  cat(sprintf("{%g, %g, %g, %d},\n", q[1], q[2], q[3], qbinom(q[1], q[2], q[3])))
