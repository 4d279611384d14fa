#!/usr/bin/env bash
# The main job on the bundled example: install, build, then lay out the dose-ranging
# trial NCT04077684 (show) and one participant's calendar in its 1 MIU arm (schedule).
# (Until the simulator exists, `show` and `schedule` are the main job.)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh
./build/src/il2trial validate protocols/*.toml
./build/src/il2trial show protocols/NCT04077684-dose-ranging.toml
./build/src/il2trial schedule protocols/NCT04077684-dose-ranging.toml --arm il2-1 --start 2027-01-04
