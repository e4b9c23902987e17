#!/usr/bin/env bash
# Glassbox against PyTorch on the W1 workload: 784-512-relu-256-relu-10 on MNIST's training images,
# batch 128, SGD with momentum 0.9 at learning rate 0.01, random minibatches. For each of --rounds
# rounds and each thread count (1, then 2): one `./glassbox bench -t T --repeats 1 --json` and one
# bench/pytorch_w1.py run (its products in OpenBLAS on T threads, its own ops on one) on the same
# number of batches of the same images, each after the same warm-up; the two sides swap order from
# one round to the next, so that a noisy minute on the machine hurts both alike.
# Appends every result to bench/results/peer.jsonl, tagged with the set (this invocation), the
# round and the side; a PyTorch line also gets the CPU and the FMA peak that the Glassbox run of its
# round measured. Then prints, per thread count, the median samples/s of each side over the rounds,
# the ratio Glassbox/PyTorch of the medians, and each round's ratio (bench/peer_results.py, which
# reprints any set: python3 bench/peer_results.py report bench/results/peer.jsonl --set SET).
# About 7 minutes with the defaults (6 rounds x 2 thread counts x 2 runs of about 16 s: start-up,
# 10 s of warm-up, the FMA peak measured twice, 300 timed batches). Needs a quiet machine: on a
# shared one, a core taken away for a minute shows as one bad round, and a busy one spoils them all.
# Needs Python 3 with PyTorch and NumPy: the first of $PYTHON, python3 and /usr/bin/python3 that
# imports torch. Debian's torch runs on the system's libblas.so.3: without OpenBLAS installed that is
# the reference BLAS, tens of times slower, and bench/pytorch_w1.py refuses to run on it.
# Options: --rounds N (6), --batches B (300), --warmup SECONDS (10, both sides), --threads LIST
# (1,2), --label TEXT (kept in every line). A quick check that it works (about a minute):
#   bench/peer.sh --rounds 1 --batches 20 --warmup 0
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$here/.."
rounds=6 batches=300 warmup=10 threads=1,2 label="" # the defaults of
options="rounds batches warmup threads label"
. "$here/options.sh" "$@"

python=""
for candidate in ${PYTHON:-} python3 /usr/bin/python3; do
  if command -v "$candidate" > /dev/null && "$candidate" -c 'import numpy, torch' 2> /dev/null; then
    python="$candidate"
    break
  fi
done
if [ -z "$python" ]; then
  echo "bench/peer.sh: needs a Python 3 with PyTorch and NumPy (Debian: apt-get install python3-torch libopenblas0-pthread);" \
    "none of ${PYTHON:+\$PYTHON, }python3 and /usr/bin/python3 imports torch. Set PYTHON=/path/to/python3." >&2
  exit 1
fi

mkdir -p "$here/results"
out="$here/results/peer.jsonl"
set_id="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
err="$(mktemp)"
trap 'rm -f "$err"' EXIT
"$root/glassbox" --help > /dev/null 2> "$err" || { cat "$err" >&2; exit 1; } # builds it once, before any timing

# One side's run; its JSON line on stdout, its errors shown only if it fails.
run_side() {
  local side="$1" t="$2"
  if [ "$side" = glassbox ]; then
    "$root/glassbox" bench -t "$t" --repeats 1 --batches "$batches" --warmup "$warmup" --json 2> "$err" \
      || { cat "$err" >&2; return 1; }
  else
    "$python" "$here/pytorch_w1.py" --threads "$t" --repeats 1 --batches "$batches" --warmup "$warmup" 2> "$err" \
      || { cat "$err" >&2; return 1; }
  fi
}

for ((round = 1; round <= rounds; round++)); do
  for t in ${threads//,/ }; do
    if ((round % 2)); then order="glassbox pytorch"; else order="pytorch glassbox"; fi
    for side in $order; do
      line="$(run_side "$side" "$t")"
      if [ "$side" = glassbox ]; then glassbox_line="$line"; else pytorch_line="$line"; fi
    done
    "$python" "$here/peer_results.py" record "$out" --set "$set_id" --round "$round" --label "$label" \
      "$glassbox_line" "$pytorch_line"
  done
done
"$python" "$here/peer_results.py" report "$out" --set "$set_id"
