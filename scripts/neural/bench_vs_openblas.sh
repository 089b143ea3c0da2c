#!/usr/bin/env bash
# Gougu's GEMM/GEMV kernels against OpenBLAS (through numpy), single-threaded and with
# both cores, at sizes 64..1024; then a safetensors interoperability check with the
# `safetensors` Python package. Usage: scripts/neural/bench_vs_openblas.sh [sizes]
# (sizes default to 64,128,256,512,1024; ROUNDS=5 interleaved rounds, medians reported).
# Creates .venv-neural in the repository root.
set -euo pipefail
cd "$(dirname "$0")/../.."
SIZES="${1:-64,128,256,512,1024}"
SCRATCH="${SCRATCH:-.build-neural}"
VENV=.venv-neural
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet numpy safetensors
fi
swift build -c release --scratch-path "$SCRATCH" --product KernelBenchmarks >/dev/null
BIN="$SCRATCH/release/KernelBenchmarks"
OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT

echo "== FMA check: vfmadd instructions in the release kernels object =="
objdump -d "$SCRATCH/release/GouguNeural.build/Kernels.swift.o" | grep -c vfmadd || true

# The machine is a shared VM (steal time): single timings move by up to 2x. Gougu and
# OpenBLAS are therefore measured in ROUNDS interleaved rounds (each round: Gougu 1 and 2
# threads, then OpenBLAS 1 and 2 threads), and each cell reports the median over rounds.
ROUNDS="${ROUNDS:-5}"
for round in $(seq 1 "$ROUNDS"); do
  echo "== round $round of $ROUNDS: Gougu kernels, then OpenBLAS (numpy) =="
  "$BIN" gemm gemv --sizes "$SIZES" --threads 1,2 | sed "s/^/$round\t/" | tee -a "$OUT/gougu.tsv"
  for threads in 1 2; do
    OPENBLAS_NUM_THREADS=$threads OMP_NUM_THREADS=$threads "$VENV/bin/python" scripts/neural/numpy_bench.py \
      --sizes "$SIZES" --threads "$threads" | sed "s/^/$round\t/" | tee -a "$OUT/openblas.tsv"
  done
done

echo "== Ratio (Gougu / OpenBLAS), medians over $ROUNDS rounds; per-round ratios after =="
"$VENV/bin/python" - "$OUT/gougu.tsv" "$OUT/openblas.tsv" <<'PY'
import statistics, sys
def load(p):
    cells = {}
    for line in open(p):
        if line.strip():
            r, kind, threads, size, gflops = line.split("\t")
            cells.setdefault((kind, threads, size), {})[r] = float(gflops)
    return cells
g, o = load(sys.argv[1]), load(sys.argv[2])
print(f"{'kernel':6} {'thr':>3} {'size':>5} {'Gougu GF/s':>11} {'OpenBLAS GF/s':>14} {'ratio':>6}   per round")
for key in sorted(g, key=lambda k: (k[0], int(k[1]), int(k[2]))):
    if key in o:
        gm, om = statistics.median(g[key].values()), statistics.median(o[key].values())
        rounds = " ".join(f"{g[key][r] / o[key][r]:.2f}" for r in sorted(g[key], key=int) if r in o[key])
        print(f"{key[0]:6} {key[1]:>3} {key[2]:>5} {gm:11.1f} {om:14.1f} {gm / om:6.2f}   {rounds}")
PY

echo "== safetensors interoperability =="
"$BIN" --write-safetensors "$OUT/check"
"$VENV/bin/python" scripts/neural/check_safetensors.py "$OUT/check"
