# The bounds of protocols/NCT04077684-group-sequential.toml at its enrolment (160):
# one interim at half the information, O'Brien–Fleming-type alpha spending, non-binding
# O'Brien–Fleming-type beta spending of beta 0.2, one-sided alpha 0.025 (half the
# default two-sided 0.05). Run: Rscript tests/reference/sequential_example.R
# > tests/reference/sequential_example.csv (Debian's r-cran-rpact).
suppressMessages(library(rpact))
d <- getDesignGroupSequential(kMax = 2, alpha = 0.025, beta = 0.2, sided = 1,
                              informationRates = c(0.5, 1), typeOfDesign = "asOF",
                              typeBetaSpending = "bsOF", bindingFutility = FALSE)
out <- data.frame(look = 1:2, information = d$informationRates,
                  efficacy = d$criticalValues, futility = c(d$futilityBounds, NA))
write.csv(out, stdout(), row.names = FALSE, quote = FALSE)
