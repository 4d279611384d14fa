#!/usr/bin/env bash
# Whole-process cost of the calibration: one objective evaluation (every calibration
# study simulated with R replicate trials, `il2trial calibrate --max-evaluations 0`)
# on 1 and 2 threads (ratio: the 2-thread speed-up against 1 thread in the same run),
# and its growth with the replicates (ratio: against the smallest, where linear means
# the ratio of the sizes). A fit costs about (evaluations + 1) times one evaluation.
# Usage: bench/calibrate_timing.sh [build-dir]
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-build}/src/il2trial
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
run() {  # prints the seconds of one evaluation with the given options
  /usr/bin/time -f "%e" "$bin" calibrate --max-evaluations 0 --out "$out/fit.toml" "$@" 2>&1 >/dev/null | tail -1
}
echo "threads (40 replicates per study):"
t1=$(run --replicates 40 --threads 1)
t2=$(run --replicates 40 --threads 2)
printf '  %-10s %8s %8s\n' threads seconds ratio
printf '  %-10s %8s %8s\n' 1 "$t1" 1
printf '  %-10s %8s %8s\n' 2 "$t2" "$(echo "scale=2; $t1 / $t2" | bc)"
echo "replicates per study (2 threads):"
printf '  %-10s %8s %8s\n' replicates seconds ratio
base=""
for r in 20 40 80 160; do
  t=$(run --replicates "$r" --threads 2)
  [ -n "$base" ] || base=$t
  printf '  %-10s %8s %8s\n' "$r" "$t" "$(echo "scale=2; $t / $base" | bc)"
done
