#!/usr/bin/env bash
# Whole-process scaling of `il2trial simulate` on the dose-ranging trial NCT04077684
# (160 participants, 24 weeks): replicate trials per second on 1 and 2 threads (ratio:
# the 2-thread speed-up against 1 thread in the same run), time against participants
# and against replicates (ratio: against the smallest, where linear means the ratio of
# the sizes), and peak memory against replicates (flat means ratio 1). The truth trial
# is held small (--truth-n 100) so that the replicates dominate.
# Usage: bench/simulate_scaling.sh [build-dir] [replicates for the thread runs, default 200]
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-build}/src/il2trial
reps=${2:-200}
protocol=protocols/NCT04077684-dose-ranging.toml
run() {  # prints "seconds max_rss_kb" for il2trial simulate with the given options
  /usr/bin/time -f "%e %M" "$bin" simulate "$protocol" --truth-n 100 "$@" 2>&1 >/dev/null | tail -1
}
echo "threads (replicates $reps, n 160):"
read -r t1 m1 < <(run --replicates "$reps" --threads 1)
read -r t2 m2 < <(run --replicates "$reps" --threads 2)
printf '  %-10s %8s %14s %8s\n' threads seconds "replicates/s" ratio
printf '  %-10s %8s %14s %8s\n' 1 "$t1" "$(echo "scale=2; $reps / $t1" | bc)" 1
printf '  %-10s %8s %14s %8s\n' 2 "$t2" "$(echo "scale=2; $reps / $t2" | bc)" "$(echo "scale=2; $t1 / $t2" | bc)"

echo "participants (replicates 50, 2 threads):"
printf '  %-10s %8s %8s\n' n seconds ratio
base=""
for n in 40 80 160 320; do
  read -r t m < <(run --replicates 50 --threads 2 --n "$n")
  [ -n "$base" ] || base=$t
  printf '  %-10s %8s %8s\n' "$n" "$t" "$(echo "scale=2; $t / $base" | bc)"
done

echo "replicates (n 160, 2 threads): time and peak memory"
printf '  %-10s %8s %8s %12s %8s\n' replicates seconds ratio "peak KB" ratio
tbase=""
mbase=""
for r in 50 100 200 400; do
  read -r t m < <(run --replicates "$r" --threads 2)
  [ -n "$tbase" ] || { tbase=$t; mbase=$m; }
  printf '  %-10s %8s %8s %12s %8s\n' "$r" "$t" "$(echo "scale=2; $t / $tbase" | bc)" "$m" "$(echo "scale=2; $m / $mbase" | bc)"
done
