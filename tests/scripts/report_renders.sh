#!/usr/bin/env bash
# The simulation report renders in headless Chromium (Debian's chromium) and fits a
# 1280-pixel window. For three runs (NCT04077684 at two sample sizes; the Sjögren trial,
# whose combination arm shares its IL-2 dose; NCT04077684 with an interim look and
# assumed response rates, whose report has stopping probabilities and a scenario) the
# report written by `il2trial simulate --report` is self-contained (no script, nothing
# fetched), holds no preformatted text, and once rendered its DOM holds every section,
# table and plot. A copy of it with a probe script injected is rendered at 1280 × 4000:
# the probe names any element wider than its box (scrollWidth > clientWidth) or whose
# right edge passes the window's, and the test fails on any. A screenshot is drawn.
# Usage: report_renders.sh IL2TRIAL SOURCE_DIR WORK_DIR
set -euo pipefail
il2trial=$1
cd "$2"
work=$3
rm -rf "$work"
mkdir -p "$work"
work=$(realpath "$work")
fail() { echo "FAIL: $*" >&2; exit 1; }
command -v chromium >/dev/null || fail "chromium is not installed (scripts/install-deps.sh installs it)"

# Chromium: a private profile, no sandbox (containers), no GPU; it must finish on its own.
flags=(--headless --no-sandbox --disable-gpu --no-first-run --hide-scrollbars --user-data-dir="$work/profile")

# Writes into the copy's DOM, once loaded, "PROBE width=W NO-OVERFLOW" or "… OVERFLOW: …"
# naming each element that overflows (SVG's inner shapes are the SVG's own business).
probe='<script>
window.addEventListener("load", function () {
  var W = window.innerWidth, bad = [], all = document.body.querySelectorAll("*");
  function name(e) {
    var c = typeof e.className === "string" && e.className ? "." + e.className : "";
    return e.tagName.toLowerCase() + c + " \"" + (e.textContent || "").trim().replace(/\s+/g, " ").slice(0, 60) + "\"";
  }
  for (var i = 0; i < all.length; i++) {
    var e = all[i];
    if (e.tagName.toLowerCase() !== "svg" && e.closest("svg")) continue;
    var r = e.getBoundingClientRect();
    if (r.right > W + 0.5) bad.push(name(e) + " right edge " + Math.round(r.right) + " > " + W);
    else if (e.clientWidth > 0 && e.scrollWidth > e.clientWidth + 1)
      bad.push(name(e) + " scrollWidth " + e.scrollWidth + " > clientWidth " + e.clientWidth);
  }
  var d = document.documentElement;
  if (d.scrollWidth > d.clientWidth) bad.push("the page: scrollWidth " + d.scrollWidth + " > " + d.clientWidth);
  var out = document.createElement("div");
  out.id = "overflow-probe";
  out.textContent = "PROBE width=" + W + " elements=" + all.length + " " +
    (bad.length ? "OVERFLOW: " + bad.join(" | ") : "NO-OVERFLOW");
  document.body.appendChild(out);
});
</script>'

# check NAME EXPECTED_SIZES MIN_TABLES MIN_SVGS "MORE TABLE CLASSES" -- simulate arguments
check() {
  local name=$1 sizes=$2 min_tables=$3 min_svgs=$4 more=$5
  shift 6
  local report="$work/$name.html" dom="$work/$name.dom.html"
  "$il2trial" simulate "$@" --threads 2 --report "$report" >"$work/$name.txt" 2>&1 ||
    fail "$name: simulate --report failed: $(tail -3 "$work/$name.txt")"
  [ -s "$report" ] || fail "$name: no report written"
  if grep -qi "<script" "$report"; then fail "$name: the report has a script"; fi
  if grep -qi "<pre" "$report"; then fail "$name: the report has preformatted text"; fi
  if grep -o 'https\?://[^"]*' "$report" | grep -v '^http://www.w3.org/2000/svg$' | grep -q .; then
    fail "$name: the report refers to a network address: $(grep -o 'https\?://[^"]*' "$report" | grep -v w3.org | head -1)"
  fi

  timeout 120 chromium "${flags[@]}" --dump-dom "file://$report" >"$dom" 2>>"$work/chromium.log" ||
    fail "$name: chromium could not load the report: $(tail -3 "$work/chromium.log")"
  local heading
  for heading in ": simulated trial</h1>" "<h2>Results</h2>" "<h3>The runs</h3>" "<h4>Operating characteristics</h4>" \
    "<h4>Each arm's mean across replicate trials</h4>" "<h2>Dose–response</h2>" "<h2>Each arm's course</h2>" \
    "<h2>Endpoints across replicate trials</h2>" "<h2>Infections</h2>" "<h2>Assumptions</h2>" \
    "<h3>How the arms and their regimens were read</h3>" "<h2>Probability of success</h2>"; do
    grep -qF "$heading" "$dom" || fail "$name: the rendered DOM lacks $heading"
  done
  local n
  for class in oc arms infections $more; do
    n=$(grep -o "<table class=\"$class\">" "$dom" | wc -l)
    [ "$n" -eq "$sizes" ] || fail "$name: $n tables of class $class, expected one per sample size ($sizes)"
  done
  grep -q '<table class="facts">' "$dom" || fail "$name: no table of the runs"
  grep -q '<table class="origins">' "$dom" || fail "$name: no table of the protocol's interpretations"
  grep -q "(primary): mean by IL-2 dose" "$dom" || fail "$name: no dose-response plot of the primary endpoint"
  if [ "$sizes" -gt 1 ]; then grep -q "<h2>Power curve</h2>" "$dom" || fail "$name: no power curve"; fi
  local tables svgs
  tables=$(grep -o "<table" "$dom" | wc -l)
  svgs=$(grep -o "<svg" "$dom" | wc -l)
  [ "$tables" -ge "$min_tables" ] || fail "$name: rendered DOM has $tables tables, expected at least $min_tables"
  [ "$svgs" -ge "$min_svgs" ] || fail "$name: rendered DOM has $svgs plots, expected at least $min_svgs"

  # The overflow probe, on a copy: the report itself has no script.
  local copy="$work/$name.probe.html"
  PROBE="$probe" awk '{ i = index($0, "</body>"); if (i) { print substr($0, 1, i - 1) ENVIRON["PROBE"] substr($0, i) } else print }' \
    "$report" >"$copy"
  grep -q 'id = "overflow-probe"' "$copy" || fail "$name: the probe was not injected"
  timeout 120 chromium "${flags[@]}" --window-size=1280,4000 --virtual-time-budget=10000 --dump-dom "file://$copy" \
    >"$work/$name.probe.dom.html" 2>>"$work/chromium.log" || fail "$name: chromium could not load the probed copy"
  local result
  result=$(grep -o '<div id="overflow-probe">PROBE [^<]*' "$work/$name.probe.dom.html" | sed 's/^<[^>]*>//; s/&gt;/>/g; s/&lt;/</g; s/&quot;/"/g; s/&amp;/\&/g' || true)
  [ -n "$result" ] || fail "$name: the probe wrote nothing"
  case "$result" in
    "PROBE width=1280 "*NO-OVERFLOW) ;;
    "PROBE width=1280 "*) fail "$name: ${result#PROBE }" ;;
    *) fail "$name: the window is not 1280 pixels wide: $result" ;;
  esac
  echo "report_renders: $name: $tables tables, $svgs plots, nothing overflows at 1280 px"
}

# NCT04077684 at two sizes: 15 tables (provenance, protocol, 3 of the probability of
# success, the runs, the criteria, 3 per size, 2 of the protocol's readings) and 17 plots
# (7 dose-response, the power curve, the course, 7 distributions, infections).
check dose-ranging 2 15 17 "" -- protocols/NCT04077684-dose-ranging.toml --replicates 4 --truth-n 100 --n 80:160:80
# The Sjögren trial (IL-2, rapamycin and both) at its planned size: 13 tables (as above
# with one size, and the endpoints not simulated) and 8 plots (3 dose-response, the
# course, 3 distributions, infections).
check sjogren 1 13 8 "" -- protocols/NCT05605665-sjogren-rapamycin.toml --replicates 4 --truth-n 100
# NCT04077684 with an interim look and assumed response rates: its looks and their
# totals, in the results and again under the posterior, and the scenario's two tables
# besides (18 tables, 16 plots).
check group-sequential 1 18 16 "scenario-arms scenario-power" -- \
  protocols/NCT04077684-group-sequential.toml --replicates 4 --truth-n 100 \
  --assume sri4-w12-1:placebo=0.35 --assume sri4-w12-1:il2-1=0.6
for class in looks totals; do
  n=$(grep -o "<table class=\"$class\">" "$work/group-sequential.dom.html" | wc -l)
  [ "$n" -eq 2 ] || fail "group-sequential: $n tables of class $class, expected 2 (the results, the posterior's)"
done

timeout 120 chromium "${flags[@]}" --window-size=1280,4000 --screenshot="$work/report.png" "file://$work/dose-ranging.html" \
  >/dev/null 2>>"$work/chromium.log" || fail "chromium could not draw the report"
size=$(stat -c %s "$work/report.png")
[ "$size" -gt 50000 ] || fail "the screenshot is $size bytes: nothing drawn?"
echo "report_renders: screenshot $size bytes"
