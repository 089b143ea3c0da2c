#!/usr/bin/env bash
# Submits a sharded `gougu generate` or `gougu bench` to Slurm: a job array of N shards,
# then the merge as a job that runs only after every shard succeeded
# (--dependency=afterok:ARRAY_JOB). Run it from the repository root (the jobs run there too).
#
#   scripts/cluster/slurm/submit.sh generate N OUT [gougu generate options...]
#   scripts/cluster/slurm/submit.sh bench N OUT FILE... [gougu bench options...]
#
# generate: OUT/train-I-of-N.txt ... and the merge in OUT/merged/{train,heldout}.txt
#           (--count is per shard).
# bench:    OUT/shard-I.json and the merge in OUT/bench.json and OUT/bench.md.
# Job logs: OUT/slurm-*.out. Environment: GOUGU (the binary, default
# .build/release/gougu), CPUS (cpus per shard, default 1), WAIT=1 to return only when
# the merge has finished (its exit status is then this script's).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
usage() {
    echo "usage: $0 generate N OUT [gougu generate options...]" >&2
    echo "       $0 bench N OUT FILE... [gougu bench options...]" >&2
    exit 2
}
[ $# -ge 3 ] || usage
kind=$1 shards=$2 out=$3
shift 3
case "$kind" in generate|bench) ;; *) usage ;; esac
[[ "$shards" =~ ^[1-9][0-9]*$ ]] || { echo "$0: error: N must be a positive integer, got '$shards'" >&2; exit 2; }
command -v sbatch >/dev/null 2>&1 || { echo "$0: error: sbatch not found (no Slurm here; see docs/cluster.md)" >&2; exit 2; }
gougu=${GOUGU:-$PWD/.build/release/gougu}
[ -x "$gougu" ] || { echo "$0: error: $gougu is not an executable (build it, or set GOUGU)" >&2; exit 2; }
export GOUGU=$gougu
mkdir -p "$out"

array=$(sbatch --parsable --array="0-$((shards - 1))" --cpus-per-task="${CPUS:-1}" \
    --output="$out/slurm-%x-%A_%a.out" "$here/$kind-shard.sbatch" "$out" "$@")
array=${array%%;*}
echo "$kind: $shards shards as job array $array"
# A shard that fails cancels the merge (--kill-on-invalid-dep) rather than leaving it pending.
merge=$(sbatch --parsable --dependency="afterok:$array" --kill-on-invalid-dep=yes \
    --output="$out/slurm-%x-%j.out" "$here/$kind-merge.sbatch" "$out")
merge=${merge%%;*}
echo "merge: job $merge after $array"
[ -n "${WAIT:-}" ] || exit 0
# Wait for the array and the merge; Slurm keeps a finished job's state for MinJobAge
# (300 s by default), which is where the merge's outcome is read from.
while squeue -h -j "$array,$merge" 2>/dev/null | grep -q .; do sleep 1; done
state=$(scontrol -o show job "$merge" 2>/dev/null | grep -o 'JobState=[A-Z_]*' | cut -d= -f2 || true)
cat "$out/slurm-gougu-$kind-merge-$merge.out" 2>/dev/null || true
if [ "$state" != COMPLETED ]; then
    echo "$0: error: the merge job $merge ended ${state:-in an unknown state}; see $out/slurm-*.out" >&2
    exit 1
fi
