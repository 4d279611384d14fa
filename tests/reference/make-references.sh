#!/usr/bin/env bash
# Regenerates tests/reference/stats_reference.json from R.
# Not run by CI: the C++ tests read the committed JSON.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$REPO_ROOT"

PACKAGES=(r-base-core r-cran-survival r-cran-dosefinding r-cran-mvtnorm r-cran-multcomp r-cran-jsonlite)

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi

missing=()
for pkg in "${PACKAGES[@]}"; do
  status="$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)"
  if [ "$status" != "install ok installed" ]; then
    missing+=("$pkg")
  fi
done

if [ "${#missing[@]}" -gt 0 ]; then
  echo "Installing missing packages: ${missing[*]}"
  $SUDO apt-get update
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
else
  echo "All R packages already installed."
fi

Rscript tests/reference/stats_reference.R
python3 -c 'import json; json.load(open("tests/reference/stats_reference.json"))'
echo "Wrote tests/reference/stats_reference.json"
