#!/usr/bin/env bash
# A one-node Slurm cluster on this machine, for trying the recipes in this folder:
# munged, slurmctld and slurmd on localhost, every file (configuration, keys, sockets,
# state, logs) under one directory, nothing under /etc.
#
#   scripts/cluster/slurm/local-cluster.sh start [DIR]   # writes DIR/slurm.conf, starts the daemons
#   eval "$(scripts/cluster/slurm/local-cluster.sh env [DIR])"   # SLURM_CONF for sbatch, squeue, ...
#   scripts/cluster/slurm/local-cluster.sh status [DIR]
#   scripts/cluster/slurm/local-cluster.sh stop [DIR]    # stops the daemons it started
#
# DIR defaults to $GOUGU_SLURM_DIR or /tmp/gougu-slurm. Needs Debian's slurm-wlm and munge
# (`apt-get install -y slurm-wlm munge`) and root, since slurmd starts jobs as their user.
# The ports default to 16817 (slurmctld) and 16818 (slurmd), away from a system Slurm's;
# set SLURMCTLD_PORT / SLURMD_PORT to change them. The node gets every core and all but
# 1 GiB of memory that `slurmd -C` reports.
set -euo pipefail

command=${1:-}
dir=${2:-${GOUGU_SLURM_DIR:-/tmp/gougu-slurm}}
ctld_port=${SLURMCTLD_PORT:-16817}
slurmd_port=${SLURMD_PORT:-16818}
node=localhost

usage() {
    echo "usage: $0 start|stop|status|env [DIR]" >&2
    exit 2
}

need() {
    for tool in "$@"; do
        command -v "$tool" >/dev/null 2>&1 || [ -x "/usr/sbin/$tool" ] || {
            echo "$0: error: '$tool' not found; install Debian's slurm-wlm and munge (apt-get install -y slurm-wlm munge)" >&2
            exit 2
        }
    done
}

sbin() { if command -v "$1" >/dev/null 2>&1; then command -v "$1"; else echo "/usr/sbin/$1"; fi; }

write_config() {
    local cpus memory
    cpus=$(nproc)
    memory=$(( $(free -m | awk '/^Mem:/ {print $2}') - 1024 ))
    cat > "$dir/slurm.conf" <<CONF
# Written by scripts/cluster/slurm/local-cluster.sh: a one-node cluster on localhost.
ClusterName=gougu-local
SlurmctldHost=$node(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
SlurmUser=$(id -un)
AuthType=auth/munge
AuthInfo=socket=$dir/munge/munge.socket.2
CredType=cred/munge
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool/%n
SlurmctldPidFile=$dir/run/slurmctld.pid
SlurmdPidFile=$dir/run/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
# No cgroups: a container or a laptop may not delegate them.
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
MpiDefault=none
MailProg=/bin/true
SwitchType=switch/none
# One job step per core, so that array tasks share the node.
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
SlurmctldTimeout=30
SlurmdTimeout=30
NodeName=$node NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$memory State=UNKNOWN
PartitionName=local Nodes=$node Default=YES MaxTime=INFINITE State=UP
CONF
}

start_munge() {
    mkdir -p -m 700 "$dir/munge"
    [ -f "$dir/munge/munge.key" ] || { dd if=/dev/urandom of="$dir/munge/munge.key" bs=1024 count=1 status=none; chmod 400 "$dir/munge/munge.key"; }
    "$(sbin munged)" --force --key-file="$dir/munge/munge.key" --socket="$dir/munge/munge.socket.2" \
        --pid-file="$dir/munge/munged.pid" --log-file="$dir/log/munged.log" --seed-file="$dir/munge/munged.seed"
}

wait_for_node() {
    for _ in $(seq 1 60); do
        if sinfo -h -N -o '%T' 2>/dev/null | grep -qE '^(idle|mixed|allocated)'; then return 0; fi
        sleep 1
    done
    echo "$0: error: the node did not come up in 60 s; see $dir/log/" >&2
    sinfo -N >&2 || true
    return 1
}

stop_pidfile() {
    local file=$1
    [ -f "$file" ] || return 0
    local pid
    pid=$(cat "$file")
    if kill -0 "$pid" 2>/dev/null; then
        kill "$pid"
        for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    fi
    rm -f "$file"
}

case "$command" in
start)
    need munged slurmctld slurmd sinfo
    if [ "$(id -u)" != 0 ]; then echo "$0: error: run as root (slurmd starts jobs as their user)" >&2; exit 2; fi
    mkdir -p -m 755 "$dir"
    mkdir -p "$dir/state" "$dir/spool/$node" "$dir/run" "$dir/log"
    if [ -f "$dir/run/slurmctld.pid" ] && kill -0 "$(cat "$dir/run/slurmctld.pid")" 2>/dev/null; then
        echo "$0: already running in $dir" >&2
        exit 0
    fi
    for port in "$ctld_port" "$slurmd_port"; do
        if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "$0: error: port $port is in use (another cluster?); set SLURMCTLD_PORT and SLURMD_PORT to free ports" >&2
            exit 2
        fi
    done
    write_config
    export SLURM_CONF=$dir/slurm.conf
    start_munge
    "$(sbin slurmctld)" -i    # -i: ignore state a previous run left behind
    "$(sbin slurmd)" -N "$node"
    wait_for_node
    echo "Slurm is up: SLURM_CONF=$dir/slurm.conf (eval \"\$($0 env $dir)\")"
    ;;
stop)
    export SLURM_CONF=$dir/slurm.conf
    stop_pidfile "$dir/run/slurmd.pid"
    stop_pidfile "$dir/run/slurmctld.pid"
    stop_pidfile "$dir/munge/munged.pid"
    echo "stopped the cluster in $dir"
    ;;
status)
    export SLURM_CONF=$dir/slurm.conf
    sinfo -N && squeue
    ;;
env)
    echo "export SLURM_CONF=$dir/slurm.conf"
    ;;
*)
    usage
    ;;
esac
