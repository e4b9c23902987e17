#!/usr/bin/env python3
"""The results of bench/peer.sh: Glassbox against PyTorch on W1, round by round.

  peer_results.py record FILE --set SET --round R [--label TEXT] GLASSBOX_LINE PYTORCH_LINE
      appends the two runs of one round and thread count to FILE (JSON lines), each tagged with
      set, label, round and side; the PyTorch line also gets the CPU, the kernels and the FMA peak
      of the Glassbox run (peak_gflops, and its percent_of_peak against that peak). Prints one line.
  peer_results.py report FILE [--set SET]
      per thread count of one set (by default the last in FILE): each side's median samples/s over
      the rounds, the ratio Glassbox/PyTorch of the medians, and each round's ratio.
"""
import argparse
import json
import statistics

import result_sets


def record(a):
    glassbox = json.loads(a.glassbox_line)
    pytorch = json.loads(a.pytorch_line)
    tags = {"set": a.set, "label": a.label, "round": a.round}
    from_glassbox = {k: glassbox[k] for k in ("cpu", "avx512", "kernels", "kernel_shape") if k in glassbox}
    from_glassbox["peak_gflops"] = glassbox["peak_gflops"]
    from_glassbox["percent_of_peak"] = round(100 * pytorch["gflops"] / glassbox["peak_gflops"], 1)
    from_glassbox["peak_from"] = "the glassbox run of this round"
    with open(a.file, "a") as out:
        out.write(json.dumps({**tags, "side": "glassbox", **glassbox}, ensure_ascii=False) + "\n")
        out.write(json.dumps({**tags, "side": "pytorch", **from_glassbox, **pytorch}, ensure_ascii=False) + "\n")
    g, p = glassbox["samples_per_second"], pytorch["samples_per_second"]
    print(f"round {a.round}, {threads(glassbox['threads'])}: Glassbox {g:,} samples/s, PyTorch {p:,} samples/s"
          f" ({g / p:.2f}x)", flush=True)


def threads(n):
    return f"{n} thread" + ("" if n == 1 else "s")


def report(a):
    chosen, lines = result_sets.read_set(a.file, a.set, "side", "bench/peer.sh")
    glassbox = [line for line in lines if line["side"] == "glassbox"]
    peaks = {}
    for line in glassbox:
        peaks.setdefault(line["threads"], []).append(line["peak_gflops"])
    first = glassbox[0]
    torch = next((line["torch"] for line in lines if line["side"] == "pytorch"), "?")
    print(f"Glassbox against PyTorch {torch}, {first['layers']}, batch {first['batch']},"
          f" SGD with momentum, set {chosen}" + (f" ({first['label']})" if first.get("label") else ""))
    print(result_sets.machine(first))
    print(f"{'threads':>7}  {'rounds':>6}  {'Glassbox samples/s':>18}  {'PyTorch samples/s':>17}"
          f"  {'Glassbox/PyTorch':>16}  {'FMA peak GFLOP/s':>16}  per round")
    for t in sorted(peaks):
        rounds = sorted({line["round"] for line in lines if line["threads"] == t})
        by_round = {(line["round"], line["side"]): line["samples_per_second"] for line in lines
                    if line["threads"] == t}
        complete = [r for r in rounds if (r, "glassbox") in by_round and (r, "pytorch") in by_round]
        g = statistics.median(by_round[(r, "glassbox")] for r in complete)
        p = statistics.median(by_round[(r, "pytorch")] for r in complete)
        per_round = " ".join(f"{by_round[(r, 'glassbox')] / by_round[(r, 'pytorch')]:.2f}" for r in complete)
        peak = f"{min(peaks[t]):.1f}–{max(peaks[t]):.1f}" if len(peaks[t]) > 1 else f"{peaks[t][0]:.1f}"
        print(f"{t:>7}  {len(complete):>6}  {round(g):>18,}  {round(p):>17,}  {g / p:>16.2f}  {peak:>16}  {per_round}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    r = result_sets.add_commands(commands)
    r.add_argument("glassbox_line")
    r.add_argument("pytorch_line")
    a = parser.parse_args()
    record(a) if a.command == "record" else report(a)


if __name__ == "__main__":
    main()
