# The reference for FirstOrder.MatchesR (tests/stats/test_first_order.cpp): the
# given-data first-order sensitivity index of y to x with 4 bins of equal count, the
# bins cut in the order of x (ties by position), S = Σ n_b (mean_b − mean)² / Σ (y − mean)².
# Run: Rscript tests/reference/stats_first_order.R
first_order <- function(x, y, bins) {
  n <- length(x)
  o <- order(x, seq_along(x))
  bin <- integer(n)
  for (b in 0:(bins - 1)) {
    lo <- floor(n * b / bins) + 1
    hi <- floor(n * (b + 1) / bins)
    bin[o[lo:hi]] <- b
  }
  m <- tapply(y, bin, mean)
  k <- tapply(y, bin, length)
  sum(k * (m - mean(y))^2) / sum((y - mean(y))^2)
}
x <- c(0.3, 1.2, -0.4, 2.2, 0.9, 1.7, -1.1, 0.1, 0.5, 1.0, 2.5, -0.2, 1.4, 0.8, 0.0, 1.9, -0.7)
y <- c(1.1, 2.9, 0.2, 4.1, 2.0, 3.0, -0.5, 0.9, 1.9, 2.4, 5.2, 0.8, 2.2, 1.3, 0.4, 3.9, 0.1)
print(first_order(x, y, 4), digits = 15)
z <- c(2, 2, 1, 1, 3, 3, 2, 1, 3, 2, 1, 3, 2, 1, 3, 2, 1)  # ties
print(first_order(z, y, 4), digits = 15)
