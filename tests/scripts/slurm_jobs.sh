#!/usr/bin/env bash
# scripts/slurm_simulate.sh writes job scripts that work: the array job's script, run as
# each of its 3 tasks would be (the variables Slurm sets for an array task), and then
# the merge job's script, give results.json byte for byte as the unsharded run does.
# No Slurm is started here; the scripts are run as sbatch would run them.
# Usage: slurm_jobs.sh IL2TRIAL SOURCE_DIR WORK_DIR
set -euo pipefail
il2trial=$1
cd "$2"
work=$3
rm -rf "$work"
mkdir -p "$work"
fail() { echo "FAIL: $*" >&2; exit 1; }
protocol="$PWD/protocols/NCT02465580-he2020.toml"
options=(--replicates 6 --truth-n 100 --seed 3 --fixed)

scripts/slurm_simulate.sh --tasks 3 --cpus 1 --dir "$work/jobs" --il2trial "$il2trial" "$protocol" "${options[@]}" \
  >"$work/written.txt" || fail "slurm_simulate.sh failed"
grep -q "#SBATCH --array=0-2" "$work/jobs/simulate.sbatch" || fail "no array of 3 tasks in simulate.sbatch"
grep -q "afterok" "$work/written.txt" || fail "the merge does not wait for the array"
for id in 0 1 2; do
  SLURM_ARRAY_TASK_ID=$id SLURM_ARRAY_TASK_MIN=0 SLURM_ARRAY_TASK_MAX=2 SLURM_ARRAY_TASK_COUNT=3 SLURM_CPUS_PER_TASK=1 \
    bash "$work/jobs/simulate.sbatch" >"$work/task$id.log" 2>&1 || fail "task $id: $(tail -2 "$work/task$id.log")"
done
[ -f "$work/jobs/part2.json" ] || fail "task 2 wrote no part2.json"
bash "$work/jobs/merge.sbatch" >"$work/merge.log" 2>&1 || fail "merge: $(tail -2 "$work/merge.log")"
"$il2trial" simulate "$protocol" "${options[@]}" --threads 1 --json "$work/whole.json" >/dev/null 2>&1
cmp -s "$work/whole.json" "$work/jobs/results.json" || fail "the merged array differs from the whole run: diff $work/whole.json $work/jobs/results.json"
[ -s "$work/jobs/report.html" ] || fail "the merge wrote no report"

if scripts/slurm_simulate.sh --tasks 0 "$protocol" >/dev/null 2>"$work/err"; then fail "--tasks 0 was accepted"; fi
grep -q "start at 1" "$work/err" || fail "--tasks 0: $(cat "$work/err")"
if scripts/slurm_simulate.sh "$protocol" --shard 0/2 >/dev/null 2>"$work/err"; then fail "--shard was accepted"; fi
grep -q "set by the script" "$work/err" || fail "--shard: $(cat "$work/err")"
echo "slurm_jobs: 3 array tasks and the merge job = the whole run"
