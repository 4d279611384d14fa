# Reference SAS transport files written by another tool than il2trial: a small
# hand-made DM and QS, written with haven::write_xpt(version = 5) (R's haven, which
# carries its own copy of ReadStat) and as CSV beside them. tests/sdtm/test_xpt.cpp
# reads the XPT files and checks every value against the literals below, which it
# repeats.
#
# Run from the repository root: Rscript tests/reference/sdtm_haven.R
# Writes tests/reference/sdtm/{dm,qs}.{xpt,csv}; commit them with any change here.
# Made with R 4.2.2 and haven 2.5.1 (Debian bookworm r-cran-haven).

library(haven)

out <- "tests/reference/sdtm"
dir.create(out, showWarnings = FALSE, recursive = TRUE)

labelled_as <- function(x, label, width = NULL) {
  attr(x, "label") <- label
  if (!is.null(width)) attr(x, "width") <- width
  x
}

# DM: four subjects; one screen failure with no arm and no age, so a missing number
# and empty text.
dm <- data.frame(
  STUDYID = labelled_as(rep("IL2-SLE-01", 4), "Study Identifier"),
  DOMAIN  = labelled_as(rep("DM", 4), "Domain Abbreviation"),
  USUBJID = labelled_as(sprintf("IL2-SLE-01-%03d", 1:4), "Unique Subject Identifier", width = 20),
  SUBJID  = labelled_as(sprintf("%03d", 1:4), "Subject Identifier for the Study"),
  RFSTDTC = labelled_as(c("2024-01-15", "2024-02-03", "", "2024-03-11"), "Subject Reference Start Date/Time"),
  AGE     = labelled_as(c(34, 51, NA, 28), "Age"),
  AGEU    = labelled_as(rep("YEARS", 4), "Age Units"),
  SEX     = labelled_as(c("F", "F", "M", "F"), "Sex"),
  ARMCD   = labelled_as(c("IL2", "PBO", "", "IL2"), "Planned Arm Code", width = 8),
  ARM     = labelled_as(c("Low-dose IL-2", "Placebo", "", "Low-dose IL-2"), "Description of Planned Arm", width = 40),
  stringsAsFactors = FALSE
)

# QS: the SLEDAI-2K total and a physician's global assessment (PGA, 0 to 3 in steps of
# 0.25) at screening and week 12; one PGA not done (missing result), a negative study
# day, and numbers that are not whole.
qs <- data.frame(
  STUDYID  = labelled_as(rep("IL2-SLE-01", 6), "Study Identifier"),
  DOMAIN   = labelled_as(rep("QS", 6), "Domain Abbreviation"),
  USUBJID  = labelled_as(rep(sprintf("IL2-SLE-01-%03d", 1:2), each = 3), "Unique Subject Identifier"),
  QSSEQ    = labelled_as(c(1, 2, 3, 1, 2, 3), "Sequence Number"),
  QSTESTCD = labelled_as(c("SLEDAI", "PGA", "PGA", "SLEDAI", "PGA", "PGA"), "Question Short Name"),
  QSTEST   = labelled_as(c("SLEDAI-2K Total Score", "Physician Global Assessment", "Physician Global Assessment",
                           "SLEDAI-2K Total Score", "Physician Global Assessment", "Physician Global Assessment"),
                         "Question Name"),
  QSORRES  = labelled_as(c("10", "1.75", "0.5", "8", "", "1.25"), "Finding in Original Units"),
  QSSTRESN = labelled_as(c(10, 1.75, 0.5, 8, NA, 1.25), "Numeric Finding in Standard Units"),
  VISITNUM = labelled_as(c(1, 1, 2, 1, 1, 2), "Visit Number"),
  VISIT    = labelled_as(c("SCREENING", "SCREENING", "WEEK 12", "SCREENING", "SCREENING", "WEEK 12"), "Visit Name"),
  QSDY     = labelled_as(c(-3, -3, 84, -7, -7, 85), "Study Day of Finding"),
  stringsAsFactors = FALSE
)

write_xpt(dm, file.path(out, "dm.xpt"), version = 5, name = "DM", label = "Demographics")
write_xpt(qs, file.path(out, "qs.xpt"), version = 5, name = "QS", label = "Questionnaires")
write.csv(dm, file.path(out, "dm.csv"), row.names = FALSE, na = "")
write.csv(qs, file.path(out, "qs.csv"), row.names = FALSE, na = "")

# Read back with haven, as a check that R sees what it wrote.
stopifnot(identical(as.numeric(read_xpt(file.path(out, "qs.xpt"))$QSSTRESN), as.numeric(qs$QSSTRESN)))
stopifnot(identical(as.character(read_xpt(file.path(out, "dm.xpt"))$USUBJID), as.character(dm$USUBJID)))
cat("Wrote", file.path(out, c("dm.xpt", "qs.xpt", "dm.csv", "qs.csv")), sep = "\n")
