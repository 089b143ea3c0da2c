#!/usr/bin/env bash
# Reproduces the shipped proposer model, Sources/GouguProposer/Resources/proposer.safetensors
# (trained 2026-11-24; docs/neural-proposer.md). Usage: scripts/neural/train_proposer.sh [WORKDIR]
#
# About 3.5 hours on a 2-core machine: the two `gougu generate` runs (58 and 49 minutes, one
# thread each) run side by side, then the corpus (2 minutes) and training (53 minutes on both
# cores). The shipped run stopped the generate runs by --timeout (3,480 s and 2,940 s); the
# --count values below are the numbers of examples those runs kept, and one thread mines the
# random problems in seed order, so a run to that count samples the same problems. It is not
# bit-for-bit the same corpus: the miner's search for auxiliary points has a time budget
# (2 s, 0.5 s per state), so on a faster or slower machine a few examples can differ.
# The construction weights come from Problems/classics.txt as it was on 2026-11-23 (recorded
# in each run's summary.json under "style").
set -euo pipefail
DEFAULT_WORK=out/proposer
source "$(dirname "$0")/setup_work.sh"

# 1. Synthetic examples in the style of our classics (their constructions' frequencies):
#    17,771 + 9,210 examples, 14,809 + 7,675 with auxiliary points.
$G generate --count 17771 --seed 61 --out "$WORK/genS1" --threads 1 --balance 0.2 \
    --style Problems/classics.txt --steps 5...10 &
$G generate --count 9210 --seed 63 --out "$WORK/genS3" --threads 1 --balance 0.2 \
    --style Problems/classics.txt --steps 8...14 --prefer-larger-problems &
wait

# 2. The corpus: canonical names, one line per auxiliary clause, needed ones twice; each
#    input followed by the configuration DD + AR derive from its premises.
$G proposer corpus "$WORK"/genS1/train.txt "$WORK"/genS3/train.txt --out "$WORK/proposer-train.txt" \
    --prompt configuration --threads 2
$G proposer corpus "$WORK"/genS1/heldout.txt "$WORK"/genS3/heldout.txt --out "$WORK/proposer-heldout-all.txt" \
    --needed-copies 1 --prompt configuration --threads 2
# Held-out lines whose input also occurs in training (another run's training set) are removed.
awk -F'\t' 'NR==FNR{seen[$1]=1; next} !($1 in seen)' "$WORK/proposer-train.txt" "$WORK/proposer-heldout-all.txt" \
    > "$WORK/proposer-heldout.txt"

# 3. Training (both cores), F32 model and checkpoints; then the shipped F16 file.
$G proposer train --corpus "$WORK/proposer-train.txt" --out "$WORK/proposer-f32.safetensors" --prompt configuration \
    --layers 6 --dim 256 --heads 8 --context 256 --steps 3600 --batch 32 --bucket-window 16 --lr 7e-4 --warmup 200 \
    --seed 1 --threads 2 --log-every 50 --checkpoint-every 400 --eval "$WORK/proposer-heldout.txt"
$G proposer export --from "$WORK/proposer-f32.safetensors" --out "$WORK/proposer.safetensors" --dtype f16
$G proposer evaluate --model "$WORK/proposer.safetensors" --corpus "$WORK/proposer-heldout.txt" --beam 16
