#!/usr/bin/env bash
# Whole-process determinism of `il2trial simulate`: the JSON results are byte for byte
# the same on 1 and 2 threads, and when the replicates run as 3 shards (simulate
# --shard i/3 --out) merged by `il2trial merge`, or as the tasks of a Slurm array, and
# on 1 and 2 threads for a stratified protocol. Also: merge refuses a missing shard, a
# shard given twice, and a shard of another run.
# Usage: simulate_identical.sh IL2TRIAL SOURCE_DIR WORK_DIR
set -euo pipefail
il2trial=$1
cd "$2"
work=$3
rm -rf "$work"
mkdir -p "$work"
# The dose-ranging trial: MCP-Mod endpoints (no pairwise truth) and a descriptive one.
protocol=protocols/NCT04077684-dose-ranging.toml
common=(--replicates 7 --truth-n 100 --seed 11 --n 40 --models linear)
fail() { echo "FAIL: $*" >&2; exit 1; }

"$il2trial" simulate "$protocol" "${common[@]}" --threads 1 --json "$work/one.json" --replicate-results "$work/one.csv" >/dev/null 2>&1
"$il2trial" simulate "$protocol" "${common[@]}" --threads 2 --json "$work/two.json" --replicate-results "$work/two.csv" >/dev/null 2>&1
cmp -s "$work/one.json" "$work/two.json" || fail "1 and 2 threads differ: diff $work/one.json $work/two.json"
cmp -s "$work/one.csv" "$work/two.csv" || fail "per-replicate rows: 1 and 2 threads differ: diff $work/one.csv $work/two.csv"
# Every replicate of both runs (power, assurance) has its rows.
for run in power assurance; do
  got=$(awk -F, -v r=$run 'NR > 1 && $2 == r { print $3 }' "$work/one.csv" | sort -un | tr '\n' ' ')
  [ "$got" = "0 1 2 3 4 5 6 " ] || fail "per-replicate rows of the $run run: replicates $got"
done

# A stratified protocol (allocation within each stratum of disease activity): the same.
stratified=tests/data/randomise/he2020-stratified.toml
"$il2trial" simulate "$stratified" --replicates 5 --truth-n 100 --seed 11 --n 40 --fixed --threads 1 --json "$work/s1.json" >/dev/null 2>&1
"$il2trial" simulate "$stratified" --replicates 5 --truth-n 100 --seed 11 --n 40 --fixed --threads 2 --json "$work/s2.json" >/dev/null 2>&1
cmp -s "$work/s1.json" "$work/s2.json" || fail "stratified: 1 and 2 threads differ: diff $work/s1.json $work/s2.json"
grep -q '"randomisation"' "$work/s1.json" || fail "stratified: no randomisation note in $work/s1.json"

for i in 0 1; do
  "$il2trial" simulate "$protocol" "${common[@]}" --threads 1 --shard "$i/3" --out "$work/part$i.json" \
    --replicate-results "$work/part$i.csv" >/dev/null 2>&1
done
# A shard may name the protocol by another path: the SHA-256 identifies it.
"$il2trial" simulate "$PWD/$protocol" "${common[@]}" --threads 1 --shard 2/3 --out "$work/part2.json" \
  --replicate-results "$work/part2.csv" >/dev/null 2>&1
# The shards' rows, headers dropped and sorted as the whole run sorts them (by run, then
# replicate; each shard's file is in that order), are the whole run's rows.
{ head -1 "$work/one.csv"; for run in power assurance; do for i in 0 1 2; do
  awk -F, -v r=$run 'NR > 1 && $2 == r' "$work/part$i.csv"; done; done; } >"$work/shards.csv"
cmp -s "$work/one.csv" "$work/shards.csv" || fail "per-replicate rows of 3 shards differ from the whole run: diff $work/one.csv $work/shards.csv"
"$il2trial" merge "$protocol" "$work/part2.json" "$work/part0.json" "$work/part1.json" --json "$work/merged.json" >/dev/null
cmp -s "$work/one.json" "$work/merged.json" || fail "merged shards differ from the whole run: diff $work/one.json $work/merged.json"

# The same three shards as the tasks of a Slurm array (indices 1-3): each takes its shard
# from the task's variables and writes its own file through "{shard}"; merged, the same.
for id in 1 2 3; do
  SLURM_ARRAY_TASK_ID=$id SLURM_ARRAY_TASK_MIN=1 SLURM_ARRAY_TASK_MAX=3 SLURM_ARRAY_TASK_COUNT=3 \
    "$il2trial" simulate "$protocol" "${common[@]}" --threads 1 --out "$work/slurm{shard}.json" >/dev/null 2>&1 ||
    fail "Slurm array task $id failed"
done
"$il2trial" merge "$protocol" "$work"/slurm[012].json --json "$work/slurm-merged.json" >/dev/null
cmp -s "$work/one.json" "$work/slurm-merged.json" || fail "Slurm array shards differ from the whole run"

if "$il2trial" merge "$protocol" "$work/part0.json" "$work/part1.json" >/dev/null 2>"$work/err"; then fail "merge accepted a missing shard"; fi
grep -q "shard 2/3 is missing" "$work/err" || fail "missing shard: $(cat "$work/err")"
if "$il2trial" merge "$protocol" "$work/part0.json" "$work/part0.json" "$work/part1.json" >/dev/null 2>"$work/err"; then fail "merge accepted a shard twice"; fi
grep -q "given twice" "$work/err" || fail "shard twice: $(cat "$work/err")"
"$il2trial" simulate "$protocol" --replicates 7 --truth-n 100 --seed 12 --threads 1 --shard 2/3 --out "$work/other.json" >/dev/null 2>&1
if "$il2trial" merge "$protocol" "$work/part0.json" "$work/part1.json" "$work/other.json" >/dev/null 2>"$work/err"; then fail "merge accepted another run's shard"; fi
grep -q "not a shard of the same run" "$work/err" || fail "other run: $(cat "$work/err")"
# A damaged shard is refused with a message, never a crash.
sed 's/"shard":\[0,3\]/"shard":[-7,3]/' "$work/part0.json" >"$work/bad.json"
if "$il2trial" merge "$protocol" "$work/bad.json" "$work/part1.json" "$work/part2.json" >/dev/null 2>"$work/err"; then fail "merge accepted a bad shard index"; fi
grep -q "is not a part i/n" "$work/err" || fail "bad shard index: $(cat "$work/err")"
# Outputs as a set: a device is written in place, never replaced; one path named for
# two outputs, or a folder, is refused before anything is moved, and earlier files stay.
quick=(--replicates 2 --truth-n 100 --seed 11 --n 40 --fixed --threads 1)
"$il2trial" simulate "$protocol" "${quick[@]}" --replicate-results /dev/null >/dev/null 2>&1 || fail "--replicate-results /dev/null failed"
[ -c /dev/null ] || fail "/dev/null is no longer a device"
echo EARLIER >"$work/earlier.json"
if "$il2trial" simulate "$protocol" "${quick[@]}" --json "$work/earlier.json" --replicate-results "$work/earlier.json" \
  >/dev/null 2>"$work/err"; then fail "one path for two outputs was accepted"; fi
grep -q "named for two outputs" "$work/err" || fail "two outputs: $(cat "$work/err")"
if "$il2trial" simulate "$protocol" "${quick[@]}" --json "$work/earlier.json" --replicate-results "$work" \
  >/dev/null 2>"$work/err"; then fail "a folder as an output file was accepted"; fi
grep -q "is a folder" "$work/err" || fail "folder: $(cat "$work/err")"
[ "$(cat "$work/earlier.json")" = EARLIER ] || fail "a refused run changed an earlier file"
ln -s "$work/earlier.json" "$work/link.json"
"$il2trial" simulate "$protocol" "${quick[@]}" --json "$work/link.json" >/dev/null 2>&1 || fail "--json through a link failed"
[ -L "$work/link.json" ] && grep -q '"provenance"' "$work/earlier.json" || fail "a link was replaced, not followed"

echo "simulate_identical: 1 thread = 2 threads = 3 merged shards = 3 Slurm array tasks (and 1 = 2 threads stratified; per-replicate rows too); merge refuses bad sets; outputs are a set"
