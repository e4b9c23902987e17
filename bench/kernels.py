#!/usr/bin/env python3
"""Turns a JMH run of KernelBenchmark (JSON) and numpy_gemm.py's output (JSON lines) into the
GFLOP/s tables of BENCHMARKS.md.

Usage: python3 kernels.py results/jmh.json results/numpy.jsonl
"""
import json
import sys

BATCH = 128


def flops(product):
    _, n_in, n_out = product.split(":")
    return 2 * BATCH * int(n_in) * int(n_out)


def main(jmh_file, numpy_file):
    glassbox = {}
    for result in json.load(open(jmh_file)):
        p = result["params"]
        ops = result["primaryMetric"]["score"]
        glassbox[(p["product"], p["kernels"], int(p["threads"]))] = ops * flops(p["product"]) / 1e9
    numpy = {}
    for line in open(numpy_file):
        r = json.loads(line)
        numpy[(r["product"], int(r["threads"]))] = r["gflops"]
    products = list(dict.fromkeys(k[0] for k in glassbox))
    for threads in (1, 2):
        print(f"\n{threads} thread{'s' if threads > 1 else ''} (GFLOP/s)\n")
        print("| product (m×n×k) | scalar | SIMD | NumPy (OpenBLAS) | SIMD / NumPy |")
        print("|---|---|---|---|---|")
        totals = {"scalar": 0.0, "simd": 0.0, "numpy": 0.0}
        for product in products:
            kind, n_in, n_out = product.split(":")
            m, n, k = {"fwd": (BATCH, n_out, n_in), "dW": (n_out, n_in, BATCH), "dX": (BATCH, n_in, n_out)}[kind]
            scalar = glassbox.get((product, "scalar", threads))
            simd = glassbox.get((product, "simd", threads))
            ref = numpy.get((product, threads))
            f = flops(product)
            for name, rate in (("scalar", scalar), ("simd", simd), ("numpy", ref)):
                if rate:
                    totals[name] += f / (rate * 1e9)
            def show(rate):
                return f"{rate:.1f}" if rate else "–"
            print(f"| {kind} {n_in}→{n_out} ({m}×{n}×{k}) | {show(scalar)} | {show(simd)} | {show(ref)} | "
                  f"{simd / ref:.2f} |")
        total_flops = sum(flops(p) for p in products)
        rate = {k: total_flops / v / 1e9 for k, v in totals.items() if v}
        scalar_total = f"{rate['scalar']:.1f}" if "scalar" in rate else "–"
        print(f"| **all nine** (time-weighted) | **{scalar_total}** | **{rate['simd']:.1f}** | "
              f"**{rate['numpy']:.1f}** | **{rate['simd'] / rate['numpy']:.2f}** |")


if __name__ == "__main__":
    main(*sys.argv[1:3])
