#!/usr/bin/env bash
# Gougu's GEMM/GEMV kernels against OpenBLAS (through numpy), single-threaded and with
# both cores, at sizes 64..1024; then a safetensors interoperability check with the
# `safetensors` Python package. Usage: scripts/neural/bench_vs_openblas.sh [sizes]
# (sizes default to 64,128,256,512,1024). Creates .venv-neural in the repository root.
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

echo "== Gougu kernels =="
"$BIN" gemm gemv --sizes "$SIZES" --threads 1,2 | tee "$OUT/gougu.tsv"

echo "== OpenBLAS (numpy) =="
for threads in 1 2; do
  OPENBLAS_NUM_THREADS=$threads OMP_NUM_THREADS=$threads "$VENV/bin/python" scripts/neural/numpy_bench.py \
    --sizes "$SIZES" --threads "$threads" | tee -a "$OUT/openblas.tsv"
done

echo "== Ratio (Gougu / OpenBLAS) =="
"$VENV/bin/python" - "$OUT/gougu.tsv" "$OUT/openblas.tsv" <<'PY'
import sys
def load(p):
    return {tuple(l.split("\t")[:3]): float(l.split("\t")[3]) for l in open(p) if l.strip()}
g, o = load(sys.argv[1]), load(sys.argv[2])
print(f"{'kernel':6} {'thr':>3} {'size':>5} {'Gougu GF/s':>11} {'OpenBLAS GF/s':>14} {'ratio':>6}")
for key in sorted(g, key=lambda k: (k[0], int(k[1]), int(k[2]))):
    if key in o:
        print(f"{key[0]:6} {key[1]:>3} {key[2]:>5} {g[key]:11.1f} {o[key]:14.1f} {g[key] / o[key]:6.2f}")
PY

echo "== safetensors interoperability =="
"$BIN" --write-safetensors "$OUT/check"
"$VENV/bin/python" scripts/neural/check_safetensors.py "$OUT/check"
