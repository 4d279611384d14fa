#!/usr/bin/env bash
# Installs the Debian dependencies (idempotent) and builds il2trial into build/.
#   scripts/build.sh main   the program only (what the main job needs)
#   scripts/build.sh        the program, the tests and the benchmarks
set -euo pipefail
cd "$(dirname "$0")/.."
for_what=${1:-all}
case "$for_what" in
  main) scripts/install-deps.sh main; extras=OFF ;;
  all) scripts/install-deps.sh; extras=ON ;;
  *) echo "build.sh: give main, or nothing (everything)" >&2; exit 2 ;;
esac
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DIL2T_BUILD_TESTS=$extras -DIL2T_BUILD_BENCH=$extras
cmake --build build --parallel "$(nproc)"
