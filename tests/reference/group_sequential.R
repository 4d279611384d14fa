# Reference values for il2trial's group-sequential designs (src/stats/group_sequential.h),
# computed with rpact. Run from the repository root:
#
#   Rscript tests/reference/group_sequential.R
#
# writes tests/reference/group_sequential.json, read by
# tests/stats/test_group_sequential.cpp. Needs r-cran-rpact and r-cran-jsonlite
# (Debian). Deterministic: no random numbers are drawn.
#
# Every design is one-sided (sided = 1) with alpha = 0.025 and beta = 0.2.
# For each design the JSON holds:
#   * the design's inputs (type_of_design, gamma_a, type_beta_spending, gamma_b,
#     binding_futility, information_rates);
#   * getDesignGroupSequential(): critical_values, futility_bounds ([] when there is
#     no futility), alpha_spent, stage_levels, beta_spent and power ([] without
#     futility);
#   * getDesignCharacteristics(): shift (the squared drift at power 1 - beta),
#     inflation_factor (shift / nFixed), n_fixed, power, rejection_probabilities,
#     futility_probabilities (K - 1 values), average_sample_number 1, 01 and 0;
#   * getPowerAndAverageSampleNumber(nMax = 1) at a few drifts theta (the mean of
#     Z_K): reject_per_stage, futility_per_stage (K - 1), early_stop (K - 1),
#     overall_reject, expected_information (the ASN at nMax = 1).
# rpact's own notes: alpha_spent[K] is floored to 1e-8 by rpact
# (.calculateAlphaSpent); for a design without futility bounds rpact integrates from
# -6, so its futility_per_stage are ~1e-9 rather than 0.
# Designs rpact refuses (futility bound crossing the critical value) are listed under
# "skipped" with rpact's message.

suppressPackageStartupMessages({
  library(rpact)
  library(jsonlite)
})

out_file <- file.path("tests", "reference", "group_sequential.json")

arr <- function(v) I(as.numeric(unname(v)))  # always a JSON array
num <- function(v) if (is.null(v) || length(v) == 0 || is.na(v)) NA else as.numeric(unname(v))

alpha <- 0.025
beta <- 0.2

rates_for <- function(k, equal) {
  if (equal) return((1:k) / k)
  switch(as.character(k),
    "2" = c(0.4, 1),
    "3" = c(0.3, 0.7, 1),
    "4" = c(0.2, 0.45, 0.75, 1),
    "5" = c(0.15, 0.3, 0.6, 0.8, 1)
  )
}

efficacy_types <- list(
  list(type = "asOF", gamma = NA),
  list(type = "asP", gamma = NA),
  list(type = "asHSD", gamma = -4),
  list(type = "asHSD", gamma = 1),
  list(type = "asKD", gamma = 3),
  list(type = "OF", gamma = NA),
  list(type = "P", gamma = NA)
)

futility_types <- list(
  list(type = "none", gamma = NA, binding = FALSE),
  list(type = "bsOF", gamma = NA, binding = FALSE),
  list(type = "bsOF", gamma = NA, binding = TRUE),
  list(type = "bsP", gamma = NA, binding = FALSE),
  list(type = "bsP", gamma = NA, binding = TRUE),
  list(type = "bsHSD", gamma = -2, binding = FALSE),
  list(type = "bsHSD", gamma = -2, binding = TRUE),
  list(type = "bsHSD", gamma = 1, binding = FALSE),
  list(type = "bsHSD", gamma = 1, binding = TRUE)
)

make_design <- function(eff, fut, rates) {
  args <- list(
    kMax = length(rates), alpha = alpha, beta = beta, sided = 1,
    informationRates = rates, typeOfDesign = eff$type
  )
  if (!is.na(eff$gamma)) args$gammaA <- eff$gamma
  if (fut$type != "none") {
    args$typeBetaSpending <- fut$type
    args$bindingFutility <- fut$binding
    if (!is.na(fut$gamma)) args$gammaB <- fut$gamma
  }
  do.call(getDesignGroupSequential, args)
}

one_case <- function(eff, fut, rates) {
  k <- length(rates)
  d <- make_design(eff, fut, rates)
  ch <- getDesignCharacteristics(d)
  has_futility <- fut$type != "none"
  drift1 <- sqrt(ch$shift)
  thetas <- c(0, 1.5, drift1 / 2, drift1, 4, -0.5)
  pa <- getPowerAndAverageSampleNumber(d, theta = thetas, nMax = 1)
  drifts <- lapply(seq_along(thetas), function(i) {
    list(
      theta = thetas[i],
      reject_per_stage = arr(pa$rejectPerStage[, i]),
      futility_per_stage = arr(pa$futilityPerStage[, i]),
      early_stop = arr(pa$earlyStop[1:(k - 1), i]),
      overall_reject = pa$calculatedPower[i],
      expected_information = pa$averageSampleNumber[i]
    )
  })
  list(
    id = sprintf(
      "%s%s K=%d t=(%s) %s%s%s", eff$type,
      if (is.na(eff$gamma)) "" else sprintf("(%g)", eff$gamma), k,
      paste(format(rates, digits = 4), collapse = ","), fut$type,
      if (is.na(fut$gamma)) "" else sprintf("(%g)", fut$gamma),
      if (!has_futility) "" else if (fut$binding) " binding" else " non-binding"
    ),
    type_of_design = eff$type,
    gamma_a = num(eff$gamma),
    type_beta_spending = fut$type,
    gamma_b = num(fut$gamma),
    binding_futility = fut$binding,
    alpha = alpha,
    beta = beta,
    information_rates = arr(rates),
    critical_values = arr(d$criticalValues),
    futility_bounds = if (has_futility) arr(d$futilityBounds) else arr(numeric(0)),
    alpha_spent = arr(d$alphaSpent),
    stage_levels = arr(d$stageLevels),
    beta_spent = if (has_futility) arr(d$betaSpent) else arr(numeric(0)),
    power = if (has_futility) arr(d$power) else arr(numeric(0)),
    characteristics = list(
      shift = ch$shift,
      inflation_factor = ch$inflationFactor,
      n_fixed = ch$nFixed,
      power = arr(ch$power),
      rejection_probabilities = arr(ch$rejectionProbabilities),
      futility_probabilities = arr(ch$futilityProbabilities),
      average_sample_number1 = ch$averageSampleNumber1,
      average_sample_number01 = ch$averageSampleNumber01,
      average_sample_number0 = ch$averageSampleNumber0
    ),
    drifts = drifts
  )
}

designs <- list()
skipped <- list()
for (eff in efficacy_types) {
  spending <- startsWith(eff$type, "as")
  for (k in 2:4) {
    for (equal in c(TRUE, FALSE)) {
      rates <- rates_for(k, equal)
      futs <- if (spending) futility_types else futility_types[1]
      # asKD is an extra: only without futility and with bsP futility.
      if (eff$type == "asKD") futs <- futility_types[c(1, 4, 5)]
      for (fut in futs) {
        res <- tryCatch(one_case(eff, fut, rates), error = function(e) conditionMessage(e))
        if (is.character(res)) {
          skipped[[length(skipped) + 1]] <- list(
            type_of_design = eff$type, gamma_a = num(eff$gamma), type_beta_spending = fut$type,
            gamma_b = num(fut$gamma), binding_futility = fut$binding, information_rates = arr(rates),
            message = res
          )
        } else {
          designs[[length(designs) + 1]] <- res
        }
      }
    }
  }
}

# A few K = 5 designs (the upper end of the fast tier).
for (cfg in list(
  list(eff = efficacy_types[[1]], fut = futility_types[[1]], equal = TRUE),
  list(eff = efficacy_types[[1]], fut = futility_types[[2]], equal = TRUE),
  list(eff = efficacy_types[[1]], fut = futility_types[[3]], equal = FALSE),
  list(eff = efficacy_types[[3]], fut = futility_types[[6]], equal = FALSE),
  list(eff = efficacy_types[[3]], fut = futility_types[[7]], equal = TRUE),
  list(eff = efficacy_types[[6]], fut = futility_types[[1]], equal = FALSE),
  list(eff = efficacy_types[[7]], fut = futility_types[[1]], equal = TRUE)
)) {
  designs[[length(designs) + 1]] <- one_case(cfg$eff, cfg$fut, rates_for(5, cfg$equal))
}

out <- list(
  generator = "tests/reference/group_sequential.R",
  r_version = R.version.string,
  packages = list(
    rpact = as.character(packageVersion("rpact")),
    jsonlite = as.character(packageVersion("jsonlite"))
  ),
  sided = 1,
  designs = designs,
  skipped = skipped
)

write_json(out, out_file, auto_unbox = TRUE, digits = NA, pretty = TRUE, na = "null")
cat("wrote", out_file, ":", length(designs), "designs,", length(skipped), "skipped\n")
