#!/usr/bin/env bash
# Runs the Slurm recipe end to end and checks its results; skipped (exit 0, "SKIPPED")
# when sbatch is not on PATH. Run from the repository root after
# `swift build -c release --product gougu`:
#
#   scripts/cluster/slurm/test-recipe.sh
#
# Uses the cluster SLURM_CONF points to when one answers, else starts a one-node cluster
# with local-cluster.sh in a temporary directory (root only) and stops it at the end.
#  1. bench: IMO-AG-30 (or Problems/classics.txt without ../shared/) with --no-aux in 3
#     shards plus the merge on Slurm; the merged report must have the problems, verdicts,
#     steps and facts of an unsharded local run, in the same order; merging two of the
#     three shards must fail with exit status 2.
#  2. generate: the first 400 random problems of seed 7, all examples kept (--problems 400
#     --balance 0), in 4 shards plus the merge on Slurm; the merged train.txt and
#     heldout.txt must be byte for byte those of the unsharded run here.
# Environment: GOUGU (default .build/release/gougu), KEEP=1 keeps the work directory.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

if ! command -v sbatch >/dev/null 2>&1; then
    echo "SKIPPED: sbatch is not on PATH (install Debian's slurm-wlm and munge to run this test)"
    exit 0
fi
export GOUGU=${GOUGU:-$PWD/.build/release/gougu}
[ -x "$GOUGU" ] || { echo "error: $GOUGU is not built (swift build -c release --product gougu)" >&2; exit 2; }
command -v python3 >/dev/null 2>&1 || { echo "error: the checks need python3" >&2; exit 2; }

work=$(mktemp -d /tmp/gougu-recipe-XXXXXX)
cluster=
cleanup() {
    [ -z "$cluster" ] || "$here/local-cluster.sh" stop "$cluster" >/dev/null || true
    [ -n "${KEEP:-}" ] && echo "kept $work" || rm -rf "$work"
}
trap cleanup EXIT

if ! sinfo -h >/dev/null 2>&1; then
    if [ "$(id -u)" != 0 ]; then
        echo "SKIPPED: no Slurm cluster answers (SLURM_CONF) and starting a local one needs root"
        exit 0
    fi
    cluster=$work/cluster
    # Ports of its own, so that it does not meet a cluster local-cluster.sh started before.
    SLURMCTLD_PORT=${SLURMCTLD_PORT:-16917} SLURMD_PORT=${SLURMD_PORT:-16918} "$here/local-cluster.sh" start "$cluster" >/dev/null
    export SLURM_CONF=$cluster/slurm.conf
fi

failures=0
check() {   # check DESCRIPTION COMMAND...
    local what=$1
    shift
    if "$@"; then echo "ok: $what"; else echo "FAILED: $what"; failures=$((failures + 1)); fi
}
seconds() { python3 -c 'import time; print(f"{time.time():.2f}")'; }

# 1. bench
problems=../shared/benchmarks/imo_ag_30.txt
if [ -f "$problems" ]; then
    echo "bench: $problems"
else
    echo "bench: $problems is not beside the repository; using Problems/classics.txt instead"
    problems=Problems/classics.txt
fi
start=$(seconds)
WAIT=1 "$here/submit.sh" bench 3 "$work/bench" "$problems" --no-aux --timeout 30 > "$work/bench.log"
echo "bench: 3 shards + merge on Slurm in $(python3 -c "print(f'{$(seconds) - $start:.1f}')") s"
start=$(seconds)
"$GOUGU" bench "$problems" --no-aux --timeout 30 --report "$work/unsharded.json" > /dev/null 2>&1
echo "bench: unsharded here in $(python3 -c "print(f'{$(seconds) - $start:.1f}')") s"
same_report() {
    python3 - "$1" "$2" <<'PY'
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
rows = lambda r: [{k: v for k, v in p.items() if k != "seconds"} for p in r["problems"]]
ok = a["run"] == b["run"] and rows(a) == rows(b) and a["totals"]["proved"] == b["totals"]["proved"]
proved = [p["problem"] for p in a["problems"] if p["proved"]]
print(f"  merged: {a['totals']['proved']} of {a['totals']['problems']} proved; unsharded: {b['totals']['proved']} of {b['totals']['problems']}")
if not ok:
    for x, y in zip(rows(a), rows(b)):
        if x != y: print("  differs:", x, y)
sys.exit(0 if ok else 1)
PY
}
check "the merged bench report equals the unsharded run's (apart from timings)" same_report "$work/bench/bench.json" "$work/unsharded.json"
missing_shard_fails() {
    local status=0
    "$GOUGU" bench --merge "$work/bench/shard-0.json" "$work/bench/shard-2.json" --report "$work/partial.json" 2> "$work/partial.err" || status=$?
    [ "$status" = 2 ] && grep -q "missing shard 1/3" "$work/partial.err"
}
check "merging without shard 1/3 fails with exit status 2" missing_shard_fails

# 2. generate
start=$(seconds)
WAIT=1 "$here/submit.sh" generate 4 "$work/generate" --problems 400 --balance 0 --seed 7 > "$work/generate.log"
echo "generate: 4 shards + merge on Slurm in $(python3 -c "print(f'{$(seconds) - $start:.1f}')") s"
start=$(seconds)
"$GOUGU" generate --problems 400 --balance 0 --seed 7 --out "$work/unsharded" > /dev/null 2>&1
echo "generate: unsharded here in $(python3 -c "print(f'{$(seconds) - $start:.1f}')") s"
same_corpus() {
    cmp -s "$work/generate/merged/train.txt" "$work/unsharded/train.txt" &&
        cmp -s "$work/generate/merged/heldout.txt" "$work/unsharded/heldout.txt"
}
check "the merged generate shards are the unsharded corpus, byte for byte" same_corpus
echo "  merged: $(cat "$work/generate/merged/train.txt" "$work/generate/merged/heldout.txt" | wc -l) examples; unsharded: $(cat "$work/unsharded/train.txt" "$work/unsharded/heldout.txt" | wc -l)"

if [ "$failures" = 0 ]; then echo "PASSED: the Slurm recipe"; else echo "FAILED: $failures checks"; exit 1; fi
