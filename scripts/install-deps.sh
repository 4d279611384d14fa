#!/usr/bin/env bash
# Installs every Debian package il2trial needs to build and test. Idempotent:
# packages already present are left alone and nothing is downloaded then.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config
  libtomlplusplus-dev      # protocol files (TOML)
  libcli11-dev             # command line
  nlohmann-json3-dev       # JSON output
  libfmt-dev               # formatting
  libgtest-dev libgmock-dev googletest   # tests
  libbenchmark-dev         # bench/
  libical-dev              # tests: a real iCalendar parser reads our ICS
  libboost-math-dev        # stats: distributions and their quantiles
  libeigen3-dev            # stats: linear algebra (ANCOVA, Cox, logistic)
  bc                       # bench/whole_process.sh arithmetic
  libsundials-dev          # tests: CVODE reference solutions for the model's solver
  libnlopt-dev             # calibration: derivative-free optimisation (il2trial calibrate)
  libreadstat-dev          # SDTM and ADaM: SAS transport (XPT) files, read and written
  chromium                 # tests: the simulation report renders in headless Chromium
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
echo "install-deps: installing ${missing[*]}"
"${sudo_cmd[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
