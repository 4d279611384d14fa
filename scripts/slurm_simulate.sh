#!/usr/bin/env bash
# Writes (and with --submit, submits) a Slurm job array that runs `il2trial simulate` in
# TASKS shards, and a merge job that starts when every task has succeeded. Each task
# takes its shard from SLURM_ARRAY_TASK_ID / SLURM_ARRAY_TASK_COUNT (simulate does so
# itself when --shard is not given) and writes DIR/part<i>.json; the merge writes
# DIR/results.json and DIR/report.html. Options after the protocol go to simulate;
# --assume options go to the merge too (it needs the same).
#
# Usage: scripts/slurm_simulate.sh [--tasks N] [--cpus N] [--time HH:MM:SS] [--dir DIR]
#          [--il2trial PATH] [--submit] PROTOCOL [simulate options...]
# Without --submit it prints the two sbatch commands to run.
set -euo pipefail
tasks=4 cpus=2 limit=01:00:00 dir=il2trial-slurm il2trial=il2trial submit=0
usage() { sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
while [ $# -gt 0 ]; do
  case "$1" in
    --tasks) tasks=${2:?--tasks needs a number}; shift 2 ;;
    --cpus) cpus=${2:?--cpus needs a number}; shift 2 ;;
    --time) limit=${2:?--time needs HH:MM:SS}; shift 2 ;;
    --dir) dir=${2:?--dir needs a folder}; shift 2 ;;
    --il2trial) il2trial=${2:?--il2trial needs a path}; shift 2 ;;
    --submit) submit=1; shift ;;
    -h|--help) usage ;;
    --*) echo "slurm_simulate.sh: error: unknown option $1 (options before the protocol; simulate's after it)" >&2; exit 2 ;;
    *) break ;;
  esac
done
[ $# -ge 1 ] || usage
protocol=$1
shift
case "$tasks" in ''|*[!0-9]*) echo "slurm_simulate.sh: error: --tasks $tasks: give a whole number from 1" >&2; exit 2 ;; esac
case "$cpus" in ''|*[!0-9]*) echo "slurm_simulate.sh: error: --cpus $cpus: give a whole number from 1" >&2; exit 2 ;; esac
[ "$tasks" -ge 1 ] && [ "$cpus" -ge 1 ] || { echo "slurm_simulate.sh: error: --tasks and --cpus start at 1" >&2; exit 2; }
[ -f "$protocol" ] || { echo "slurm_simulate.sh: error: $protocol: no such protocol file" >&2; exit 2; }
for a in "$@"; do
  case "$a" in --shard|--out|--json|--report|--records) echo "slurm_simulate.sh: error: $a is set by the script" >&2; exit 2 ;; esac
done

mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
protocol=$(cd "$(dirname "$protocol")" && pwd)/$(basename "$protocol")
quote() { [ $# -eq 0 ] || printf '%q ' "$@"; }
merge_assume=()
prev=""
for a in "$@"; do
  [ "$prev" = --assume ] && merge_assume+=(--assume "$a")
  prev=$a
done

cat >"$dir/simulate.sbatch" <<JOB
#!/usr/bin/env bash
#SBATCH --job-name=il2trial-simulate
#SBATCH --array=0-$((tasks - 1))
#SBATCH --cpus-per-task=$cpus
#SBATCH --time=$limit
#SBATCH --output=$dir/simulate-%a.log
set -euo pipefail
$(quote "$il2trial" simulate "$protocol" "$@")--threads "\$SLURM_CPUS_PER_TASK" --out $(quote "$dir/part{shard}.json")
JOB
cat >"$dir/merge.sbatch" <<JOB
#!/usr/bin/env bash
#SBATCH --job-name=il2trial-merge
#SBATCH --cpus-per-task=1
#SBATCH --time=00:10:00
#SBATCH --output=$dir/merge.log
set -euo pipefail
$(quote "$il2trial" merge "$protocol")"$dir"/part*.json $(quote "${merge_assume[@]}")--json $(quote "$dir/results.json")--report $(quote "$dir/report.html")
JOB

if [ "$submit" -eq 1 ]; then
  job=$(sbatch --parsable "$dir/simulate.sbatch")
  sbatch --parsable --dependency="afterok:${job%%;*}" "$dir/merge.sbatch"
  echo "submitted: array job $job ($tasks tasks), merge after it; results in $dir/results.json" >&2
else
  echo "written: $dir/simulate.sbatch ($tasks tasks of $cpus CPUs) and $dir/merge.sbatch; submit with"
  echo "  job=\$(sbatch --parsable $dir/simulate.sbatch) && sbatch --dependency=afterok:\$job $dir/merge.sbatch"
fi
