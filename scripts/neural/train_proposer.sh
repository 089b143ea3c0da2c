#!/usr/bin/env bash
# Reproduces the shipped proposer model, Sources/GouguProposer/Resources/proposer.safetensors
# (docs/neural-proposer.md). Usage: scripts/neural/train_proposer.sh [WORKDIR]
#
# The shipped run stopped the three `gougu generate` runs by --timeout (240 s, 1860 s, 1740 s
# on a shared machine); the --count values below are the numbers of examples those runs kept,
# and one thread mines the random problems in seed order, so a run to that count samples the
# same problems. It is not bit-for-bit the same corpus: the miner's search for auxiliary
# points has a time budget (2 s, 0.5 s per state), so on a faster or slower machine a few
# examples can differ.
set -euo pipefail
cd "$(dirname "$0")/../.."
WORK="${1:-out/proposer}"
SCRATCH="${SCRATCH:-.build-neural}"
swift build -c release --scratch-path "$SCRATCH" --product gougu >/dev/null
G="$SCRATCH/release/gougu"
mkdir -p "$WORK"

# 1. Synthetic examples (one thread each; 237 + 1294 + 1424 examples, 2,461 with auxiliary points).
$G generate --count 237  --seed 11 --out "$WORK/genA" --threads 1 --balance 0.2
$G generate --count 1294 --seed 13 --out "$WORK/genC" --threads 1 --balance 0.2
$G generate --count 1424 --seed 12 --out "$WORK/genB" --threads 1 --balance 0.2

# 2. The corpus: canonical names, one line per auxiliary clause, needed ones twice.
$G proposer-corpus "$WORK"/genA/train.txt "$WORK"/genB/train.txt "$WORK"/genC/train.txt --out "$WORK/proposer-train.txt"
$G proposer-corpus "$WORK"/genA/heldout.txt "$WORK"/genB/heldout.txt "$WORK"/genC/heldout.txt \
    --out "$WORK/proposer-heldout-all.txt" --needed-copies 1
# Held-out lines whose input also occurs in training (another run's training set) are removed.
awk -F'\t' 'NR==FNR{seen[$1]=1; next} !($1 in seen)' "$WORK/proposer-train.txt" "$WORK/proposer-heldout-all.txt" \
    > "$WORK/proposer-heldout.txt"

# 3. Training (one thread), F32 model and checkpoints; then the shipped F16 file.
$G train --corpus "$WORK/proposer-train.txt" --out "$WORK/proposer-f32.safetensors" \
    --layers 4 --dim 192 --heads 6 --context 256 --steps 2000 --batch 32 --lr 1e-3 --warmup 100 \
    --seed 1 --threads 1 --log-every 50 --checkpoint-every 250 --eval "$WORK/proposer-heldout.txt"
$G export-model --from "$WORK/proposer-f32.safetensors" --out "$WORK/proposer.safetensors" --dtype f16
$G train-eval --model "$WORK/proposer.safetensors" --corpus "$WORK/proposer-heldout.txt" --beam 16
