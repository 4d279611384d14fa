#!/usr/bin/env bash
# The model's solvers at the working tree against another commit, measured in the same
# run: builds bench_model at REV (default HEAD~1) in a temporary worktree with this
# build's type, then runs the two binaries in alternation, ROUNDS times each, and
# prints each benchmark's median time under both and their ratio (this tree / REV).
# A change to the equations or the solver must keep BM_Trajectory_Lanes and
# BM_Drawn_Lanes within 5 % (issue 22).
# Usage: bench/against_commit.sh [build-dir] [REV] [ROUNDS, default 5] [filter regex]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
rev=${2:-HEAD~1}
rounds=${3:-5}
filter=${4:-'BM_(Trajectory_DormandPrince|Trajectory_Lanes|Drawn_OneAtATime|Drawn_Lanes|CoursesInLanes|Course)(/manual_time)?$'}

type=$(sed -n 's/^CMAKE_BUILD_TYPE:STRING=//p' "$build/CMakeCache.txt")
simd=$(sed -n 's/^IL2T_SIMD:STRING=//p' "$build/CMakeCache.txt")
commit=$(git rev-parse --verify "$rev^{commit}")
cmake --build "$build" --target bench_model >/dev/null

work=$(mktemp -d)
cleanup() { git worktree remove --force "$work/src" >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT
git worktree add --detach "$work/src" "$commit" >/dev/null 2>&1
cmake -S "$work/src" -B "$work/build" -G Ninja -DCMAKE_BUILD_TYPE="$type" -DIL2T_SIMD="$simd" \
  -DIL2T_BUILD_TESTS=OFF >/dev/null
cmake --build "$work/build" --target bench_model >/dev/null

for ((r = 0; r < rounds; ++r)); do
  for side in this base; do
    bin="$build/bench/bench_model"
    [ "$side" = base ] && bin="$work/build/bench/bench_model"
    # The console table: name, real time, its unit, ... (bench_model's own reporter).
    "$bin" --benchmark_filter="$filter" --benchmark_color=false 2>/dev/null |
      awk -v side="$side" '$1 ~ /^BM_[A-Za-z0-9_]+(\/manual_time)?$/ { sub(/\/manual_time$/, "", $1); print side, $1, $2 }' >> "$work/times"
  done
done

echo "bench_model at the working tree against $(git rev-parse --short "$commit") ($rev), $rounds alternating rounds,"
echo "median real time per iteration (µs for the trajectory benchmarks):"
printf '%-28s %12s %12s %8s\n' benchmark this base ratio
awk '{ print $2 }' "$work/times" | sort -u | while read -r name; do
  this=$(awk -v n="$name" '$1 == "this" && $2 == n { print $3 }' "$work/times" | sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }')
  base=$(awk -v n="$name" '$1 == "base" && $2 == n { print $3 }' "$work/times" | sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }')
  awk -v n="$name" -v a="$this" -v b="$base" 'BEGIN { printf "%-28s %12.2f %12.2f %8.3f\n", n, a, b, a / b }'
done
