#!/usr/bin/env python3
"""The reference line for the kernel benchmarks: NumPy's `a @ b` (OpenBLAS) on the nine matrix
products of one W1 training step (784-512-256-10, batch 128), in the same layouts as Glassbox's
kernels, on the thread count given by OPENBLAS_NUM_THREADS.

Prints one JSON object per product: {"product", "m", "n", "k", "threads", "gflops"}, the median
of 15 timed rounds of at least 0.2 s each. Usage: OPENBLAS_NUM_THREADS=2 python3 numpy_gemm.py
"""
import json
import os
import time

import numpy as np

BATCH = 128
LAYERS = [(784, 512), (512, 256), (256, 10)]


def products():
    rng = np.random.default_rng(1)
    for n_in, n_out in LAYERS:
        x = rng.standard_normal((BATCH, n_in), dtype=np.float32)
        w = rng.standard_normal((n_out, n_in), dtype=np.float32)
        dy = rng.standard_normal((BATCH, n_out), dtype=np.float32)
        flops = 2 * BATCH * n_in * n_out
        # Y = X·Wᵀ; dW = dYᵀ·X; dX = dY·W — transposes are views, BLAS reads them in place.
        yield f"fwd:{n_in}:{n_out}", (BATCH, n_out, n_in), flops, lambda x=x, w=w: x @ w.T
        yield f"dW:{n_in}:{n_out}", (n_out, n_in, BATCH), flops, lambda dy=dy, x=x: dy.T @ x
        yield f"dX:{n_in}:{n_out}", (BATCH, n_in, n_out), flops, lambda dy=dy, w=w: dy @ w


def main():
    threads = int(os.environ.get("OPENBLAS_NUM_THREADS", "0") or 0)
    for name, (m, n, k), flops, run in products():
        for _ in range(50):
            run()
        rates = []
        for _ in range(15):
            reps = 0
            start = time.perf_counter()
            while True:
                run()
                reps += 1
                elapsed = time.perf_counter() - start
                if elapsed >= 0.2:
                    break
            rates.append(flops * reps / elapsed / 1e9)
        rates.sort()
        print(json.dumps({"product": name, "m": m, "n": n, "k": k, "threads": threads,
                          "gflops": round(rates[len(rates) // 2], 1)}), flush=True)


if __name__ == "__main__":
    main()
