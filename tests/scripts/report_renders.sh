#!/usr/bin/env bash
# The simulation report renders in headless Chromium (Debian's chromium): written by
# `il2trial simulate --report`, self-contained (no script, nothing fetched), and once
# rendered its DOM holds the title, every chart and the assumptions; a screenshot is
# drawn. Usage: report_renders.sh IL2TRIAL SOURCE_DIR WORK_DIR
set -euo pipefail
il2trial=$1
cd "$2"
work=$3
rm -rf "$work"
mkdir -p "$work"
fail() { echo "FAIL: $*" >&2; exit 1; }
command -v chromium >/dev/null || fail "chromium is not installed (scripts/install-deps.sh installs it)"

report="$(realpath "$work")/report.html"
"$il2trial" simulate protocols/NCT04077684-dose-ranging.toml --replicates 4 --truth-n 100 --n 80:160:80 \
  --threads 2 --report "$report" >/dev/null 2>&1 || fail "simulate --report failed"
[ -s "$report" ] || fail "no report written"
if grep -qi "<script" "$report"; then fail "the report has a script"; fi
if grep -o 'https\?://[^"]*' "$report" | grep -v '^http://www.w3.org/2000/svg$' | grep -q .; then
  fail "the report refers to a network address: $(grep -o 'https\?://[^"]*' "$report" | grep -v w3.org | head -1)"
fi

# Chromium: a private profile, no sandbox (containers), no GPU; it must finish on its own.
flags=(--headless --no-sandbox --disable-gpu --no-first-run --user-data-dir="$work/profile")
timeout 120 chromium "${flags[@]}" --dump-dom "file://$report" >"$work/dom.html" 2>"$work/chromium.log" ||
  fail "chromium could not load the report: $(tail -3 "$work/chromium.log")"
grep -q "NCT04077684: simulated trial" "$work/dom.html" || fail "rendered DOM lacks the title"
svgs=$(grep -o "<svg" "$work/dom.html" | wc -l)
[ "$svgs" -ge 8 ] || fail "rendered DOM has $svgs charts, expected at least 8 (course, 6 endpoints, power, infections)"
grep -q "Power curve" "$work/dom.html" || fail "no power curve"
grep -q "Assumptions" "$work/dom.html" || fail "no assumptions"
timeout 120 chromium "${flags[@]}" --window-size=900,4000 --screenshot="$work/report.png" "file://$report" \
  >/dev/null 2>>"$work/chromium.log" || fail "chromium could not draw the report"
size=$(stat -c %s "$work/report.png")
[ "$size" -gt 50000 ] || fail "the screenshot is $size bytes: nothing drawn?"
echo "report_renders: $svgs charts rendered, screenshot $size bytes"
