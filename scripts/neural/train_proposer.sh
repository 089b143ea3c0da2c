#!/usr/bin/env bash
# Reproduces the shipped proposer model, Sources/GouguProposer/Resources/proposer.safetensors
# (docs/neural-proposer.md). Usage: scripts/neural/train_proposer.sh [WORKDIR]
#
# The shipped run stopped its three `gougu generate` runs by --timeout (1500 s, 2100 s and
# 1800 s, one thread each, session 7); the --count values below are the numbers of examples
# those runs kept, and one thread mines the random problems in seed order, so a run to that
# count samples the same problems. It is not bit-for-bit the same corpus: the miner's search
# for auxiliary points has a time budget (2 s, 0.5 s per state), so on a faster or slower
# machine a few examples can differ.
set -euo pipefail
cd "$(dirname "$0")/../.."
WORK="${1:-out/proposer}"
SCRATCH="${SCRATCH:-.build-neural}"
swift build -c release --scratch-path "$SCRATCH" --product gougu >/dev/null
G="$SCRATCH/release/gougu"
mkdir -p "$WORK"

# 1. Synthetic examples, one thread each: the default problem sizes (3-6 clauses after the
#    base shape) and two larger ranges, closer to olympiad figures.
#    5,956 + 8,631 + 7,749 examples, 18,612 with auxiliary points.
$G generate --count 5956 --seed 31 --out "$WORK/genD" --threads 1 --balance 0.2
$G generate --count 8631 --seed 32 --out "$WORK/genE" --threads 1 --balance 0.2 --steps 6...10
$G generate --count 7749 --seed 33 --out "$WORK/genF" --threads 1 --balance 0.2 --steps 4...8

# 2. The corpus: canonical names, one line per auxiliary clause, needed ones twice.
$G proposer-corpus "$WORK"/gen{D,E,F}/train.txt --out "$WORK/proposer-train.txt"
$G proposer-corpus "$WORK"/gen{D,E,F}/heldout.txt --out "$WORK/proposer-heldout-all.txt" --needed-copies 1
# Held-out lines whose input also occurs in training (another run's training set) are removed.
awk -F'\t' 'NR==FNR{seen[$1]=1; next} !($1 in seen)' "$WORK/proposer-train.txt" "$WORK/proposer-heldout-all.txt" \
    > "$WORK/proposer-heldout.txt"

# 3. Training (two threads), F32 model and checkpoints; then the shipped F16 file.
$G train --corpus "$WORK/proposer-train.txt" --out "$WORK/proposer-f32.safetensors" \
    --layers 6 --dim 256 --heads 8 --context 256 --steps 5500 --batch 32 --bucket-window 16 --lr 7e-4 --warmup 200 \
    --seed 1 --threads 2 --log-every 100 --checkpoint-every 500 --eval "$WORK/proposer-heldout.txt"
$G export-model --from "$WORK/proposer-f32.safetensors" --out "$WORK/proposer.safetensors" --dtype f16
$G train-eval --model "$WORK/proposer.safetensors" --corpus "$WORK/proposer-heldout.txt" --beam 16
