# The reference for SdtmDates.AgreesWithR (tests/sdtm/test_dates.cpp): imputed dates
# and their ADaM --DTF flags, SDTM study days and day numbers, computed with base R's
# calendar (as.Date), independently of the C++ code.
# Run from the repository root:
#   Rscript tests/reference/sdtm_dates.R > tests/reference/sdtm_dates.csv
#
# Imputation as admiral's derive_vars_dt(highest_imputation = "M") does it:
# date_imputation "first" (rule start) or "last" (rule end); rule none leaves a partial
# date missing; a missing month takes the day with it unless preserve = TRUE; a missing
# year is never imputed. The flag is the highest part imputed: "M" or "D" (or none).
# Study day (SDTMIG 4.4.4): date - reference + 1 on or after the reference, else
# date - reference. Day number: days since 1970-01-01.

# year, month, day of a --DTC value's date part (NA where missing or truncated)
date_parts <- function(dtc) {
  date <- sub("T.*", "", dtc)
  m <- regmatches(date, regexec("^([0-9]{4}|-)(-([0-9]{2}|-)(-([0-9]{2}|-))?)?$", date))[[1]]
  if (length(m) == 0) return(c(NA, NA, NA))
  suppressWarnings(as.integer(c(m[2], m[4], m[6])))
}

last_day <- function(y, m) {
  first <- as.Date(sprintf("%04d-%02d-01", y, m))
  as.integer(format(seq(first, by = "month", length.out = 2)[2] - 1, "%d"))
}

impute <- function(dtc, rule, preserve) {
  p <- date_parts(dtc)
  y <- p[1]; mo <- p[2]; d <- p[3]
  if (is.na(y)) return(c("", ""))
  if (is.na(mo) && !preserve) d <- NA
  if (rule == "none" && (is.na(mo) || is.na(d))) return(c("", ""))
  flag <- if (is.na(mo)) "M" else if (is.na(d)) "D" else ""
  if (is.na(mo)) mo <- if (rule == "start") 1L else 12L
  if (is.na(d)) d <- if (rule == "start") 1L else last_day(y, mo)
  date <- as.Date(sprintf("%04d-%02d-%02d", y, mo, d))
  c(format(date, "%Y-%m-%d"), flag)
}

study_day <- function(date, ref) {
  n <- as.integer(as.Date(date) - as.Date(ref))
  if (n >= 0) n + 1L else n
}

cat("# made by tests/reference/sdtm_dates.R with", R.version.string, "\n")
cat("check,input,arg,preserve,expected,flag\n")

imputations <- list(
  c("2021-03-15", "none"), c("2021-03-15", "start"), c("2021-03-15", "end"),
  c("2021-03-15T10:30", "none"), c("2021-03-15T10:30:45.5+01:00", "end"),
  c("2021-03", "none"), c("2021-03", "start"), c("2021-03", "end"),
  c("2021-04", "end"), c("2021-12", "end"),
  c("2020-02", "start"), c("2020-02", "end"), c("2021-02", "end"),
  c("1900-02", "end"), c("2000-02", "end"), c("2100-02", "end"), c("2400-02", "end"),
  c("2021", "none"), c("2021", "start"), c("2021", "end"),
  c("2021---15", "none"), c("2021---15", "start"), c("2021---15", "end"),
  c("2021-04--T10:00", "start"), c("2021-04--T10:00", "end"),
  c("2021----T07:15", "end"),
  c("--03-15", "start"), c("--03-15", "end"), c("-----T07:15", "start"), c("", "start")
)
for (preserve in c(FALSE, TRUE)) {
  for (case in imputations) {
    r <- impute(case[1], case[2], preserve)
    cat(sprintf("impute,%s,%s,%s,%s,%s\n", case[1], case[2], tolower(preserve), r[1], r[2]))
  }
}

study_days <- list(
  c("2021-03-15", "2021-03-15"), c("2021-03-16", "2021-03-15"), c("2021-03-14", "2021-03-15"),
  c("2021-01-01", "2021-03-15"), c("2022-03-15", "2021-03-15"), c("2021-03-15", "2022-03-15"),
  c("2020-02-29", "2020-03-01"), c("2020-03-01", "2020-02-28"), c("2021-03-01", "2021-02-28"),
  c("2000-03-01", "1999-12-31"), c("1900-03-01", "1900-02-28"), c("2024-12-31", "2024-01-01")
)
for (case in study_days) {
  cat(sprintf("study_day,%s,%s,,%d,\n", case[1], case[2], study_day(case[1], case[2])))
}

day_numbers <- c("1970-01-01", "1969-12-31", "1970-03-01", "1900-01-01", "1900-03-01", "2000-02-29",
                 "2000-03-01", "2021-03-15", "2038-01-19", "2100-03-01", "0001-01-01", "9999-12-31")
for (date in day_numbers) {
  cat(sprintf("day_number,%s,,,%d,\n", date, as.integer(as.Date(date))))
}
