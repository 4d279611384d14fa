# Reference values for the MMRM (src/stats/mmrm.h), read by tests/stats/test_mmrm.cpp.
#
# Run from the repository root: Rscript tests/reference/mmrm.R
# Writes tests/reference/mmrm.json. Needs Debian's r-cran-nlme and r-cran-jsonlite.
#
# Each case is a data set drawn once under set.seed() and rounded to 3 decimals, so the
# JSON holds exactly the numbers R fitted. The model is nlme::gls by REML:
#   y ~ visit + group + baseline [+ covariates] + visit:group + visit:baseline
#   correlation = corSymm(form = ~ visit_index | subject)   (unstructured correlation)
#   weights     = varIdent(form = ~ 1 | visit)               (one variance per visit)
# (without baseline: no baseline terms; with one visit: y ~ group + baseline, by gls
# without a correlation or variance structure, which is OLS).
#
# Each case is fitted twice: with gls's default control ("fit", as a user would get
# it) and with a tight optimiser ("tight": opt = "optim", BFGS, msTol = reltol = 1e-15;
# gls passes msTol to optim but not to nlminb). Both stop short of the REML optimum
# (finite-difference gradients); tests/stats/test_mmrm.cpp states the tolerances.
#
# Outputs per fit: coef (in R's column order), var_fix (vcov), loglik (REML), sigma,
# cov (V x V marginal covariance, getVarCov of a subject seen at every visit),
# contrast of each group vs group 0 at the last visit and averaged over visits
# (estimate, se, df = N - p as gls's summary uses, t, two-sided p, 95% CI), and the
# least-squares mean of each group at the last visit with baseline and covariates at
# their mean over the rows of the data (what emmeans uses by default).
suppressPackageStartupMessages({
  library(nlme)
  library(jsonlite)
})

out_file <- file.path("tests", "reference", "mmrm.json")

# A long data set: subjects 1..n, groups drawn 0..G-1 in balanced random order,
# baseline ~ N(50, 10), V visits with an unstructured covariance, visit i > 0 missing
# with probability `miss` (intermittent and dropout both occur), visit 0 always seen
# unless `miss0`.
simulate <- function(seed, n, G, V, miss, with_baseline = TRUE, n_cov = 0, miss0 = 0) {
  set.seed(seed)
  group <- sample(rep(0:(G - 1), length.out = n))
  baseline <- round(rnorm(n, 50, 10), 3)
  sds <- seq(4, 7, length.out = V)
  rho <- outer(1:V, 1:V, function(a, b) 0.75^abs(a - b))
  S <- diag(sds, V) %*% rho %*% diag(sds, V)
  Lc <- t(chol(S))
  covs <- matrix(round(rnorm(n * n_cov), 3), n, max(n_cov, 1))
  rows <- list()
  for (i in 1:n) {
    e <- as.vector(Lc %*% rnorm(V))
    seen <- runif(V) >= c(miss0, rep(miss, V - 1))
    if (runif(1) < miss / 2 && V > 2) seen[(V - 1):V] <- FALSE  # some dropouts
    for (v in 1:V) {
      if (!seen[v]) next
      mu <- 10 - 1.5 * v - 2 * v * (group[i] == 1) - 1 * v * (group[i] == 2) +
        (if (with_baseline) 0.4 * (baseline[i] - 50) + 0.05 * v * (baseline[i] - 50) else 0) +
        (if (n_cov > 0) 1.5 * covs[i, 1] else 0)
      r <- list(subject = i, visit = v - 1, group = group[i], baseline = baseline[i],
                y = round(mu + e[v], 3))
      if (n_cov > 0) for (k in 1:n_cov) r[[paste0("x", k)]] <- covs[i, k]
      rows[[length(rows) + 1]] <- r
    }
  }
  d <- do.call(rbind, lapply(rows, as.data.frame))
  d
}

fit_case <- function(d, V, G, with_baseline, n_cov, control) {
  d$visitf <- factor(d$visit, levels = 0:(V - 1))
  d$groupf <- factor(d$group, levels = 0:(G - 1))
  d$vpos <- d$visit + 1L
  rhs <- c()
  if (V > 1) rhs <- c(rhs, "visitf")
  rhs <- c(rhs, "groupf")
  if (with_baseline) rhs <- c(rhs, "baseline")
  if (n_cov > 0) rhs <- c(rhs, paste0("x", 1:n_cov))
  if (V > 1) rhs <- c(rhs, "visitf:groupf")
  if (V > 1 && with_baseline) rhs <- c(rhs, "visitf:baseline")
  form <- as.formula(paste("y ~", paste(rhs, collapse = " + ")))
  if (V > 1) {
    fit <- gls(form, data = d, method = "REML",
               correlation = corSymm(form = ~ vpos | subject),
               weights = varIdent(form = ~ 1 | visitf), control = control)
  } else {
    fit <- gls(form, data = d, method = "REML", control = control)
  }
  b <- coef(fit)
  vb <- vcov(fit)
  N <- nrow(d)
  p <- length(b)
  df <- N - p
  nm <- names(b)
  # The marginal covariance of a subject seen at every visit.
  full <- as.integer(names(which(table(d$subject) == V))[1])
  cv <- if (V > 1) unclass(getVarCov(fit, individual = as.character(full))) else matrix(fit$sigma^2, 1, 1)
  test <- function(L) {
    est <- sum(L * b)
    se <- sqrt(as.numeric(t(L) %*% vb %*% L))
    tt <- est / se
    q <- qt(0.975, df)
    list(estimate = est, se = se, df = df, t = tt, p = 2 * pt(-abs(tt), df),
         ci = I(c(est - q * se, est + q * se)))
  }
  zero <- setNames(rep(0, p), nm)
  last <- V - 1
  contrast_last <- list()
  contrast_avg <- list()
  lsmeans_last <- list()
  for (g in 1:(G - 1)) {
    L <- zero
    L[paste0("groupf", g)] <- 1
    if (V > 1) L[paste0("visitf", last, ":groupf", g)] <- 1
    contrast_last[[g]] <- test(L)
    A <- zero
    A[paste0("groupf", g)] <- 1
    if (V > 1) for (v in 1:(V - 1)) A[paste0("visitf", v, ":groupf", g)] <- 1 / V
    contrast_avg[[g]] <- test(A)
  }
  mb <- if (with_baseline) mean(d$baseline) else 0
  for (g in 0:(G - 1)) {
    L <- zero
    L["(Intercept)"] <- 1
    if (V > 1) L[paste0("visitf", last)] <- 1
    if (g > 0) L[paste0("groupf", g)] <- 1
    if (g > 0 && V > 1) L[paste0("visitf", last, ":groupf", g)] <- 1
    if (with_baseline) {
      L["baseline"] <- mb
      if (V > 1) L[paste0("visitf", last, ":baseline")] <- mb
    }
    if (n_cov > 0) for (k in 1:n_cov) L[paste0("x", k)] <- mean(d[[paste0("x", k)]])
    r <- test(L)
    lsmeans_last[[g + 1]] <- list(estimate = r$estimate, se = r$se)
  }
  list(coef_names = I(nm), coef = I(unname(b)), var_fix = unname(vb), loglik = as.numeric(logLik(fit)),
       sigma = fit$sigma, cov = unname(cv), n_obs = N, n_coef = p,
       contrast_last = contrast_last, contrast_avg = contrast_avg, lsmeans_last = lsmeans_last)
}

tight <- glsControl(opt = "optim", optimMethod = "BFGS", msTol = 1e-15, msMaxIter = 10000)

make_case <- function(name, note, seed, n, G, V, miss, with_baseline = TRUE, n_cov = 0, miss0 = 0) {
  d <- simulate(seed, n, G, V, miss, with_baseline, n_cov, miss0)
  data <- list(subject = I(d$subject), visit = I(d$visit), group = I(d$group), y = I(d$y))
  if (with_baseline) data$baseline <- I(d$baseline)
  if (n_cov > 0) data$covariates <- lapply(1:n_cov, function(k) I(d[[paste0("x", k)]]))
  list(name = name, note = note, seed = seed, visits = V, groups = G,
       n_subjects = length(unique(d$subject)), has_baseline = with_baseline, data = data,
       fit = fit_case(d, V, G, with_baseline, n_cov, glsControl()),
       tight = fit_case(d, V, G, with_baseline, n_cov, tight))
}

cases <- list(
  make_case("two_arms_4_visits", "2 arms, 4 visits, baseline, about 15% of post-first visits missing",
            20250101, 100, 2, 4, 0.15),
  make_case("three_arms_3_visits", "3 arms, 3 visits, baseline, about 15% missing",
            20250102, 90, 3, 3, 0.15),
  make_case("two_arms_3_visits_no_baseline", "2 arms, 3 visits, no baseline, about 15% missing",
            20250103, 60, 2, 3, 0.15, with_baseline = FALSE),
  make_case("two_arms_4_visits_complete", "2 arms, 4 visits, baseline, no missing visits",
            20250104, 40, 2, 4, 0),
  make_case("two_arms_5_visits_covariate", "2 arms, 5 visits, baseline and one extra covariate (main effect), about 15% missing, the first visit missing too",
            20250105, 120, 2, 5, 0.15, n_cov = 1, miss0 = 0.1),
  make_case("one_visit", "2 arms, one visit: gls without correlation = OLS of y on group and baseline (the ANCOVA)",
            20250106, 50, 2, 1, 0)
)

result <- list(
  r_version = R.version.string,
  packages = list(nlme = as.character(packageVersion("nlme")),
                  jsonlite = as.character(packageVersion("jsonlite"))),
  cases = cases
)
write_json(result, out_file, digits = NA, auto_unbox = TRUE, pretty = TRUE, na = "null")
