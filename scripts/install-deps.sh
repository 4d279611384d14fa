#!/usr/bin/env bash
# Installs the Debian packages il2trial needs. Idempotent: packages already present
# are left alone and nothing is downloaded then.
#   scripts/install-deps.sh main   what the il2trial program needs to build and run
#   scripts/install-deps.sh        that, and what the tests and benchmarks need
set -euo pipefail
for_what=${1:-all}
case "$for_what" in main|all) ;; *) echo "install-deps: give main, or nothing (everything)" >&2; exit 2 ;; esac

packages=(
  build-essential cmake ninja-build pkg-config
  libtomlplusplus-dev      # protocol files (TOML)
  libcli11-dev             # command line
  nlohmann-json3-dev       # JSON output
  libfmt-dev               # formatting
  libboost-math-dev        # stats: distributions and their quantiles
  libeigen3-dev            # stats: linear algebra (ANCOVA, Cox, logistic)
  libnlopt-dev             # calibration: derivative-free optimisation (il2trial calibrate)
  libreadstat-dev          # SDTM and ADaM: SAS transport (XPT) files, read and written
)
if [ "$for_what" = all ]; then
  packages+=(
    libgtest-dev libgmock-dev googletest   # tests
    libbenchmark-dev         # bench/
    libical-dev              # tests: a real iCalendar parser reads our ICS
    bc                       # bench/whole_process.sh arithmetic
    libsundials-dev          # tests: CVODE reference solutions for the model's solver
    chromium                 # tests: the simulation report renders in headless Chromium
    slurm-wlm munge          # tests: a real single-node Slurm runs a simulation's job array
  )
fi

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
