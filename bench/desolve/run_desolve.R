# Half of bench/model_vs_desolve.sh: solves the problem bench_model_dump wrote (the
# typical SLE participant, He 2020 regimen, 24 weeks) with deSolve::lsoda on the same
# right-hand side in C (il2_model.c), the same rtol, per-state atol, doses (events
# "add" on the IL-2 depot) and daily output grid, and times it.
# Usage: Rscript bench/desolve/run_desolve.R DIR
# Prints "desolve_us_per_trajectory: X" (median of 5 timed batches, each of enough
# runs to take about a second) and writes DIR/day169_desolve.csv (state,value).
suppressMessages(library(deSolve))
dir <- commandArgs(trailingOnly = TRUE)[1]
here <- dirname(normalizePath(sub("^--file=", "", grep("^--file=", commandArgs(), value = TRUE))))

# Compile il2_model.c in a temporary directory and load it.
build <- tempfile("il2_model")
dir.create(build)
invisible(file.copy(file.path(here, "il2_model.c"), build))
old <- setwd(build)
if (system2(file.path(R.home("bin"), "R"), c("CMD", "SHLIB", "il2_model.c"), stdout = FALSE) != 0)
  stop("R CMD SHLIB il2_model.c failed")
setwd(old)
dll <- file.path(build, paste0("il2_model", .Platform$dynlib.ext))
dyn.load(dll)

parms <- read.csv(file.path(dir, "params.csv"))
states <- read.csv(file.path(dir, "states.csv"))
doses <- read.csv(file.path(dir, "doses.csv"))
settings <- read.csv(file.path(dir, "settings.csv"))
setting <- function(name) settings$value[settings$name == name]

y0 <- setNames(states$initial, states$state)
times <- seq(0, setting("t_end"), by = 1)
events <- data.frame(doses, method = "add")

solve <- function() {
  lsoda(y0, times, func = "derivs", parms = parms$value, dllname = "il2_model", initfunc = "initmod",
        rtol = setting("rtol"), atol = states$atol, events = list(data = events))
}

out <- solve()  # warm-up, and the result to cross-check
if (attr(out, "istate")[1] != 2) stop("lsoda failed: istate ", attr(out, "istate")[1])
reps <- max(1, ceiling(1 / max(system.time(solve())[["elapsed"]], 1e-3)))
batch <- replicate(5, system.time(for (i in seq_len(reps)) solve())[["elapsed"]] / reps)
cat(sprintf("desolve_us_per_trajectory: %.3f\n", 1e6 * median(batch)))

last <- out[nrow(out), states$state]
write.csv(data.frame(state = states$state, value = sprintf("%.17g", last)),
          file.path(dir, "day169_desolve.csv"), row.names = FALSE, quote = FALSE)
dyn.unload(dll)
