#!/usr/bin/env bash
# A group-sequential design against the fixed design, measured in the same run:
# NCT04077684 with 1,000 replicate trials, first as the fixed dose-ranging protocol
# (the baseline), then as protocols/NCT04077684-group-sequential.toml (the same trial
# with one interim look: recruitment in calendar time and an interim analysis of the
# decision comparison in every replicate). Both --fixed (no posterior). Prints each
# run's wall seconds and the ratio, pair by pair, then the median ratio. Issue 24 asks
# for at most 1.2.
# Usage: bench/sequential_timing.sh [build-dir] [pairs] [replicates]
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-build}/src/il2trial
pairs=${2:-3}
reps=${3:-1000}
fixed=protocols/NCT04077684-dose-ranging.toml
looks=protocols/NCT04077684-group-sequential.toml
err=$(mktemp)
trap 'rm -f "$err"' EXIT
seconds() {  # wall seconds of "$@"
  local start end
  start=$(date +%s%N)
  if ! "$@" >/dev/null 2>"$err"; then
    echo "failed: $*: $(tail -3 "$err")" >&2
    exit 1
  fi
  end=$(date +%s%N)
  echo "scale=2; ($end - $start) / 1000000000" | bc
}
printf '%-6s %12s %20s %7s\n' pair "fixed (s)" "group-sequential (s)" ratio
ratios=()
for ((p = 1; p <= pairs; p++)); do
  base=$(seconds "$bin" simulate "$fixed" --replicates "$reps" --fixed) || exit 1
  gs=$(seconds "$bin" simulate "$looks" --replicates "$reps" --fixed) || exit 1
  ratio=$(echo "scale=3; $gs / $base" | bc)
  ratios+=("$ratio")
  printf '%-6s %12s %20s %7s\n' "$p" "$base" "$gs" "$ratio"
done
printf '%s\n' "${ratios[@]}" | sort -g | awk '{ a[NR] = $1 } END { printf "median ratio %.3f (issue 24: at most 1.2)\n", (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
