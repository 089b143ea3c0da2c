#!/usr/bin/env bash
# Reproduces the shipped learned ranker, Sources/GouguProposer/Resources/ranker.safetensors
# (docs/neural-proposer.md, "The learned ranker"). Usage: scripts/neural/train_ranker.sh [WORKDIR]
#
# About 45 minutes on a 2-core machine: two `gougu generate` runs of 40 minutes, one thread
# each, side by side, keep the problems whose auxiliary points the search found, each with its
# trace (every state on the way to the proof, the heuristic's first 100 candidates there with
# their features, and which ones the proof uses); then training (about a minute).
# The runs stop by --timeout, so a faster or slower machine keeps more or fewer examples.
# The second run draws constructions as often as the hard set's statements use them (the only
# use of a benchmark file: construction frequencies); `--exclude` then checks that no example
# is a problem of ../shared/benchmarks/ up to point names, and leaves out any that is.
set -euo pipefail
DEFAULT_WORK=out/ranker
source "$(dirname "$0")/setup_work.sh"
SEARCH="--searched-only --balance 0 --search-seconds 5 --search-states 150 --search-branching 100 --timeout 2400"

$G generate --count 1000000 --seed 2001 --out "$WORK/genA" --threads 1 $SEARCH \
    --style Problems/classics.txt --steps 5...10 &
$G generate --count 1000000 --seed 2002 --out "$WORK/genB" --threads 1 $SEARCH \
    --style ../shared/benchmarks/imo_hard_newclid_101.txt --steps 8...14 --prefer-larger-problems &
wait

$G proposer ranker --traces "$WORK"/genA/train.txt "$WORK"/genB/train.txt \
    --held-out "$WORK"/genA/heldout.txt "$WORK"/genB/heldout.txt \
    --exclude ../shared/benchmarks/*.txt \
    --hidden 64,64 --epochs 20 --groups-per-step 32 --lr 1e-3 --seed 1 \
    --out "$WORK/ranker.safetensors"
