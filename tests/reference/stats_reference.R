# Reference values for il2trial's C++ statistics tests.
#
# Run from the repository root via tests/reference/make-references.sh; writes
# tests/reference/stats_reference.json. All data are fixed literals (or drawn
# once under set.seed() and written out literally into the JSON), so the output
# is deterministic for a given R / package version.
#
# JSON conventions:
#   * null        : R returned NA or NaN (or the case defines the value as
#                   undefined, e.g. a Wald ratio with a zero cell).
#   * "Inf"/"-Inf": R returned an infinite value (JSON has no infinity).
#   * Arrays stay arrays even when they hold a single element.

suppressPackageStartupMessages({
  library(jsonlite)
  library(survival)
})

out_file <- file.path("tests", "reference", "stats_reference.json")

# ---------------------------------------------------------------- helpers ---

# A scalar for the JSON: NA/NaN/NULL -> null, +-Inf -> "Inf"/"-Inf".
num <- function(v) {
  if (is.null(v) || length(v) == 0) return(NA)
  stopifnot(length(v) == 1)
  v <- unname(v)
  if (is.logical(v) && is.na(v)) return(NA)
  v <- as.numeric(v)
  if (is.na(v)) return(NA)
  if (is.infinite(v)) return(if (v > 0) "Inf" else "-Inf")
  v
}

# An array for the JSON (never unboxed), with the same conventions.
arr <- function(v) {
  v <- as.numeric(unname(v))
  if (any(is.infinite(v))) {
    return(lapply(v, num))
  }
  I(v)
}

int_arr <- function(v) I(as.integer(unname(v)))

# 2x2 table given row-wise as list(c(a, b), c(c, d)) -> JSON [[a,b],[c,d]],
# R matrix(c(a, c, b, d), 2) (rows = groups, columns = response yes / no).
tab_json <- function(t) list(int_arr(t[[1]]), int_arr(t[[2]]))
tab_matrix <- function(t) matrix(c(t[[1]][1], t[[2]][1], t[[1]][2], t[[2]][2]), 2)

# Evaluate expr; return NULL (case left out) on error, keep warnings quiet but
# record them so the note can mention them.
try_case <- function(expr) {
  warns <- character(0)
  res <- tryCatch(
    withCallingHandlers(expr, warning = function(w) {
      warns <<- c(warns, conditionMessage(w))
      invokeRestart("muffleWarning")
    }),
    error = function(e) {
      message("case left out, R error: ", conditionMessage(e))
      structure(list(msg = conditionMessage(e)), class = "case_error")
    }
  )
  if (inherits(res, "case_error")) return(res)
  if (length(warns) > 0 && is.list(res) && !is.null(res$note)) {
    res$note <- paste0(res$note, " [R warned: ", paste(unique(warns), collapse = "; "), "]")
  }
  res
}

is_err <- function(x) inherits(x, "case_error")

collect <- function(cases) Filter(function(x) !is.null(x) && !is_err(x), cases)

# ----------------------------------------------------------- proportion CI ---

agresti_coull <- function(x, n, conf) {
  # Agresti & Coull (1998): n~ = n + z^2, p~ = (x + z^2/2) / n~,
  # p~ +- z sqrt(p~ (1 - p~) / n~). Not clipped to [0, 1].
  z <- qnorm(1 - (1 - conf) / 2)
  nt <- n + z^2
  pt <- (x + z^2 / 2) / nt
  half <- z * sqrt(pt * (1 - pt) / nt)
  c(pt - half, pt + half)
}

prop_cases <- list(
  list(0, 10, "zero successes"),
  list(1, 10, "one success, small n"),
  list(5, 10, "p = 1/2 exactly: R's prop.test shrinks the continuity correction to min(0.5, |x - n/2|) = 0, so wilson_cc equals wilson here"),
  list(10, 10, "all successes"),
  list(16, 29, "He 2020 SRI-4 week 12, IL-2 arm"),
  list(9, 30, "He 2020 SRI-4 week 12, placebo arm"),
  list(1, 1, "n = 1, one success"),
  list(0, 1, "n = 1, no success"),
  list(500, 1000, "large n, p = 1/2 (continuity correction shrunk to 0 as for 5/10)"),
  list(3, 1000, "large n, rare event")
)

proportion_ci <- lapply(prop_cases, function(cs) {
  x <- cs[[1]]; n <- cs[[2]]; conf <- 0.95
  try_case({
    w <- prop.test(x, n, conf.level = conf, correct = FALSE)$conf.int
    wc <- prop.test(x, n, conf.level = conf, correct = TRUE)$conf.int
    cp <- binom.test(x, n, conf.level = conf)$conf.int
    ac <- agresti_coull(x, n, conf)
    list(
      note = paste0(x, "/", n, ": ", cs[[3]],
                    ". wilson / wilson_cc = prop.test(x, n, p = 0.5 default)$conf.int (R clips the cc interval at 0 and 1, and caps the 0.5 correction at |x - n p0| with p0 = 0.5); ",
                    "clopper_pearson = binom.test; agresti_coull computed in R by its formula (Agresti & Coull 1998), not clipped."),
      x = x, n = n, conf = conf,
      wilson = arr(w), wilson_cc = arr(wc), clopper_pearson = arr(cp),
      agresti_coull = arr(ac)
    )
  })
})

# --------------------------------------------------------- two proportions ---

two_prop_cases <- list(
  list(16, 29, 9, 30, "He 2020 SRI-4 week 12 (IL-2 16/29 vs placebo 9/30)"),
  list(19, 29, 11, 30, "ordinary data, moderate difference"),
  list(0, 20, 5, 20, "zero successes in group 1: risk ratio and odds ratio undefined (null)"),
  list(10, 10, 3, 10, "all successes in group 1 (non-response cell b = 0): odds ratio null; Katz risk ratio is still defined (x1, x2 > 0) and is given"),
  list(400, 1000, 350, 1000, "large counts")
)

two_proportions <- lapply(two_prop_cases, function(cs) {
  x1 <- cs[[1]]; n1 <- cs[[2]]; x2 <- cs[[3]]; n2 <- cs[[4]]; conf <- 0.95
  try_case({
    z <- qnorm(1 - (1 - conf) / 2)
    p1 <- x1 / n1; p2 <- x2 / n2
    w1 <- prop.test(x1, n1, conf.level = conf, correct = FALSE)$conf.int
    w2 <- prop.test(x2, n2, conf.level = conf, correct = FALSE)$conf.int
    # Newcombe (1998) method 10: hybrid score interval from the two Wilson
    # score intervals (l1, u1), (l2, u2), no continuity correction.
    d <- p1 - p2
    newc <- c(d - sqrt((p1 - w1[1])^2 + (w2[2] - p2)^2),
              d + sqrt((w1[2] - p1)^2 + (p2 - w2[1])^2))
    a <- x1; b <- n1 - x1; c_ <- x2; dd <- n2 - x2
    if (x1 > 0 && x2 > 0) {
      rr <- p1 / p2
      se_rr <- sqrt(1 / x1 - 1 / n1 + 1 / x2 - 1 / n2)
      rr_out <- list(estimate = num(rr), lower = num(exp(log(rr) - z * se_rr)),
                     upper = num(exp(log(rr) + z * se_rr)))
    } else {
      rr_out <- list(estimate = NA, lower = NA, upper = NA)
    }
    if (min(a, b, c_, dd) > 0) {
      or <- (a * dd) / (b * c_)
      se_or <- sqrt(1 / a + 1 / b + 1 / c_ + 1 / dd)
      or_out <- list(estimate = num(or), lower = num(exp(log(or) - z * se_or)),
                     upper = num(exp(log(or) + z * se_or)))
    } else {
      or_out <- list(estimate = NA, lower = NA, upper = NA)
    }
    list(
      note = paste0(x1, "/", n1, " vs ", x2, "/", n2, ": ", cs[[5]],
                    ". newcombe = Newcombe 1998 method 10 computed in R by its formula from the two prop.test(correct = FALSE) Wilson intervals; ",
                    "risk_ratio = Katz log-scale Wald, odds_ratio_wald = Woolf log-scale Wald, both computed in R by formula (null where the formula has a zero cell)."),
      x1 = x1, n1 = n1, x2 = x2, n2 = n2, conf = conf,
      difference = num(d),
      newcombe = arr(newc),
      risk_ratio = rr_out,
      odds_ratio_wald = or_out
    )
  })
})

# ------------------------------------------------------------------ fisher ---

tables_2x2 <- list(
  list(list(c(16, 13), c(9, 21)), "He 2020 SRI-4 week 12 responders / non-responders, IL-2 vs placebo"),
  list(list(c(19, 10), c(11, 19)), "ordinary data"),
  list(list(c(3, 1), c(1, 3)), "small table (tea-tasting style)"),
  list(list(c(0, 20), c(5, 15)), "zero cell a = 0 (conditional MLE odds ratio 0)"),
  list(list(c(10, 0), c(3, 7)), "zero cell b = 0 (conditional MLE odds ratio Inf)"),
  list(list(c(400, 600), c(350, 650)), "large counts"),
  list(list(c(25, 15), c(12, 28)), "n = 80 of a 160-patient design, 40 per arm"),
  list(list(c(1, 0), c(0, 1)), "both margins tiny (n = 2), perfect separation")
)

fisher <- lapply(tables_2x2, function(cs) {
  t <- cs[[1]]; m <- tab_matrix(t)
  try_case({
    f <- fisher.test(m)
    fl <- fisher.test(m, alternative = "less")
    fg <- fisher.test(m, alternative = "greater")
    list(
      note = paste0(cs[[2]], ". fisher.test(matrix(c(a, c, b, d), 2)); estimate = conditional MLE odds ratio, conf_int = two-sided 95%; \"Inf\" marks an infinite value."),
      table = tab_json(t),
      p_value = num(f$p.value), estimate = num(f$estimate),
      conf_int = arr(f$conf.int),
      p_less = num(fl$p.value), p_greater = num(fg$p.value)
    )
  })
})

# ------------------------------------------------------------------- chisq ---

chisq <- list()
for (cs in tables_2x2) {
  for (corr in c(TRUE, FALSE)) {
    t <- cs[[1]]; m <- tab_matrix(t)
    r <- try_case({
      ch <- chisq.test(m, correct = corr)
      list(
        note = paste0(cs[[2]], ". chisq.test(matrix(c(a, c, b, d), 2), correct = ", corr, ")",
                      if (corr) "; R's Yates correction is min(0.5, |O - E|) per cell" else "", "."),
        table = tab_json(t), correct = corr,
        statistic = num(ch$statistic), df = num(ch$parameter), p_value = num(ch$p.value)
      )
    })
    chisq[[length(chisq) + 1]] <- r
  }
}

# --------------------------------------------------------------------- cmh ---

cmh_cases <- list(
  list(list(list(c(16, 13), c(9, 21)), list(c(19, 10), c(11, 19))),
       "two ordinary strata"),
  list(list(list(c(8, 7), c(4, 11)), list(c(6, 8), c(3, 12)), list(c(10, 5), c(6, 9))),
       "three ordinary strata"),
  list(list(list(c(0, 10), c(3, 7)), list(c(6, 4), c(2, 8)), list(c(4, 6), c(4, 6))),
       "three strata, one with a zero cell and one with odds ratio 1; sum of (a - E[a]) is exactly 0.5, so the Yates-corrected statistic is exactly 0"),
  list(list(list(c(200, 300), c(170, 330)), list(c(200, 300), c(180, 320))),
       "two strata with large counts")
)

cmh <- list()
for (cs in cmh_cases) {
  for (corr in c(TRUE, FALSE)) {
    r <- try_case({
      vals <- unlist(lapply(cs[[1]], function(t) c(t[[1]][1], t[[2]][1], t[[1]][2], t[[2]][2])))
      a3 <- array(vals, dim = c(2, 2, length(cs[[1]])))
      mh <- mantelhaen.test(a3, correct = corr)
      list(
        note = paste0(cs[[2]], ". mantelhaen.test(array(...), correct = ", corr,
                      "); each stratum is [[a,b],[c,d]] = matrix(c(a, c, b, d), 2); conf_int is the Robins-Breslow-Greenland 95% interval R reports."),
        tables = lapply(cs[[1]], tab_json), correct = corr,
        statistic = num(mh$statistic), p_value = num(mh$p.value),
        mh_odds_ratio = num(mh$estimate), conf_int = arr(mh$conf.int)
      )
    })
    cmh[[length(cmh) + 1]] <- r
  }
}

# ------------------------------------------------------------------- ttest ---

set.seed(20240611)
tt_large_x <- round(rnorm(60, mean = 5.0, sd = 2.0), 2)
tt_large_y <- round(rnorm(60, mean = 4.3, sd = 2.5), 2)

ttest_cases <- list(
  list(c(0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0),
       c(1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4),
       "ordinary data, equal n (R's sleep data, treated as independent)"),
  list(c(12.1, 14.3, 11.8, 15.2, 13.9, 12.7),
       c(10.2, 17.9, 8.4, 13.3, 19.1, 9.8, 15.6, 11.0, 16.4),
       "unequal n and unequal variances, with ties across groups absent"),
  list(c(3, 3, 4, 4, 4, 5), c(2, 3, 3, 3, 4),
       "ties (integer-valued scores)"),
  list(c(7.5), c(5.1, 6.3, 4.8, 5.9),
       "n = 1 in x: only var.equal = TRUE is defined (the Welch version errors in R: 'not enough 'x' observations', left out)"),
  list(c(5, 5, 5, 5), c(3.2, 4.1, 5.6, 2.9, 4.4),
       "x constant (zero variance in one group)"),
  list(tt_large_x, tt_large_y,
       "larger n = 60 per group (drawn once with set.seed(20240611), rnorm rounded to 2 decimals; the values in the JSON are the data)")
)

ttest <- list()
for (cs in ttest_cases) {
  for (ve in c(TRUE, FALSE)) {
    x <- cs[[1]]; y <- cs[[2]]
    r <- try_case({
      tt <- t.test(x, y, var.equal = ve)
      list(
        note = paste0(cs[[3]], ". t.test(x, y, var.equal = ", ve, ")."),
        x = arr(x), y = arr(y), var_equal = ve,
        statistic = num(tt$statistic), df = num(tt$parameter), p_value = num(tt$p.value),
        conf_int = arr(tt$conf.int), estimate_difference = num(mean(x) - mean(y))
      )
    })
    ttest[[length(ttest) + 1]] <- r
  }
}

# ------------------------------------------------------------------ ancova ---

set.seed(20240612)
anc_n <- 60
anc_group <- rep(c(0L, 1L), each = anc_n / 2)
anc_base <- round(rnorm(anc_n, mean = 10, sd = 3), 1)
anc_out <- round(2 + 0.6 * anc_base - 1.5 * anc_group + rnorm(anc_n, sd = 2), 1)

ancova_cases <- list(
  list(c(0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1),
       c(12, 10, 14, 9, 11, 13, 12, 8, 15, 10, 11, 14),
       c(10, 9, 12, 8, 11, 12, 7, 4, 10, 6, 8, 9),
       "small ordinary data, balanced"),
  list(c(0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1),
       c(8, 8, 10, 12, 7, 9, 9, 11, 13, 14, 10),
       c(7, 6, 9, 12, 4, 5, 7, 8, 9, 12, 6),
       "unbalanced groups with tied baselines"),
  list(c(1, 0, 1, 0, 1, 0, 1, 0),
       c(6.0, 6.0, 5.0, 5.0, 4.0, 4.0, 3.0, 3.0),
       c(3.1, 5.0, 2.4, 4.1, 1.2, 3.3, 0.5, 2.2),
       "interleaved group order, baselines identical within pairs"),
  list(anc_group, anc_base, anc_out,
       "larger n = 60 (drawn once with set.seed(20240612), rounded to 1 decimal; the values in the JSON are the data)")
)

ancova <- lapply(ancova_cases, function(cs) {
  g <- cs[[1]]; b <- cs[[2]]; y <- cs[[3]]
  try_case({
    fit <- lm(y ~ b + g)
    co <- summary(fit)$coefficients["g", ]
    ci <- confint(fit, "g", level = 0.95)
    list(
      note = paste0(cs[[4]], ". lm(outcome ~ baseline + group); coefficient of group (1 = treatment, 0 = control), 95% confint."),
      group = int_arr(g), baseline = arr(b), outcome = arr(y),
      effect = num(co["Estimate"]), std_error = num(co["Std. Error"]),
      conf_int = arr(ci), t = num(co["t value"]), df = num(fit$df.residual),
      p_value = num(co["Pr(>|t|)"])
    )
  })
})

# ---------------------------------------------------------------- wilcoxon ---

set.seed(20240613)
wx_large_x <- round(rnorm(55, mean = 1.0, sd = 1), 4)
wx_large_y <- round(rnorm(60, mean = 0.4, sd = 1.2), 4)
stopifnot(!anyDuplicated(c(wx_large_x, wx_large_y)))

wilcox_cases <- list(
  list(c(0.80, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46),
       c(1.15, 0.88, 0.90, 0.74, 1.21),
       list(NA, TRUE, FALSE),
       "small, no ties (Hollander & Wolfe data from R's ?wilcox.test): R's default is the exact test"),
  list(c(1, 2, 2, 3, 3, 3, 4, 5), c(2, 3, 3, 4, 4, 5, 6, 6),
       list(NA),
       "ties: R's default falls back to the normal approximation with tie-corrected variance and continuity correction"),
  list(c(14.2, 15.1, 16.8, 17.3, 18.0), c(9.9, 10.4, 11.2, 12.5, 13.0, 13.8),
       list(NA, FALSE),
       "perfect separation (all x > all y), no ties"),
  list(c(7.4), c(3.1, 5.2, 6.6, 8.3, 9.0),
       list(NA),
       "n = 1 in x, no ties"),
  list(wx_large_x, wx_large_y,
       list(NA, TRUE),
       "larger n (55 vs 60 > 50), no ties: R's default is the normal approximation (drawn once with set.seed(20240613), rounded to 4 decimals; the values in the JSON are the data)")
)

pairwise_diffs <- function(x, y) as.vector(outer(x, y, "-"))

wilcoxon <- list()
for (cs in wilcox_cases) {
  for (ex in cs[[3]]) {
    x <- cs[[1]]; y <- cs[[2]]
    r <- try_case({
      ex_arg <- if (is.na(ex)) NULL else ex
      w <- wilcox.test(x, y, conf.int = TRUE, exact = ex_arg, correct = TRUE)
      normal <- !grepl("exact", w$method)
      d <- pairwise_diffs(x, y)
      hl <- median(d)
      ci_conv <- w$conf.int
      extra <- ""
      if (normal) {
        # The normal-approximation estimate and limits come from uniroot() with
        # R's default tol.root = 1e-4; record where they converge.
        wt <- suppressWarnings(wilcox.test(x, y, conf.int = TRUE, exact = ex_arg, correct = TRUE, tol.root = 1e-12))
        snap <- function(v) { k <- which.min(abs(d - v)); if (abs(d[k] - v) < 1e-8) d[k] else v }
        lim <- sapply(c(wt$estimate, wt$conf.int), snap)
        ci_conv <- lim[2:3]
        extra <- paste0(
          " estimate and conf_int come from R's uniroot() with the default tol.root = 1e-4, so they are only accurate to about 1e-4 absolute;",
          " with tol.root = 1e-12 R converges to estimate ", format(wt$estimate, digits = 15),
          ", conf_int [", format(wt$conf.int[1], digits = 15), ", ", format(wt$conf.int[2], digits = 15), "]",
          ". conf_int_converged holds those limits snapped to the pairwise difference x_i - y_j they converge to (within 1e-8).",
          if (abs(lim[1] - hl) > 1e-8) paste0(" The estimate is the root R's uniroot() lands on inside an interval where R's statistic is exactly zero, so it depends on R's search path and not on the data alone; it differs from the median of the pairwise differences (hodges_lehmann = ", format(hl, digits = 15), ").") else "")
      }
      list(
        note = paste0(cs[[4]], ". wilcox.test(x, y, conf.int = TRUE, exact = ",
                      if (is.na(ex)) "NULL (R default)" else ex, ", correct = TRUE); statistic is W = rank sum of x - n_x (n_x + 1) / 2. Extra fields beyond the spec: hodges_lehmann = median of all x_i - y_j; conf_int_converged = conf_int for the exact method, otherwise the limits R's uniroot converges to (see below).", extra),
        x = arr(x), y = arr(y), exact = if (is.na(ex)) NA else ex, correct = TRUE,
        statistic = num(w$statistic), p_value = num(w$p.value),
        estimate = num(w$estimate), conf_int = arr(w$conf.int),
        method = w$method,
        hodges_lehmann = num(hl), conf_int_converged = arr(ci_conv)
      )
    })
    wilcoxon[[length(wilcoxon) + 1]] <- r
  }
}

# ---------------------------------------------------------------------- km ---

gehan_mp_time  <- c(6, 6, 6, 6, 7, 9, 10, 10, 11, 13, 16, 17, 19, 20, 22, 23, 25, 32, 32, 34, 35)
gehan_mp_event <- c(1, 1, 1, 0, 1, 0, 1, 0, 0, 1, 1, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0)
gehan_pl_time  <- c(1, 1, 2, 2, 3, 4, 4, 5, 5, 8, 8, 8, 8, 11, 11, 12, 12, 15, 17, 22, 23)
gehan_pl_event <- rep(1, 21)
aml_m_time  <- c(9, 13, 13, 18, 23, 28, 31, 34, 45, 48, 161)
aml_m_event <- c(1, 1, 0, 1, 1, 0, 1, 1, 0, 1, 0)
aml_n_time  <- c(5, 5, 8, 8, 12, 16, 23, 27, 30, 33, 43, 45)
aml_n_event <- c(1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1)

km_cases <- list(
  list(gehan_mp_time, gehan_mp_event,
       "ordinary data with ties in time (Gehan 1965 6-MP arm: 3 events and 1 censoring at t = 6)"),
  list(aml_m_time, aml_m_event,
       "ordinary data, event and censoring tied at t = 13, last observation censored (AML maintained arm)"),
  list(c(3, 5, 8, 8, 12), c(0, 0, 0, 0, 0),
       "all censored: survival stays 1, median undefined"),
  list(gehan_pl_time, gehan_pl_event,
       "no censoring, many ties, survival reaches 0 (Gehan placebo arm)"),
  list(c(7), c(1), "single subject with an event"),
  list(c(7), c(0), "single subject, censored")
)

km <- lapply(km_cases, function(cs) {
  tm <- cs[[1]]; ev <- cs[[2]]
  try_case({
    fit <- survfit(Surv(tm, ev) ~ 1, conf.type = "log-log")
    tab <- summary(fit)$table
    list(
      note = paste0(cs[[3]], ". survfit(Surv(time, event) ~ 1, conf.type = \"log-log\"); one row per distinct time (event or censoring) as in the survfit object; ",
                    "std_err is survfit's std.err (standard error of the cumulative hazard, i.e. Greenwood se(S)/S); lower/upper are 95% log-log limits (null where R gives NA); ",
                    "median and its 0.95 limits from summary(fit)$table."),
      time = arr(tm), event = int_arr(ev),
      times = arr(fit$time), n_risk = arr(fit$n.risk), n_event = arr(fit$n.event),
      surv = arr(fit$surv), std_err = arr(fit$std.err),
      lower = arr(fit$lower), upper = arr(fit$upper),
      median = num(tab["median"]), median_lower = num(tab["0.95LCL"]),
      median_upper = num(tab["0.95UCL"])
    )
  })
})

# ----------------------------------------------------------------- logrank ---

set.seed(20240614)
lr_n <- 80
lr_group <- rep(c(0L, 1L), each = lr_n / 2)
lr_time_raw <- round(rexp(lr_n, rate = ifelse(lr_group == 1, 0.05, 0.08)), 1) + 0.1
lr_cens <- round(runif(lr_n, 5, 40), 1)
lr_time <- pmin(lr_time_raw, lr_cens)
lr_event <- as.integer(lr_time_raw <= lr_cens)
lr_strata <- rep(c(1L, 2L), times = lr_n / 2)

logrank_cases <- list(
  list(c(gehan_mp_time, gehan_pl_time), c(gehan_mp_event, gehan_pl_event),
       c(rep(1, 21), rep(0, 21)), NULL,
       "Gehan 1965 6-MP (group 1) vs placebo (group 0), many tied times"),
  list(c(aml_m_time, aml_n_time), c(aml_m_event, aml_n_event),
       c(rep(1, 11), rep(0, 12)), NULL,
       "AML maintained (group 1) vs not maintained (group 0)"),
  list(c(2, 4, 4, 6, 9, 3, 5, 5, 8, 10, 12, 1, 2, 3, 3, 7),
       c(1, 1, 0, 1, 0, 1, 0, 1, 1, 1, 0, 1, 1, 1, 1, 0),
       c(0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2), NULL,
       "three groups (df = 2) with ties across groups"),
  list(c(3, 5, 7, 9, 11, 4, 6, 8, 10, 12),
       c(1, 1, 0, 1, 1, 0, 0, 0, 0, 0),
       c(0, 0, 0, 0, 0, 1, 1, 1, 1, 1), NULL,
       "all-censored arm (group 1 has no events)"),
  list(c(gehan_mp_time, gehan_pl_time), c(gehan_mp_event, gehan_pl_event),
       c(rep(1, 21), rep(0, 21)),
       c(1, 1, 2, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1,
         2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2),
       "Gehan data with an arbitrary 2-level stratification: survdiff(Surv(time, event) ~ group + strata(strata)); observed/expected summed over strata"),
  list(lr_time, lr_event, lr_group, NULL,
       "larger n = 80 with random censoring (drawn once with set.seed(20240614); the values in the JSON are the data)"),
  list(lr_time, lr_event, lr_group, lr_strata,
       "larger n = 80, stratified by an alternating 2-level stratum")
)

logrank <- lapply(logrank_cases, function(cs) {
  tm <- cs[[1]]; ev <- cs[[2]]; g <- cs[[3]]; s <- cs[[4]]
  try_case({
    sd <- if (is.null(s)) survdiff(Surv(tm, ev) ~ g) else survdiff(Surv(tm, ev) ~ g + strata(s))
    obs <- if (is.matrix(sd$obs)) rowSums(sd$obs) else sd$obs
    ex <- if (is.matrix(sd$exp)) rowSums(sd$exp) else sd$exp
    df <- sum(ex > 0) - 1
    list(
      note = paste0(cs[[5]], ". survdiff(Surv(time, event) ~ group", if (is.null(s)) "" else " + strata(strata)",
                    "); observed/expected are in sorted order of the group values; df = (number of groups with expected > 0) - 1 as print.survdiff; p_value = pchisq(chisq, df, lower.tail = FALSE)."),
      time = arr(tm), event = int_arr(ev), group = int_arr(g),
      strata = if (is.null(s)) NA else int_arr(s),
      chisq = num(sd$chisq), df = num(df),
      p_value = num(pchisq(sd$chisq, df, lower.tail = FALSE)),
      observed = arr(obs), expected = arr(ex)
    )
  })
})

# --------------------------------------------------------------------- cox ---

set.seed(20240615)
cx_n <- 60
cx_group <- rep(c(0L, 1L), each = cx_n / 2)
cx_time_raw <- round(rexp(cx_n, rate = ifelse(cx_group == 1, 0.6, 1.0)), 5) + 0.00001
cx_cens <- round(runif(cx_n, 0.5, 3), 5)
cx_time <- pmin(cx_time_raw, cx_cens)
cx_event <- as.integer(cx_time_raw <= cx_cens)
stopifnot(!anyDuplicated(cx_time))

cox_cases <- list(
  list(c(gehan_mp_time, gehan_pl_time), c(gehan_mp_event, gehan_pl_event),
       c(rep(1, 21), rep(0, 21)),
       "Gehan 1965 6-MP (group 1) vs placebo (group 0), many tied event times (Efron and Breslow differ)"),
  list(c(aml_m_time, aml_n_time), c(aml_m_event, aml_n_event),
       c(rep(1, 11), rep(0, 12)),
       "AML maintained (group 1) vs not maintained (group 0), a few ties"),
  list(c(2.1, 3.4, 4.0, 5.5, 7.2, 8.8, 1.5, 2.7, 3.1, 4.6, 6.3, 9.9),
       c(1, 1, 0, 1, 1, 0, 1, 1, 1, 0, 1, 1),
       c(1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0),
       "no tied times (Efron and Breslow agree)"),
  list(cx_time, cx_event, cx_group,
       "larger n = 60, no ties (drawn once with set.seed(20240615); the values in the JSON are the data)"),
  list(c(1, 2, 3, 4, 5, 6, 7, 8), c(1, 1, 1, 1, 1, 1, 1, 1), c(1, 1, 1, 1, 0, 0, 0, 0),
       "perfect separation (every group-1 event precedes every group-0 event): monotone likelihood, the coefficient diverges; R stops iterating and warns, so coef, se, hazard_ratio, conf_int and the Wald test depend on R's iteration and are NOT meaningful reference values; the score test (at beta = 0) is exact and the LR statistic approaches its supremum"),
  list(c(3, 5, 7, 9, 11, 4, 6, 8, 10, 12), c(1, 1, 0, 1, 1, 0, 0, 0, 0, 0),
       c(0, 0, 0, 0, 0, 1, 1, 1, 1, 1),
       "all-censored arm (group 1 has no events): monotone likelihood, coefficient diverges to -Inf; as for perfect separation only the score test (and approximately the LR test) are meaningful")
)

cox <- list()
for (cs in cox_cases) {
  for (ties in c("efron", "breslow")) {
    tm <- cs[[1]]; ev <- cs[[2]]; g <- cs[[3]]
    r <- try_case({
      fit <- coxph(Surv(tm, ev) ~ g, ties = ties)
      s <- summary(fit)
      list(
        note = paste0(cs[[4]], ". coxph(Surv(time, event) ~ group, ties = \"", ties,
                      "\"); wald_statistic = fit$wald.test (chi-square = z^2; summary()$waldtest prints it rounded to 2 decimals, so the unrounded value is used), score_statistic = fit$score (= summary()$sctest), lr_statistic = -2 (loglik0 - loglik1) (= summary()$logtest); p-values are chi-square on 1 df."),
        time = arr(tm), event = int_arr(ev), group = int_arr(g), ties = ties,
        coef = num(s$coefficients[1, "coef"]), se = num(s$coefficients[1, "se(coef)"]),
        hazard_ratio = num(s$coefficients[1, "exp(coef)"]),
        conf_int = arr(s$conf.int[1, c("lower .95", "upper .95")]),
        wald_statistic = num(fit$wald.test), wald_p = num(pchisq(fit$wald.test, 1, lower.tail = FALSE)),
        score_statistic = num(fit$score), score_p = num(s$sctest["pvalue"]),
        lr_statistic = num(-2 * (fit$loglik[1] - fit$loglik[2])), lr_p = num(s$logtest["pvalue"])
      )
    })
    cox[[length(cox) + 1]] <- r
  }
}

# ----------------------------------------------------------------- poisson ---

poisson_cases <- list(
  list(11, 800.5, 23, 1083.2, "ordinary counts and exposure times"),
  list(10, 1000, 10, 1000, "equal rates: rate ratio 1, p = 1"),
  list(0, 500, 6, 520, "zero events in group 1: rate ratio 0"),
  list(7, 300, 0, 310, "zero events in group 2: rate ratio Inf"),
  list(1500, 20000, 1400, 21000, "large counts"),
  list(1, 10, 1, 10, "a single event per group"),
  list(0, 100, 0, 100, "no events in either group: R does not error; it returns rate ratio NaN (null), interval [0, Inf] and p = 1")
)

poisson <- lapply(poisson_cases, function(cs) {
  x1 <- cs[[1]]; t1 <- cs[[2]]; x2 <- cs[[3]]; t2 <- cs[[4]]
  try_case({
    p <- poisson.test(c(x1, x2), c(t1, t2))
    list(
      note = paste0(cs[[5]], ". poisson.test(c(x1, x2), c(t1, t2)) (conditional binomial test and interval)."),
      x1 = x1, t1 = t1, x2 = x2, t2 = t2,
      rate_ratio = num(p$estimate), conf_int = arr(p$conf.int), p_value = num(p$p.value)
    )
  })
})

# ------------------------------------------------------------ multiplicity ---

mult_cases <- list(
  list(c(0.01, 0.04, 0.03, 0.005), "ordinary, four p-values, unsorted"),
  list(c(0.02, 0.02, 0.04, 0.04, 0.5), "tied p-values"),
  list(c(0.03), "a single p-value (m = 1): all adjustments are the identity"),
  list(c(0.3, 0.6, 0.9), "large p-values: adjusted values capped at 1"),
  list(c(0.001, 0.008, 0.039, 0.041, 0.042, 0.06, 0.074, 0.205, 0.212, 0.216),
       "ten p-values (Benjamini & Hochberg 1995 style example)"),
  list(c(0.01, 0.049, 0.051), "p-values near 0.05: Hochberg and Holm disagree in which are significant"),
  list(c(0.01, NA, 0.04), "a missing p-value: R keeps it as NA (null) and uses m = number of non-missing p-values")
)

multiplicity <- lapply(mult_cases, function(cs) {
  p <- cs[[1]]
  try_case({
    list(
      note = paste0(cs[[2]], ". p.adjust(p, method = \"bonferroni\" / \"holm\" / \"hochberg\")."),
      p = arr(p),
      bonferroni = arr(p.adjust(p, "bonferroni")),
      holm = arr(p.adjust(p, "holm")),
      hochberg = arr(p.adjust(p, "hochberg"))
    )
  })
})

# ======================================================================
# Sections added later (miettinen_nurminen, logistic, dunnett, mcpmod).
# They come after all the sections above, and every random draw or
# randomised computation below is preceded by its own set.seed(), so the
# sections above are unaffected by this code.
# ======================================================================

# A named list of scalars for the JSON object {name: value}.
named_num <- function(v) {
  nm <- names(v)
  setNames(lapply(seq_along(v), function(i) num(v[[i]])), nm)
}

# ------------------------------------------------------ miettinen_nurminen ---

# Restricted ML estimates (p1~, p2~) under p1 - p2 = delta: Farrington &
# Manning (1990) closed-form solution of the likelihood cubic, as used by
# Miettinen & Nurminen (1985).
mn_restricted <- function(x1, n1, x2, n2, delta) {
  p1 <- x1 / n1; p2 <- x2 / n2; theta <- n2 / n1
  a <- 1 + theta
  b <- -(1 + theta + p1 + theta * p2 + delta * (theta + 2))
  c <- delta^2 + delta * (2 * p1 + theta + 1) + p1 + theta * p2
  d <- -p1 * delta * (1 + delta)
  v <- b^3 / (3 * a)^3 - b * c / (6 * a^2) + d / (2 * a)
  u <- sign(v) * sqrt(b^2 / (3 * a)^2 - c / (3 * a))
  r <- if (u == 0) 0 else v / u^3
  w <- (pi + acos(max(-1, min(1, r)))) / 3
  p1t <- 2 * u * cos(w) - b / (3 * a)
  c(p1t, p1t - delta)
}

# Score statistic (p1^ - p2^ - delta) / sqrt(V~ N / (N - 1)).
mn_stat <- function(x1, n1, x2, n2, delta) {
  pt <- mn_restricted(x1, n1, x2, n2, delta)
  N <- n1 + n2
  V <- pt[1] * (1 - pt[1]) / n1 + pt[2] * (1 - pt[2]) / n2
  (x1 / n1 - x2 / n2 - delta) / sqrt(V * N / (N - 1))
}

# Check of the closed form: maximise the binomial likelihood under the
# constraint numerically.
mn_restricted_numeric <- function(x1, n1, x2, n2, delta) {
  ll <- function(p2) dbinom(x1, n1, p2 + delta, log = TRUE) + dbinom(x2, n2, p2, log = TRUE)
  o <- optimize(ll, c(max(0, -delta), min(1, 1 - delta)), maximum = TRUE, tol = 1e-13)
  c(o$maximum + delta, o$maximum)
}

mn_cases <- list(
  list(16, 29, 9, 30, "He 2020 SRI-4 week 12 (IL-2 16/29 vs placebo 9/30)"),
  list(19, 29, 11, 30, "ordinary data, moderate difference"),
  list(0, 20, 5, 20, "zero successes in group 1"),
  list(10, 10, 3, 10, "all successes in group 1"),
  list(400, 1000, 350, 1000, "large counts")
)

miettinen_nurminen <- lapply(mn_cases, function(cs) {
  x1 <- cs[[1]]; n1 <- cs[[2]]; x2 <- cs[[3]]; n2 <- cs[[4]]; conf <- 0.95
  try_case({
    z <- qnorm(1 - (1 - conf) / 2)
    d <- x1 / n1 - x2 / n2
    eps <- 1e-12
    lo <- uniroot(function(t) mn_stat(x1, n1, x2, n2, t) - z, c(-1 + eps, d), tol = 1e-12)$root
    hi <- uniroot(function(t) mn_stat(x1, n1, x2, n2, t) + z, c(d, 1 - eps), tol = 1e-12)$root
    for (t in c(lo, hi)) {
      stopifnot(max(abs(mn_restricted(x1, n1, x2, n2, t) - mn_restricted_numeric(x1, n1, x2, n2, t))) < 1e-7)
    }
    list(
      note = paste0(x1, "/", n1, " vs ", x2, "/", n2, ": ", cs[[5]],
                    ". Miettinen & Nurminen (1985) score interval for p1 - p2. No Debian R package provides it, so this is R code implementing the published formula (not a library function): ",
                    "restricted ML estimates p1~, p2~ under p1 - p2 = delta from Farrington & Manning's (1990) closed-form cubic solution (checked against numerical maximisation of the likelihood at both limits), ",
                    "score statistic (p1^ - p2^ - delta) / sqrt(V~ N / (N - 1)) with V~ = p1~(1 - p1~)/n1 + p2~(1 - p2~)/n2 and N = n1 + n2; ",
                    "the limits are the delta where the statistic equals +z (lower) and -z (upper), z = qnorm(0.975), found with uniroot(tol = 1e-12) on (-1 + 1e-12, p1^ - p2^) and (p1^ - p2^, 1 - 1e-12)."),
      x1 = x1, n1 = n1, x2 = x2, n2 = n2, conf = conf,
      difference = num(d),
      conf_int = arr(c(lo, hi))
    )
  })
})

# ---------------------------------------------------------------- logistic ---

set.seed(20240616)
lg_n <- 60
lg_group <- rep(c(0L, 1L), each = lg_n / 2)
lg_cov <- round(rnorm(lg_n, mean = 10, sd = 3), 1)
lg_y <- rbinom(lg_n, 1, plogis(-3 + 0.25 * lg_cov + 1.0 * lg_group))

logistic_cases <- list(
  list(c(rep(1L, 16), rep(0L, 13), rep(1L, 9), rep(0L, 21)), c(rep(1L, 29), rep(0L, 30)), NULL,
       "ordinary: He 2020 SRI-4 week 12 as individual responses (IL-2 16/29 = group 1, placebo 9/30 = group 0); without a covariate the odds ratio and its Wald interval equal the Woolf values of two_proportions' first case", "ordinary"),
  list(lg_y, lg_group, lg_cov,
       "with a covariate (a baseline score), n = 60 (drawn once with set.seed(20240616): covariate = round(rnorm(60, 10, 3), 1), y = rbinom(60, 1, plogis(-3 + 0.25 covariate + group)); the values in the JSON are the data)", "ordinary"),
  list(c(1L, rep(0L, 79), rep(1L, 5), rep(0L, 75)), rep(c(0L, 1L), each = 80), NULL,
       "rare outcome: 1/80 (group 0) vs 5/80 (group 1)", "ordinary"),
  list(c(rep(0L, 20), rep(1L, 5), rep(0L, 15)), rep(c(1L, 0L), each = 20), NULL,
       "quasi-complete separation: no responders in group 1 (0/20 vs 5/20 in group 0). The MLE of the group coefficient is -Inf; R's IRLS stops when its deviance criterion is met (epsilon = 1e-8) without a warning, so coef$group, se$group, odds_ratio_group, conf_int_wald, z_group and p_group are only where R stopped and are NOT meaningful reference values. The intercept (logit 5/20 = log(1/3)), deviance and null_deviance are meaningful (the deviance is at its limit to about 1e-8)", "separation"),
  list(c(0L, 0L, 0L, 0L, 0L, 1L, 1L, 1L, 1L, 1L), c(0L, 1L, 0L, 1L, 0L, 1L, 0L, 1L, 0L, 1L),
       c(2.1, 3.4, 4.0, 5.2, 5.9, 6.3, 7.1, 8.0, 8.8, 9.5),
       "complete separation by the covariate (y = 1 exactly when covariate > 6; an extra case). The MLE does not exist; all estimates, standard errors, z, p and the interval are where R stopped and are NOT meaningful reference values; only null_deviance is meaningful and deviance is near its limit 0", "separation")
)

logistic <- lapply(logistic_cases, function(cs) {
  y <- cs[[1]]; g <- cs[[2]]; x <- cs[[3]]
  try_case({
    fit <- if (is.null(x)) glm(y ~ g, family = binomial) else glm(y ~ g + x, family = binomial)
    co <- summary(fit)$coefficients
    nm <- c(intercept = "(Intercept)", group = "g", covariate = "x")
    if (is.null(x)) nm <- nm[1:2]
    z <- qnorm(0.975)
    b <- co["g", "Estimate"]; s <- co["g", "Std. Error"]
    # glm's standard errors use the IRLS weights of the last iteration, i.e. of
    # the previous coefficient iterate, so with the default epsilon they differ
    # from the standard errors at the MLE by up to about 1e-6 relative. Refit to
    # convergence for those (only where the MLE exists).
    at_mle <- NA
    if (cs[[5]] != "separation") {
      ctl <- glm.control(epsilon = 1e-15, maxit = 100)
      fit2 <- if (is.null(x)) glm(y ~ g, family = binomial, control = ctl) else glm(y ~ g + x, family = binomial, control = ctl)
      co2 <- summary(fit2)$coefficients
      b2 <- co2["g", "Estimate"]; s2 <- co2["g", "Std. Error"]
      at_mle <- list(
        coef = named_num(setNames(co2[nm, "Estimate"], names(nm))),
        se = named_num(setNames(co2[nm, "Std. Error"], names(nm))),
        conf_int_wald = arr(exp(c(b2 - z * s2, b2 + z * s2))),
        z_group = num(co2["g", "z value"]), p_group = num(co2["g", "Pr(>|z|)"]),
        deviance = num(fit2$deviance), iterations = fit2$iter
      )
    }
    list(
      note = paste0(cs[[4]], ". glm(y ~ group", if (is.null(x)) "" else " + covariate",
                    ", family = binomial) with R's default glm.control (epsilon = 1e-8, maxit = 25); coef and se from summary(fit)$coefficients; odds_ratio_group = exp(coef$group); ",
                    "conf_int_wald = exp(coef$group -/+ qnorm(0.975) se$group) (Wald, not profile likelihood); z_group and p_group are the Wald z and two-sided normal p-value; ",
                    "extra fields: converged and iterations are glm's fit$converged and fit$iter; at_mle = the same quantities from a refit with glm.control(epsilon = 1e-15, maxit = 100) ",
                    "(glm computes se from the IRLS weights of the previous iterate, so with the default epsilon se, z, p and the interval differ from their values at the MLE by up to about 1e-6 relative; coef and deviance agree to about 1e-12); at_mle is null where the MLE does not exist."),
      y = int_arr(y), group = int_arr(g), covariate = if (is.null(x)) NA else arr(x),
      coef = named_num(setNames(co[nm, "Estimate"], names(nm))),
      se = named_num(setNames(co[nm, "Std. Error"], names(nm))),
      odds_ratio_group = num(exp(b)),
      conf_int_wald = arr(exp(c(b - z * s, b + z * s))),
      z_group = num(co["g", "z value"]), p_group = num(co["g", "Pr(>|z|)"]),
      deviance = num(fit$deviance), null_deviance = num(fit$null.deviance),
      converged = fit$converged, iterations = fit$iter,
      at_mle = at_mle
    )
  })
})

# ----------------------------------------------------------------- dunnett ---

suppressPackageStartupMessages(library(mvtnorm))

dn_seed <- 20240620
dn_alg <- GenzBretz(maxpts = 1e6, abseps = 1e-6, releps = 0)
dn_alg_text <- "GenzBretz(maxpts = 1e6, abseps = 1e-6, releps = 0)"

dunnett_cases <- list(
  list(c(2.1, 3.0, 4.6, 5.2), 2.8, c(10, 10, 10, 10),
       "equal n = 10 per group (placebo, 0.2, 0.5, 1 MIU), outcome a SLEDAI-2K reduction (higher = better): all correlations 0.5"),
  list(c(3.0, 2.2, 4.1, 6.0), 3.1, c(15, 10, 12, 8),
       "unequal n (control 15; treatments 10, 12, 8), one treatment worse than control (negative statistic)"),
  list(c(2.0, 2.5, 3.5, 3.6), 3.0, c(40, 40, 40, 40),
       "n = 40 per group (a 160-patient design)")
)

dunnett <- list()
for (cs in dunnett_cases) {
  for (alt in c("greater", "two.sided")) {
    r <- try_case({
      means <- cs[[1]]; sdp <- cs[[2]]; n <- cs[[3]]; alpha <- 0.05
      k <- length(means) - 1
      df <- sum(n) - length(n)
      tstat <- (means[-1] - means[1]) / (sdp * sqrt(1 / n[-1] + 1 / n[1]))
      lam <- sqrt(n[-1] / (n[-1] + n[1]))
      corr <- outer(lam, lam); diag(corr) <- 1
      two <- alt == "two.sided"
      lim <- function(q) if (two) list(l = rep(-abs(q), k), u = rep(abs(q), k)) else list(l = rep(-Inf, k), u = rep(q, k))
      p_adj <- p_err <- numeric(k)
      for (i in seq_len(k)) {
        L <- lim(tstat[i])
        set.seed(dn_seed)
        pr <- pmvt(lower = L$l, upper = L$u, df = df, corr = corr, algorithm = dn_alg)
        p_adj[i] <- 1 - pr
        p_err[i] <- attr(pr, "error")
      }
      p_unadj <- if (two) 2 * pt(-abs(tstat), df) else pt(tstat, df, lower.tail = FALSE)
      set.seed(dn_seed)
      q <- qmvt(1 - alpha, tail = if (two) "both.tails" else "lower.tail", df = df, corr = corr, algorithm = dn_alg)
      # Critical value as the root of P(no rejection) = 1 - alpha with uniroot, the
      # pmvt call under the same seed at every step (a deterministic function of c).
      f_root <- function(cc) {
        L <- lim(cc); set.seed(dn_seed)
        pmvt(lower = L$l, upper = L$u, df = df, corr = corr, algorithm = dn_alg) - (1 - alpha)
      }
      a1 <- if (two) 1 - alpha / 2 else 1 - alpha
      a2 <- if (two) 1 - alpha / (2 * k) else 1 - alpha / k
      croot <- uniroot(f_root, c(qt(a1, df) - 0.01, qt(a2, df) + 0.01), tol = 1e-10)$root
      if (!two) {
        # Deterministic check for the one-sided case (dimension 3, integer df).
        tv <- TVPACK(abseps = 1e-12)
        p_tv <- sapply(tstat, function(ti) 1 - pmvt(lower = rep(-Inf, k), upper = rep(ti, k), df = df, corr = corr, algorithm = tv))
        c_tv <- uniroot(function(cc) pmvt(lower = rep(-Inf, k), upper = rep(cc, k), df = df, corr = corr, algorithm = tv) - (1 - alpha),
                        c(qt(a1, df) - 0.01, qt(a2, df) + 0.01), tol = 1e-12)$root
      }
      list(
        note = paste0(cs[[4]], ". Dunnett many-to-one comparisons, ",
                      if (two) "TWO-SIDED: p_adjusted[i] = P(max_j |T_j| >= |t_i|)" else "ONE-SIDED 'greater' (treatment better than control): p_adjusted[i] = P(max_j T_j >= t_i)",
                      ", T multivariate t with df = sum(n) - 4 and correlation[i][j] = sqrt(n_i n_j / ((n_i + n_0)(n_j + n_0))) (Dunnett's contrasts); statistics[i] = (mean_i - mean_0) / (sd_pooled sqrt(1/n_i + 1/n_0)). ",
                      "Computed with mvtnorm ", as.character(packageVersion("mvtnorm")), ": p_adjusted = 1 - pmvt(lower, upper, df, corr, algorithm = ", dn_alg_text,
                      ") and critical_value = qmvt(1 - alpha, tail = \"", if (two) "both.tails" else "lower.tail", "\", df, corr, algorithm = same; default ptol = 0.001)$quantile, each call preceded by set.seed(", dn_seed, "). ",
                      "pmvt's Genz-Bretz algorithm is randomised quasi-Monte Carlo, so p_adjusted agrees with an exact value only to about 1e-6 (p_adjusted_error is mvtnorm's own error estimate) and critical_value only to about 1e-4 (qmvt stops its search at ptol); compare to about 1e-4 absolute. ",
                      "Extra fields: p_unadjusted = marginal t p-value; critical_value_root = uniroot(tol = 1e-10) root of pmvt(...) = 1 - alpha with the same algorithm and seed at every step (about 1e-5)",
                      if (two) "; p_adjusted_tvpack and critical_value_tvpack are null (TVPACK needs lower = -Inf)." else "; p_adjusted_tvpack and critical_value_tvpack use mvtnorm's deterministic TVPACK(abseps = 1e-12) algorithm (dimension 3, integer df; critical value by uniroot(tol = 1e-12)) and are accurate to about 1e-9."),
        alternative = alt, alpha = alpha,
        means = arr(means), sd_pooled = sdp, n_per_group = int_arr(n), df = df,
        correlation = lapply(seq_len(k), function(i) arr(corr[i, ])),
        statistics = arr(tstat), p_unadjusted = arr(p_unadj),
        p_adjusted = arr(p_adj), p_adjusted_error = arr(p_err),
        critical_value = num(q$quantile), critical_value_root = num(croot),
        p_adjusted_tvpack = if (two) NA else arr(p_tv),
        critical_value_tvpack = if (two) NA else num(c_tv),
        mvtnorm_algorithm = dn_alg_text, mvtnorm_abseps = dn_alg$abseps, seed = dn_seed
      )
    })
    dunnett[[length(dunnett) + 1]] <- r
  }
}

# ------------------------------------------------------------------ mcpmod ---

suppressPackageStartupMessages(library(DoseFinding))

mcp_levels <- c(0, 0.2, 0.5, 1)
mcp_nper <- 10
mcp_dose <- rep(mcp_levels, each = mcp_nper)
set.seed(20240618)
# "+ 0" turns R's negative zero from round() into 0 (jsonlite would write -0).
mcp_resp_emax <- round(-2 + (-6) * mcp_dose / (0.1 + mcp_dose) + rnorm(length(mcp_dose), sd = 3)) + 0
set.seed(20240619)
mcp_resp_null <- round(-2 + rnorm(length(mcp_dose), sd = 3)) + 0

mcp_mods_text <- "Mods(linear = NULL, emax = 0.2, sigEmax = c(0.4, 3), exponential = 0.5, quadratic = -0.7, doses = c(0, 0.2, 0.5, 1), direction = \"decreasing\")"
mcp_mods <- eval(parse(text = mcp_mods_text))
mcp_ctrl_text <- "mvtnorm.control(maxpts = 1e6, abseps = 1e-6)"
mcp_ctrl <- eval(parse(text = mcp_ctrl_text))
mcp_delta <- 4
mcp_seed <- 20240621
mcp_mct_text <- "MCTtest(dose, resp, data = d, models = mods, alpha = 0.025, alternative = \"one.sided\", critV = TRUE, mvtcontrol = ctrl)"
mcp_mcp_text <- "MCPMod(dose, resp, data = d, models = mods, alpha = 0.025, alternative = \"one.sided\", selModel = \"AIC\", Delta = 4, mvtcontrol = ctrl)"

mcpmod_cases <- list(
  list(mcp_resp_emax,
       "clear Emax-shaped signal: change from baseline in SLEDAI-2K (negative = improvement), 10 patients per dose, drawn once with set.seed(20240618) as round(-2 - 6 dose / (0.1 + dose) + rnorm(40, sd = 3)) (the seed was chosen so that the draw shows the Emax shape; with 20240617 AIC picked the linear model); the values in the JSON are the data"),
  list(mcp_resp_null,
       "no signal: change from baseline in SLEDAI-2K, drawn once with set.seed(20240619) as round(-2 + rnorm(40, sd = 3)) at every dose; no contrast is significant, so MCPMod fits no model: selected_model, target_dose and fits are null/empty")
)

mcpmod <- lapply(mcpmod_cases, function(cs) {
  resp <- cs[[1]]
  try_case({
    d <- data.frame(dose = mcp_dose, resp = resp)
    mods <- mcp_mods; ctrl <- mcp_ctrl
    set.seed(mcp_seed)
    mt <- eval(parse(text = mcp_mct_text))
    set.seed(mcp_seed)
    mp <- eval(parse(text = mcp_mcp_text))
    stopifnot(isTRUE(all.equal(as.vector(mt$tStat), as.vector(mp$MCTtest$tStat), tolerance = 1e-14)))
    models <- colnames(mt$contMat)
    tstat <- setNames(as.vector(mt$tStat), models)
    pval <- setNames(attr(mt$tStat, "pVal"), models)
    df <- length(resp) - length(mcp_levels)
    nmod <- length(models)
    f_root <- function(cc) {
      set.seed(mcp_seed)
      pmvt(lower = rep(-Inf, nmod), upper = rep(cc, nmod), df = df, corr = mt$corMat,
           algorithm = GenzBretz(maxpts = 1e6, abseps = 1e-6, releps = 0)) - 0.975
    }
    croot <- uniroot(f_root, c(qt(0.975, df) - 0.01, qt(1 - 0.025 / nmod, df) + 0.01), tol = 1e-10)$root
    fitted <- names(mp$mods)
    # Nonlinear parameters that ended on a bound of defBnds(1).
    bnds <- defBnds(max(mcp_levels))
    at_bound <- character(0)
    for (m in fitted) {
      if (is.null(bnds[[m]])) next
      b <- matrix(bnds[[m]], ncol = 2)
      cf <- coef(mp$mods[[m]])
      par <- cf[(length(cf) - nrow(b) + 1):length(cf)]
      for (i in seq_len(nrow(b))) {
        hit <- which(abs(par[i] - b[i, ]) < 1e-6 * max(1, abs(b[i, ])))
        if (length(hit) > 0) at_bound <- c(at_bound, sprintf("%s %s = %s (%s bound %s)", m, names(par)[i], format(par[i], digits = 15), c("lower", "upper")[hit[1]], format(b[i, hit[1]])))
      }
    }
    bound_text <- if (length(at_bound) > 0) paste0(" Fitted nonlinear parameters on a bound of defBnds(1): ", paste(at_bound, collapse = "; "), "; a C++ fit must apply the same bounds to match.") else ""
    fits <- setNames(lapply(fitted, function(m) {
      list(coef = named_num(coef(mp$mods[[m]])), aic = num(mp$modcrit[[m]]),
           target_dose = num(mp$doseEst[[m]]))
    }), fitted)
    sel <- mp$selMod
    list(
      note = paste0(cs[[2]], ". DoseFinding ", as.character(packageVersion("DoseFinding")), " with mvtnorm ", as.character(packageVersion("mvtnorm")),
                    ": mods <- ", mcp_mods_text, "; ctrl <- ", mcp_ctrl_text, "; d <- data.frame(dose, resp); ",
                    "contrast_matrix, t_statistics, critical_value and p_values from set.seed(", mcp_seed, "); ", mcp_mct_text, "; ",
                    "fits, selected_model and target_dose from set.seed(", mcp_seed, "); ", mcp_mcp_text, " (default bounds defBnds(1) for the nonlinear parameters). ",
                    "direction = \"decreasing\": a larger SLEDAI-2K reduction is better, the contrasts are oriented so that a decreasing dose-response gives a positive t, and target_dose is the smallest dose at which the fitted model is Delta = 4 points below placebo (TD, TDtype \"continuous\"; 4 points is the SRI-4 SLEDAI-2K threshold). ",
                    "contrast_matrix holds DoseFinding's optimal contrasts (optContr, normalised to unit length), one coefficient per dose level in the order of dose_levels; t_statistics are exact (no simulation). ",
                    "critical_value (qmvt inside DoseFinding's critVal, ptol 0.001) and p_values (1 - pmvt) use mvtnorm's randomised quasi-Monte Carlo Genz-Bretz algorithm. The 5 contrasts of 4 dose groups span only 3 dimensions (their correlation matrix is singular), and pmvt does not reach abseps = 1e-6 within maxpts = 1e6 (its error estimate is about 3e-5, hence the warning), ",
                    "so the p-values agree only to about 5e-5 and the critical value only to about 1e-3 (other seeds and a 2e7-point integration move it by up to 7e-4); compare with those tolerances. ",
                    "Extra field critical_value_root = uniroot(tol = 1e-10) root of pmvt(-Inf, c, df, corr = contrast_correlation, GenzBretz(maxpts = 1e6, abseps = 1e-6)) = 0.975 under set.seed(", mcp_seed, ") at every step; for the reason above it is NOT more accurate than critical_value here (also about 1e-3). ",
                    "Fitted coefficients, AIC and target doses come from DoseFinding's bounded least-squares fits (optimize / nlminb), accurate to about 1e-7 relative.", bound_text, " ",
                    "Extra fields: df = residual df of the ANOVA fit; contrast_correlation; significant models' fits {coef, aic (MCPMod's modcrit), target_dose}; target_dose is the selected model's."),
      dose_levels = arr(mcp_levels), dose = arr(mcp_dose), response = arr(resp),
      models = mcp_mods_text,
      direction = "decreasing", alpha = 0.025, alternative = "one.sided", delta = mcp_delta,
      mvtcontrol = mcp_ctrl_text, mvtnorm_abseps = mcp_ctrl$abseps, seed = mcp_seed, df = df,
      contrast_matrix = setNames(lapply(models, function(m) arr(mt$contMat[, m])), models),
      contrast_correlation = setNames(lapply(models, function(m) arr(mt$corMat[, m])), models),
      t_statistics = named_num(tstat),
      critical_value = num(mt$critVal), critical_value_root = num(croot),
      p_values = named_num(pval),
      significant_models = I(as.character(fitted)),
      fits = if (length(fits) == 0) structure(list(), names = character(0)) else fits,
      selected_model = if (is.null(sel)) NA else sel,
      target_dose = if (is.null(sel)) NA else num(mp$doseEst[[sel]])
    )
  })
})

# ---------------------------------------------------------- dose_response_fits ---
# Each candidate model fitted alone (DoseFinding::fitMod with defBnds(1)), on five dose
# levels so that the 4-parameter models (logistic, sigEmax) do not simply interpolate.

drf_levels <- c(0, 0.1, 0.2, 0.5, 1)
drf_dose <- rep(drf_levels, each = 8)
set.seed(20240622)
drf_resp <- round(-2 - 6 / (1 + exp((0.3 - drf_dose) / 0.08)) + rnorm(length(drf_dose), sd = 2), 1) + 0
drf_delta <- 3

dose_response_fits <- lapply(c("linear", "quadratic", "emax", "exponential", "sigEmax", "logistic"), function(m) {
  try_case({
    d <- data.frame(dose = drf_dose, resp = drf_resp)
    fit <- if (m %in% c("linear", "quadratic")) fitMod(dose, resp, data = d, model = m) else
      fitMod(dose, resp, data = d, model = m, bnds = defBnds(max(drf_levels))[[m]])
    td <- tryCatch(TD(fit, Delta = drf_delta, direction = "decreasing"), error = function(e) NA)
    list(
      note = paste0(m, " fitted alone: fitMod(dose, resp, data = d, model = \"", m, "\"",
                    if (m %in% c("linear", "quadratic")) "" else ", bnds = defBnds(1)[[model]]",
                    "); aic = AIC(fit); target_dose = TD(fit, Delta = 3, direction = \"decreasing\") (NA where none). ",
                    "Data drawn once with set.seed(20240622) as round(-2 - 6 / (1 + exp((0.3 - dose) / 0.08)) + rnorm(40, sd = 2), 1), 8 per dose; the values in the JSON are the data. ",
                    "Bounded least squares (optimize / nlminb): about 1e-7 relative."),
      model = m, dose = arr(drf_dose), response = arr(drf_resp), delta = drf_delta, direction = "decreasing",
      coef = named_num(coef(fit)), aic = num(AIC(fit)), target_dose = num(td)
    )
  })
})

# ----------------------------------------------------------------- incidence ---
# Events per 100 patient-years with the exact Poisson interval: poisson.test(x, T).

incidence <- lapply(list(c(12, 86.5), c(0, 40), c(1, 10), c(57, 1234.25), c(300, 2500)), function(v) {
  try_case({
    pt <- poisson.test(v[1], v[2])
    list(note = "100 * poisson.test(events, patient_years)$estimate and $conf.int (exact, Garwood)",
         events = v[1], patient_years = v[2],
         per_100py = num(100 * unname(pt$estimate)), conf_int = arr(100 * as.vector(pt$conf.int)))
  })
})

# --------------------------------------------------------------- stats_cli ---
# The numbers `il2trial stats` prints for the example files in examples/stats/,
# computed by R from the same files (read.csv from the repository root). Each case
# stores the columns it read, so the C++ test (tests/stats/test_stats_cli_against_r.cpp)
# sees if a file changes. Groups are as the command orders them: sorted labels, the
# control (reference) last, the first compared with it. No random draws here; the
# Genz-Bretz calls are preceded by set.seed(dn_seed), as in the dunnett section.

cli_read <- function(f) read.csv(file.path("examples", "stats", f), stringsAsFactors = FALSE, check.names = FALSE)
cli_sort <- function(v) sort(unique(v), method = "radix")  # byte order, as the command sorts labels
cli_z <- qnorm(0.975)

cli_sri4 <- cli_read("sri4.csv")
cli_gehan <- cli_read("gehan.csv")
cli_doses <- cli_read("doses.csv")
cli_treg <- cli_read("treg.csv")

cli_proportion <- try_case({
  d <- cli_sri4
  groups <- cli_sort(d$arm)
  list(
    note = paste0("il2trial stats proportion examples/stats/sri4.csv --group arm --response sri4_w12: each group's x/n, ",
                  "wilson = prop.test(x, n, correct = FALSE)$conf.int, clopper_pearson = binom.test(x, n)$conf.int (conf.level 0.95)."),
    args = "proportion examples/stats/sri4.csv --group arm --response sri4_w12",
    file = "examples/stats/sri4.csv",
    per_group = lapply(groups, function(g) {
      y <- d$sri4_w12[d$arm == g]; x <- sum(y); n <- length(y)
      list(group = g, x = x, n = n, proportion = x / n,
           wilson = arr(prop.test(x, n, correct = FALSE)$conf.int),
           clopper_pearson = arr(binom.test(x, n)$conf.int))
    })
  )
})

cli_logistic <- try_case({
  d <- cli_sri4
  groups <- cli_sort(d$arm)
  d$group <- as.integer(d$arm == groups[1])
  fit <- glm(sri4_w12 ~ group, family = binomial, data = d)
  co <- summary(fit)$coefficients
  ci <- confint.default(fit, level = 0.95)
  nm <- c(intercept = "(Intercept)", group = "group")
  prof <- suppressMessages(confint(fit, level = 0.95))
  list(
    note = paste0("il2trial stats logistic examples/stats/sri4.csv --group arm --response sri4_w12: fit <- glm(sri4_w12 ~ group, family = binomial) with group = 1 for ",
                  groups[1], "; estimate and se from summary(fit)$coefficients; conf_int_wald = confint.default(fit) (Wald: coef -/+ qnorm(0.975) se, on the log-odds scale); ",
                  "odds_ratio_conf_int = exp(conf_int_wald of group). conf_int_profile = confint(fit) (profile likelihood, MASS's method in R 4.2), for the record only: the command prints Wald intervals."),
    args = "logistic examples/stats/sri4.csv --group arm --response sri4_w12",
    file = "examples/stats/sri4.csv",
    coefficients = setNames(lapply(names(nm), function(k) list(
      estimate = num(co[nm[[k]], "Estimate"]), std_error = num(co[nm[[k]], "Std. Error"]),
      conf_int_wald = arr(ci[nm[[k]], ]), conf_int_profile = arr(prof[nm[[k]], ]))), names(nm)),
    odds_ratio = num(exp(coef(fit)[["group"]])),
    odds_ratio_conf_int = arr(exp(ci["group", ]))
  )
})

cli_dunnett <- lapply(c("greater", "two.sided"), function(alt) try_case({
  d <- cli_doses
  control <- "placebo"
  treat <- setdiff(cli_sort(d$arm), control)
  d$arm <- factor(d$arm, levels = c(control, treat))
  fit <- lm(sledai_reduction ~ arm, data = d)
  means <- tapply(d$sledai_reduction, d$arm, mean)
  n <- as.vector(table(d$arm))
  sdp <- sigma(fit); df <- fit$df.residual; k <- length(treat)
  est <- as.vector(means[-1] - means[1])
  se <- sdp * sqrt(1 / n[-1] + 1 / n[1])
  tstat <- est / se
  lam <- sqrt(n[-1] / (n[-1] + n[1]))
  corr <- outer(lam, lam); diag(corr) <- 1
  two <- alt == "two.sided"
  if (two) {
    pr <- function(q) { set.seed(dn_seed); pmvt(lower = rep(-abs(q), k), upper = rep(abs(q), k), df = df, corr = corr, algorithm = dn_alg) }
    p_adj <- sapply(tstat, function(t) 1 - pr(t))
    crit <- uniroot(function(cc) pr(cc) - 0.95, c(qt(0.975, df) - 0.01, qt(1 - 0.025 / k, df) + 0.01), tol = 1e-10)$root
    lims <- cbind(est - crit * se, est + crit * se)
    how <- paste0("TWO-SIDED: p_adjusted = 1 - pmvt(-|t|, |t|, df, corr, algorithm = ", dn_alg_text, ") after set.seed(", dn_seed,
                  ") (about 1e-6); critical_value = uniroot(tol = 1e-10) of that pmvt = 0.95 under the same seed at every step (about 1e-5); ",
                  "conf_int = estimate -/+ critical_value * std_error")
  } else {
    tv <- TVPACK(abseps = 1e-12)
    pr <- function(q) pmvt(lower = rep(-Inf, k), upper = rep(q, k), df = df, corr = corr, algorithm = tv)
    p_adj <- sapply(tstat, function(t) 1 - pr(t))
    crit <- uniroot(function(cc) pr(cc) - 0.95, c(qt(0.95, df) - 0.01, qt(1 - 0.05 / k, df) + 0.01), tol = 1e-12)$root
    lims <- cbind(est - crit * se, Inf)
    how <- paste0("ONE-SIDED 'greater': p_adjusted = 1 - pmvt(-Inf, t, df, corr, algorithm = TVPACK(abseps = 1e-12)) (deterministic, about 1e-9); ",
                  "critical_value = uniroot(tol = 1e-12) of that pmvt = 0.95; conf_int = [estimate - critical_value * std_error, Inf)")
  }
  # The same intervals as multcomp's, where multcomp is installed (a check, not an output:
  # multcomp's qmvt stops at its default tolerance, about 1e-3).
  mc_dev <- NA
  if (requireNamespace("multcomp", quietly = TRUE)) {
    set.seed(dn_seed)
    g <- multcomp::glht(fit, linfct = multcomp::mcp(arm = "Dunnett"), alternative = alt)
    mc <- confint(g, level = 0.95)$confint
    stopifnot(isTRUE(all.equal(as.vector(mc[, "Estimate"]), est, tolerance = 1e-12)))
    mc_dev <- max(abs(mc[, "lwr"] - lims[, 1]), if (two) abs(mc[, "upr"] - lims[, 2]) else 0)
    stopifnot(mc_dev < 5e-3)
    message(sprintf("stats_cli dunnett %s: multcomp confint differs from the reference limits by at most %.2g", alt, mc_dev))
  }
  list(
    note = paste0("il2trial stats dunnett examples/stats/doses.csv --group arm --outcome sledai_reduction --reference placebo",
                  if (two) "" else " --one-sided", ": fit <- lm(sledai_reduction ~ arm) with placebo the first level; estimate = mean_i - mean_placebo, ",
                  "std_error = sigma(fit) sqrt(1/n_i + 1/n_0), statistic = estimate / std_error, df = fit$df.residual; Dunnett's correlation sqrt(n_i n_j / ((n_i + n_0)(n_j + n_0))). ",
                  how, ". These are the simultaneous intervals of multcomp's confint(glht(fit, linfct = mcp(arm = \"Dunnett\"), alternative = \"", alt,
                  "\"), level = 0.95); the script checks them against multcomp (when it is installed) to its qmvt tolerance."),
    args = paste0("dunnett examples/stats/doses.csv --group arm --outcome sledai_reduction --reference placebo", if (two) "" else " --one-sided"),
    alternative = alt, conf_level = 0.95,
    file = "examples/stats/doses.csv",
    control = control, groups = I(treat), df = df,
    estimate = arr(est), std_error = arr(se), statistic = arr(tstat), p_adjusted = arr(p_adj),
    critical_value = num(crit),
    conf_int = lapply(seq_len(k), function(i) arr(lims[i, ]))
  )
}))

cli_km <- try_case({
  d <- cli_gehan
  groups <- cli_sort(d$arm)
  fit <- survfit(Surv(weeks, relapse) ~ arm, data = d, conf.type = "log-log")
  tab <- summary(fit)$table
  sdf <- survdiff(Surv(weeks, relapse) ~ arm, data = d)
  rownames(tab) <- sub("^arm=", "", rownames(tab))
  list(
    note = paste0("il2trial stats km examples/stats/gehan.csv --time weeks --event relapse --group arm: survfit(Surv(weeks, relapse) ~ arm, conf.type = \"log-log\"); ",
                  "per group n = summary(fit)$table[, \"n.max\"], events, median and its interval (0.95LCL, 0.95UCL; null where the curve never reaches it); ",
                  "logrank = survdiff(Surv(weeks, relapse) ~ arm) (chisq, df, p from pchisq, observed, expected per group in the order of groups)."),
    args = "km examples/stats/gehan.csv --time weeks --event relapse --group arm",
    file = "examples/stats/gehan.csv",
    per_group = lapply(groups, function(g) list(
      group = g, n = num(tab[g, "n.max"]), events = num(tab[g, "events"]),
      median = num(tab[g, "median"]), conf_int = list(num(tab[g, "0.95LCL"]), num(tab[g, "0.95UCL"])))),
    logrank = list(chisq = num(sdf$chisq), df = length(sdf$n) - 1,
                   p_value = num(pchisq(sdf$chisq, length(sdf$n) - 1, lower.tail = FALSE)),
                   observed = arr(sdf$obs), expected = arr(sdf$exp))
  )
})

cli_wilcoxon_case <- function(d, outcome, args, what) try_case({
  groups <- cli_sort(d$arm)
  x <- d[[outcome]][d$arm == groups[1]]; y <- d[[outcome]][d$arm == groups[2]]
  w <- wilcox.test(x, y, conf.int = TRUE)
  normal <- !grepl("exact", w$method)
  dd <- pairwise_diffs(x, y)
  hl <- median(dd)
  ci_conv <- w$conf.int
  if (normal) {
    wt <- suppressWarnings(wilcox.test(x, y, conf.int = TRUE, tol.root = 1e-12))
    snap <- function(v) { k <- which.min(abs(dd - v)); if (abs(dd[k] - v) < 1e-8) dd[k] else v }
    ci_conv <- sapply(wt$conf.int, snap)
  }
  list(
    note = paste0("il2trial stats ", args, ": ", what, ". wilcox.test(x, y, conf.int = TRUE) with R's defaults (exact when both groups are below 50 and nothing is tied, ",
                  "otherwise the normal approximation with the tie-corrected variance and the continuity correction), x = ", groups[1], ", y = ", groups[2],
                  "; statistic is W = rank sum of x - n_x (n_x + 1) / 2; hodges_lehmann = median of all x_i - y_j; conf_int_converged = conf_int for the exact method, ",
                  "otherwise the limits of wilcox.test(..., tol.root = 1e-12) snapped to the pairwise difference they converge to (R's default uniroot tolerance is 1e-4)."),
    args = args,
    file = "examples/stats/treg.csv",
    groups = I(groups), n = int_arr(c(length(x), length(y))),
    method = w$method, statistic = num(w$statistic), p_value = num(w$p.value),
    estimate = num(w$estimate), conf_int = arr(w$conf.int),
    hodges_lehmann = num(hl), conf_int_converged = arr(ci_conv)
  )
})

cli_wilcoxon <- list(
  cli_wilcoxon_case(cli_treg, "treg_pct_w12", "wilcoxon examples/stats/treg.csv --group arm --outcome treg_pct_w12",
                    "Treg % at week 12, 9 vs 8, no ties: the exact test"),
  cli_wilcoxon_case(cli_treg, "esspri_change_w12", "wilcoxon examples/stats/treg.csv --group arm --outcome esspri_change_w12",
                    "ESSPRI change at week 12, 9 vs 8 with ties: the normal approximation")
)

# The columns R read, per file (text columns as strings, the others as numbers).
cli_file <- function(d) lapply(d, function(v) if (is.character(v)) I(v) else arr(v))

stats_cli <- list(
  note = "The new numbers of `il2trial stats` on the files in examples/stats/, each from R on the same file: per-group proportions, logistic Wald intervals, Dunnett's simultaneous intervals, Kaplan-Meier per group with the log-rank test, and the Wilcoxon rank-sum test. MCP-Mod on examples/stats/mcpmod.csv is the first case of the mcpmod section (the same data). files holds the columns R read from each file; each case's args are the command's arguments (after `il2trial stats`).",
  files = list("examples/stats/sri4.csv" = cli_file(cli_sri4), "examples/stats/gehan.csv" = cli_file(cli_gehan),
               "examples/stats/doses.csv" = cli_file(cli_doses), "examples/stats/treg.csv" = cli_file(cli_treg)),
  proportion = cli_proportion, logistic = cli_logistic, dunnett = collect(cli_dunnett), km_group = cli_km,
  wilcoxon = collect(cli_wilcoxon)
)
for (nm in c("proportion", "logistic", "km_group")) if (is_err(stats_cli[[nm]])) stop("stats_cli ", nm, ": ", stats_cli[[nm]]$msg)

# ------------------------------------------------------------------ output ---

# Report cases R could not produce (they are left out of the JSON).
report_errors <- function(name, cases) {
  errs <- Filter(is_err, cases)
  for (e in errs) message(name, ": case left out: ", e$msg)
}
sections <- list(
  proportion_ci = proportion_ci, two_proportions = two_proportions,
  fisher = fisher, chisq = chisq, cmh = cmh, ttest = ttest, ancova = ancova,
  wilcoxon = wilcoxon, km = km, logrank = logrank, cox = cox,
  poisson = poisson, multiplicity = multiplicity,
  miettinen_nurminen = miettinen_nurminen, logistic = logistic,
  dunnett = dunnett, mcpmod = mcpmod, dose_response_fits = dose_response_fits, incidence = incidence
)
for (nm in names(sections)) report_errors(nm, sections[[nm]])

result <- c(
  list(
    r_version = R.version.string,
    packages = list(
      survival = as.character(packageVersion("survival")),
      DoseFinding = as.character(packageVersion("DoseFinding"))
    )
  ),
  lapply(sections, collect),
  # Added with the dunnett and mcpmod sections; kept apart from "packages" so
  # that the keys existing before stay exactly as they were.
  list(
    more_packages = list(
      mvtnorm = as.character(packageVersion("mvtnorm")),
      jsonlite = as.character(packageVersion("jsonlite"))
    )
  ),
  # Added last, after more_packages, so that every earlier key keeps its place.
  list(stats_cli = stats_cli)
)

for (nm in names(sections)) message(sprintf("%-16s %d cases", nm, length(result[[nm]])))
message(sprintf("%-16s %d cases", "stats_cli", 3 + length(stats_cli$dunnett) + length(stats_cli$wilcoxon)))

write_json(result, out_file, digits = NA, auto_unbox = TRUE, pretty = TRUE, na = "null")
message("wrote ", out_file)
