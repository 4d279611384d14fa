#!/usr/bin/env bash
# Whole-process comparison of il2trial's ODE solver (Dormand–Prince 5(4), C++; one
# participant at a time, and in the lane solver that the trial engine uses, several
# participants at once in SIMD lanes) with R's deSolve::lsoda on the same problem: the typical SLE participant under the He 2020
# regimen for 24 weeks, the same equations (bench/desolve/il2_model.c), doses, rtol,
# per-state atol and daily output. Both are timed in this run; the day-169 states
# must agree to a relative 1e-4 (of the value, or of the state's natural scale when
# the value is smaller), which guards that il2_model.c matches src/model/equations.h.
# Usage: bench/model_vs_desolve.sh [build-dir] [C++ runs per timed batch, default 200]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
reps=${2:-200}

# R and deSolve (Debian packages), installed only if missing.
PACKAGES=(r-base-core r-base-dev r-cran-desolve)
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
missing=()
for pkg in "${PACKAGES[@]}"; do
  status="$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)"
  if [ "$status" != "install ok installed" ]; then missing+=("$pkg"); fi
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "Installing missing packages: ${missing[*]}"
  $SUDO apt-get update
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
fi

cmake --build "$build" --target bench_model_dump >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$build/bench/bench_model_dump" "$work" "$reps" > "$work/cpp_out.txt"
cpp=$(sed -n 's/^cpp_us_per_trajectory: //p' "$work/cpp_out.txt")
cpp_lanes=$(sed -n 's/^cpp_lanes_us_per_trajectory: //p' "$work/cpp_out.txt")
lanes=$(sed -n 's/^lanes: //p' "$work/cpp_out.txt")
desolve=$(Rscript bench/desolve/run_desolve.R "$work" | sed -n 's/^desolve_us_per_trajectory: //p')
if [ -z "$cpp" ] || [ -z "$cpp_lanes" ] || [ -z "$desolve" ]; then echo "FAIL: a timing is missing" >&2; exit 1; fi

# Cross-check: |a - b| <= 1e-4 * max(|a|, |b|, scale) for every state.
if ! awk -F, '
  function abs(v) { return v < 0 ? -v : v }
  FILENAME ~ /states.csv$/ && FNR > 1 { scale[$1] = $4; states++; next }
  FILENAME ~ /cpp.csv$/ && FNR > 1 { a[$1] = $2; next }
  FILENAME ~ /desolve.csv$/ && FNR > 1 {
    n++; m = abs(a[$1]); if (abs($2) > m) m = abs($2); if (scale[$1] > m) m = scale[$1]
    if (!($1 in a) || abs(a[$1] - $2) > 1e-4 * m) {
      printf "MISMATCH %s: C++ %s, deSolve %s\n", $1, a[$1], $2; bad = 1
    }
  }
  END { if (n != states) { printf "expected %d states, got %d\n", states, n; bad = 1 } exit bad }
' "$work/states.csv" "$work/day169_cpp.csv" "$work/day169_desolve.csv" >&2; then
  echo "FAIL: day-169 states differ between il2trial and deSolve (il2_model.c out of step with equations.h?)" >&2
  exit 1
fi
echo "day-169 states agree to a relative 1e-4"
echo "desolve_us_per_trajectory: $desolve"
echo "cpp_us_per_trajectory (one participant at a time): $cpp"
echo "ratio_vs_desolve_one_at_a_time: $(echo "scale=2; $desolve / $cpp" | bc)"
echo "cpp_lanes_us_per_trajectory ($lanes participants at once, as the trial engine runs them): $cpp_lanes"
echo "ratio_vs_desolve: $(echo "scale=2; $desolve / $cpp_lanes" | bc)"
