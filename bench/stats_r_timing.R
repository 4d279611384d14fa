# Times R on the same data as bench_stats (il2trial), for the ratios in
# docs/performance.md. Usage: Rscript bench/stats_r_timing.R DIR
# Prints one line per analysis: "name microseconds_per_call".
suppressMessages(library(survival))
suppressMessages(library(DoseFinding))
dir <- commandArgs(trailingOnly = TRUE)[1]
per_call <- function(expr, reps) {
  call <- substitute(expr)
  env <- parent.frame()
  t <- system.time(for (i in seq_len(reps)) eval(call, env))[["elapsed"]]
  1e6 * t / reps
}
s <- read.csv(file.path(dir, "survival500.csv"))
f <- read.csv(file.path(dir, "fisher160.csv"))
tab <- matrix(c(f$a, f$c, f$b, f$d), 2)
cat("logrank500", per_call(survdiff(Surv(time, event) ~ group, data = s), 200), "\n")
cat("cox500", per_call(coxph(Surv(time, event) ~ group, data = s), 200), "\n")
cat("fisher160", per_call(fisher.test(tab), 2000), "\n")
m <- read.csv(file.path(dir, "mcpmod160.csv"))
mods <- Mods(linear = NULL, emax = 0.2, sigEmax = c(0.4, 3), exponential = 0.5, quadratic = -0.7,
             doses = c(0, 0.2, 0.5, 1), direction = "decreasing")
set.seed(1)
cat("mcttest160", suppressWarnings(per_call(MCTtest(dose, resp, data = m, models = mods, alpha = 0.025,
                                                    alternative = "one.sided", critV = TRUE), 20)), "\n")
