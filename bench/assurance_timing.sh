#!/usr/bin/env bash
# The assurance run against the plain run, measured in the same run: NCT04077684 with
# 1,000 replicate trials, first with --fixed (power at the parameter files' values: the
# baseline), then with the shipped posterior (power at the posterior median plus 1,000
# trials each under its own posterior draw and trial effect). Prints each run's wall
# seconds and the ratio; repeats the pair to show the spread.
# Usage: bench/assurance_timing.sh [build-dir] [pairs] [replicates]
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-build}/src/il2trial
pairs=${2:-3}
reps=${3:-1000}
protocol=protocols/NCT04077684-dose-ranging.toml
seconds() {  # wall seconds of "$@"
  local start end
  start=$(date +%s%N)
  if ! "$@" >/dev/null 2>/tmp/assurance_timing.err; then
    echo "failed: $* (see /tmp/assurance_timing.err)" >&2
    exit 1
  fi
  end=$(date +%s%N)
  echo "scale=2; ($end - $start) / 1000000000" | bc
}
printf '%-6s %14s %14s %7s\n' pair "fixed (s)" "posterior (s)" ratio
for ((p = 1; p <= pairs; p++)); do
  base=$(seconds "$bin" simulate "$protocol" --replicates "$reps" --fixed) || exit 1
  post=$(seconds "$bin" simulate "$protocol" --replicates "$reps") || exit 1
  printf '%-6s %14s %14s %7s\n' "$p" "$base" "$post" "$(echo "scale=2; $post / $base" | bc)"
done
