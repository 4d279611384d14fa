#!/usr/bin/env bash
# The main job on the bundled example: install, build, validate the protocols, then
# simulate the dose-ranging trial NCT04077684 (500 replicate trials of its 160
# participants, both cores) and write its report to build/NCT04077684-report.html.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh main   # the program and what it needs: no test tools
./build/src/il2trial validate --quiet protocols/*.toml
./build/src/il2trial simulate protocols/NCT04077684-dose-ranging.toml \
  --report build/NCT04077684-report.html --json build/NCT04077684-results.json
echo "report: build/NCT04077684-report.html"
