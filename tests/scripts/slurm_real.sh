#!/usr/bin/env bash
# Starts a private single-node Slurm on localhost (munged, slurmctld, slurmd from Debian's
# slurm-wlm and munge packages, no systemd), submits scripts/slurm_simulate.sh's 4-task job
# array and its merge job to it, and checks that the merged results.json is byte for byte
# the unsharded run's. Everything (slurm.conf, state, spool, logs, jobs) lives in a fresh
# folder, munge's key and socket in one under /tmp; every daemon it started is stopped
# and both folders removed on exit (the first kept when the test fails).
# The slurm.conf is Debian's slurm.conf.simple (slurmctld's examples) written out for a
# container: root as SlurmUser, proctrack/linuxproc, task/none, no cgroups, no accounting,
# CR_Core, the paths under the run's folder, and a merge cancelled when a task fails.
# Usage: slurm_real.sh IL2TRIAL SOURCE_DIR WORK_BASE
# Env: SLURMCTLD_PORT / SLURMD_PORT (default 16817 / 16818), KEEP=1 keeps the folder.
set -euo pipefail
t0=$(date +%s)
il2trial=${1:?usage: slurm_real.sh IL2TRIAL SOURCE_DIR WORK_BASE}
src=${2:?usage: slurm_real.sh IL2TRIAL SOURCE_DIR WORK_BASE}
base=${3:?usage: slurm_real.sh IL2TRIAL SOURCE_DIR WORK_BASE}
cport=${SLURMCTLD_PORT:-16817}
dport=${SLURMD_PORT:-16818}
protocol="$src/protocols/NCT02465580-he2020.toml"
options=(--replicates 8 --truth-n 100 --seed 3 --fixed)

fail() { echo "FAIL: $*" >&2; exit 1; }
# upto SECONDS SCRIPT: run a bash loop in the background under timeout and wait for it, so
# that a signal to this script is handled at once (bash defers traps until a foreground
# command ends).
waiter=""
upto() { timeout "$1" bash -c "$2" & waiter=$!; wait "$waiter"; }
for c in munged mungekey slurmctld slurmd sbatch squeue sinfo scancel; do
  command -v "$c" >/dev/null || fail "$c not found: apt-get install --no-install-recommends slurm-wlm munge"
done
[ -x "$il2trial" ] || fail "$il2trial: no il2trial binary"
for p in "$cport" "$dport"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then fail "port $p is in use (another Slurm?)"; fi
done

mkdir -p "$base"
tmp=$(mktemp -d "$base/run.XXXXXX")
export SLURM_CONF="$tmp/slurm.conf"
# munged wants a+x on every folder above its socket, which a build tree's parents need
# not give (a mktemp -d folder is 700): its folder is one of its own under /tmp.
mdir=$(mktemp -d /tmp/il2trial-munge.XXXXXX)
chmod 755 "$mdir"
ctld_pid="" slurmd_pid="" munged_pid="" ok=0

stop() {  # stop PID NAME: SIGTERM, up to 15 s, then SIGKILL
  local pid=$1 i
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
  kill "$pid" 2>/dev/null || true
  for i in $(seq 30); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.5; done
  echo "slurm_real: $2 ($pid) did not stop; killing it" >&2
  kill -9 "$pid" 2>/dev/null || true
}
cleanup() {
  set +e
  [ -n "$waiter" ] && kill "$waiter" 2>/dev/null
  if [ -n "$ctld_pid" ] && kill -0 "$ctld_pid" 2>/dev/null; then
    timeout 10 scancel --user=root >/dev/null 2>&1   # jobs of this private cluster only
    timeout 20 bash -c 'while [ -n "$(squeue -h -o %i 2>/dev/null)" ]; do sleep 1; done'
  fi
  stop "$slurmd_pid" slurmd
  stop "$ctld_pid" slurmctld
  stop "$munged_pid" munged
  [ "$ok" -ne 1 ] && [ -f "$mdir/munged.log" ] && { echo "--- munged.log (tail)"; tail -5 "$mdir/munged.log"; } >&2
  rm -rf "$mdir"
  if [ "$ok" -ne 1 ]; then
    for f in "$tmp"/slurmctld.log "$tmp"/slurmd.log "$tmp"/jobs/*.log; do
      [ -f "$f" ] && { echo "--- $f (tail)"; tail -15 "$f"; } >&2
    done
    echo "slurm_real: kept $tmp" >&2
  elif [ "${KEEP:-0}" != 1 ]; then
    rm -rf "$tmp"
  fi
  echo "slurm_real: wall time $(( $(date +%s) - t0 )) s" >&2
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# munge: own key, socket, pid, log and seed in $mdir (no clash with a system munged).
timeout 30 mungekey --create --keyfile="$mdir/munge.key"
chmod 600 "$mdir/munge.key"
msock="$mdir/munge.socket"
timeout 30 munged --socket="$msock" --key-file="$mdir/munge.key" --pid-file="$mdir/munged.pid" \
  --log-file="$mdir/munged.log" --seed-file="$mdir/munged.seed" --num-threads=2 \
  || fail "munged did not start: $(tail -3 "$mdir/munged.log")"
munged_pid=$(cat "$mdir/munged.pid")
upto 10 "until munge -n -S '$msock' | unmunge -S '$msock' >/dev/null 2>&1; do sleep 0.5; done" \
  || fail "munge does not answer on $msock"

# slurm.conf: as Debian's slurm.conf.simple, made for this container: one node (this host,
# nproc CPUs, memory not scheduled), root as SlurmUser, no cgroups, paths under $tmp.
host=$(hostname -s 2>/dev/null || uname -n)
host=${host%%.*}
mkdir -p "$tmp/state" "$tmp/spool"
: >"$tmp/plugstack.conf"
cat >"$SLURM_CONF" <<CONF
ClusterName=il2trial
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$cport
SlurmdPort=$dport
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$msock
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
MailProg=/bin/true
ReturnToService=2
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
DependencyParameters=kill_invalid_depend
PlugStackConfig=$tmp/plugstack.conf
StateSaveLocation=$tmp/state
SlurmdSpoolDir=$tmp/spool
SlurmctldPidFile=$tmp/slurmctld.pid
SlurmdPidFile=$tmp/slurmd.pid
SlurmctldLogFile=$tmp/slurmctld.log
SlurmdLogFile=$tmp/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
NodeName=$host NodeAddr=127.0.0.1 CPUs=$(nproc) State=UNKNOWN
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONF

slurmctld -D -i -f "$SLURM_CONF" >"$tmp/slurmctld.out" 2>&1 &
ctld_pid=$!
slurmd -D -f "$SLURM_CONF" -N "$host" >"$tmp/slurmd.out" 2>&1 &
slurmd_pid=$!
upto 60 'until sinfo -h -N -o %T 2>/dev/null | grep -qx idle; do sleep 1; done' \
  || fail "the node is not idle after 60 s: $(sinfo -N 2>&1 | tail -2)"
echo "slurm_real: node $host idle after $(( $(date +%s) - t0 )) s"

timeout 60 "$src/scripts/slurm_simulate.sh" --tasks 4 --cpus 1 --dir "$tmp/jobs" --il2trial "$il2trial" --submit \
  "$protocol" "${options[@]}" >"$tmp/submit.out" 2>&1 || fail "submission failed: $(cat "$tmp/submit.out")"
# squeue lists pending, running and completing jobs; empty (and answering) = all done.
upto 240 'until q=$(squeue -h -o %i 2>/dev/null) && [ -z "$q" ]; do sleep 2; done' \
  || fail "jobs still queued after 240 s: $(squeue 2>&1)"
for i in 0 1 2 3; do [ -s "$tmp/jobs/part$i.json" ] || fail "task $i wrote no part$i.json"; done
[ -s "$tmp/jobs/results.json" ] || fail "the merge job wrote no results.json"
[ -s "$tmp/jobs/report.html" ] || fail "the merge job wrote no report.html"

timeout 120 "$il2trial" simulate "$protocol" "${options[@]}" --threads 1 --json "$tmp/whole.json" >/dev/null 2>&1 \
  || fail "the unsharded run failed"
cmp -s "$tmp/whole.json" "$tmp/jobs/results.json" \
  || fail "the Slurm array's results differ from the whole run: diff $tmp/whole.json $tmp/jobs/results.json"
ok=1
echo "slurm_real: a real Slurm ran 4 array tasks and the merge = the whole run"
