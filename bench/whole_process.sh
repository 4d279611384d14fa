#!/usr/bin/env bash
# Whole-process timing of the commands a trial team runs first, against a baseline
# measured in the same run: `il2trial --version` (process start-up alone).
# Usage: bench/whole_process.sh [build-dir] [repetitions]
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-build}/src/il2trial
reps=${2:-200}
time_it() {  # prints mean milliseconds per run of "$@"
  local start end
  start=$(date +%s%N)
  for ((i = 0; i < reps; i++)); do "$@" >/dev/null 2>&1 || true; done
  end=$(date +%s%N)
  echo "scale=3; ($end - $start) / $reps / 1000000" | bc
}
base=$(time_it "$bin" --version)
printf '%-88s %9s %7s\n' command "ms/run" ratio
printf '%-88s %9s %7s\n' "il2trial --version (baseline)" "$base" 1
for cmd in "validate protocols/*.toml" \
           "show protocols/NCT04077684-dose-ranging.toml --json" \
           "schedule protocols/NCT02465580-he2020.toml --arm il2 --start 2027-01-04 --format ics" \
           "screen examples/patients.csv --all --as-of 2026-11-22 --json" \
           "patient protocols/NCT02465580-he2020.toml --arm il2 --out /dev/null"; do
  # shellcheck disable=SC2086
  t=$(time_it "$bin" $cmd)
  printf '%-88s %9s %7s\n' "il2trial $cmd" "$t" "$(echo "scale=2; $t / $base" | bc)"
done
