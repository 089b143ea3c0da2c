#!/usr/bin/env bash
# The proposer ablation on synthetic problems that need auxiliary points (the model's own
# distribution), beside the IMO-AG-30 one (docs/neural-proposer.md).
# Usage: scripts/neural/synthetic_ablation.sh [WORKDIR] [SEED] [PROBLEMS]
#
# Mines examples with `gougu generate` (a seed none of the shipped model's data used), keeps
# the problems whose auxiliary points DD + AR needs, and runs `gougu bench` on them with each
# proposer at the same budget (10 s a problem, one search worker, two problems at a time).
# Environment: GENERATE_OPTIONS (more `gougu generate` options, e.g. "--style
# Problems/classics.txt --steps 5...10" for competition-like problems), MODEL (a model file
# instead of the shipped one), PROPOSERS (default "heuristic both neural"), BENCH_OPTIONS
# (more `gougu bench` options, e.g. "--neural-depth 1").
set -euo pipefail
cd "$(dirname "$0")/../.."
WORK="${1:-out/synthetic-ablation}"
SEED="${2:-97}"
COUNT="${3:-100}"
swift build -c release --product gougu >/dev/null
G=.build/release/gougu
mkdir -p "$WORK"
rm -rf "$WORK/gen"
# shellcheck disable=SC2086
$G generate --count $((COUNT * 2)) --seed "$SEED" --out "$WORK/gen" --balance 0.2 ${GENERATE_OPTIONS:-} >/dev/null
# Name line, then problem line, for the first COUNT examples marked `needed`.
cat "$WORK/gen/train.txt" "$WORK/gen/heldout.txt" \
    | awk -F'\t' -v n="$COUNT" '$4 == "needed" && kept < n { print $1; print $2; kept++ }' > "$WORK/problems.txt"
MODEL_OPTION=()
if [ -n "${MODEL:-}" ]; then MODEL_OPTION=(--proposer-model "$MODEL"); fi
for proposer in ${PROPOSERS:-heuristic both neural}; do
    # shellcheck disable=SC2086
    $G bench "$WORK/problems.txt" --timeout 10 --jobs 2 --search-workers 1 --proposer "$proposer" \
        "${MODEL_OPTION[@]}" ${BENCH_OPTIONS:-} \
        --report "$WORK/$proposer.md" >/dev/null 2>&1
    awk -F'|' -v p="$proposer" '/^\| / && $3 ~ /proved/ && $3 !~ /not/ {
            proved++; states += $7; if ($7 + 0 <= 1) first++ }
        END { printf "%-9s proved %d, states %d, proved within one state %d\n", p, proved, states, first }' "$WORK/$proposer.md"
done
