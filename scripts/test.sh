#!/usr/bin/env bash
# Installs, builds and runs every test (fast and long tiers) through CTest.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh
ctest --test-dir build --output-on-failure --parallel "$(nproc)"
