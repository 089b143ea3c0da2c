"""numpy (OpenBLAS) GEMM/GEMV throughput in the same tab-separated format as KernelBenchmarks:
kind, threads, size, GFLOP/s. Set OPENBLAS_NUM_THREADS / OMP_NUM_THREADS before running."""
import argparse
import time

import numpy as np

parser = argparse.ArgumentParser()
parser.add_argument("--sizes", default="64,128,256,512,1024")
parser.add_argument("--threads", default="1")
args = parser.parse_args()


def time_per_call(flops, fn):
    """Best of 5 samples of ~0.1 s each, like the Swift benchmark."""
    fn()
    reps = max(1, int(0.1 * 5e10 / max(flops, 1)))
    best = float("inf")
    for _ in range(5):
        t0 = time.perf_counter()
        for _ in range(reps):
            fn()
        best = min(best, (time.perf_counter() - t0) / reps)
    return best


rng = np.random.default_rng(1)
for kind in ("gemm", "gemv"):
    for n in map(int, args.sizes.split(",")):
        a = rng.random((n, n), dtype=np.float32) - 0.5
        b = rng.random((n, n), dtype=np.float32) - 0.5
        x = b[0].copy()
        c = np.empty((n, n), dtype=np.float32)
        y = np.empty(n, dtype=np.float32)
        if kind == "gemm":
            flops = 2.0 * n ** 3
            s = time_per_call(flops, lambda: np.matmul(a, b, out=c))
        else:
            flops = 2.0 * n * n
            s = time_per_call(flops * 20, lambda: np.matmul(a, x, out=y))
        print(f"{kind}\t{args.threads}\t{n}\t{flops / s / 1e9:.2f}", flush=True)
