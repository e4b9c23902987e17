#!/usr/bin/env bash
# Robustness to a stolen core: how two-thread training fares when another program takes one of the
# two cores for part of the run, as happens on the shared reference machine for stretches of tens
# of seconds. For each of --rounds rounds, interleaved: `./glassbox bench -t 1` on a quiet machine,
# then `./glassbox bench -t 2` while a busy loop pinned to core 1 (taskset -c 1) runs through the
# middle half of its timed batches. Both time --repeats runs of --batches batches (W1: 784-512-256-10
# ReLU, SGD with momentum, batch 128), so that the timed part lasts several seconds and the repeats
# show which stretch was hit. The busy loop (bench/stolen_core.py spin) finds the timed part by
# watching the run's threads (the FMA peak is measured just before and just after it), and spins
# from a quarter to three quarters of the time the one-thread run of the round suggests it will
# take; each two-thread line records when the timed part ran, when the core was taken, and the
# share of the timed part that overlapped.
# Appends every run to bench/results/stolen-core.jsonl (with the FMA peak and the CPU each run
# measured), then prints per round and as medians: one-thread samples/s; two-thread samples/s over
# the whole timed part and in its slowest repeat, each against the one-thread figure (below 1.00:
# two threads, one of them sharing its core, did worse than one thread alone).
# About 3 minutes with the defaults (3 rounds x 2 runs of about 25 s: start-up, 10 s of warm-up,
# the FMA peak measured twice, 4,000 timed batches). Needs two or more cores, taskset (util-linux)
# and a quiet machine: anything else running is a second thief.
# Options: --rounds N (3), --batches B (400), --repeats R (10), --warmup SECONDS (10), --label TEXT.
# A quick check that it works (under a minute):
#   bench/stolen-core.sh --rounds 1 --batches 20 --repeats 3 --warmup 0
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$here/.."
rounds=3 batches=400 repeats=10 warmup=10 label="" # the defaults of
options="rounds batches repeats warmup label"
. "$here/options.sh" "$@"

if ! command -v taskset > /dev/null; then
  echo "bench/stolen-core.sh: needs taskset, to pin the busy loop to core 1, and found none on PATH." \
    "It comes with util-linux (Debian and Ubuntu: apt-get install util-linux)." >&2
  exit 1
fi
if [ "$(nproc)" -lt 2 ]; then
  echo "bench/stolen-core.sh: needs two or more cores to take one away, and this machine has $(nproc)." >&2
  exit 1
fi
python="${PYTHON:-python3}"

mkdir -p "$here/results"
out="$here/results/stolen-core.jsonl"
set_id="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
tmp="$(mktemp -d)"
stealer=""
# Never leave the busy loop running, whatever stops the script.
trap '[ -n "$stealer" ] && kill "$stealer" 2> /dev/null; rm -rf "$tmp"' EXIT
"$root/glassbox" --help > /dev/null 2> "$tmp/err" || { cat "$tmp/err" >&2; exit 1; } # builds it once

bench() {
  "$root/glassbox" bench -t "$1" --repeats "$repeats" --batches "$batches" --warmup "$warmup" --json \
    2> "$tmp/err" || { cat "$tmp/err" >&2; return 1; }
}

for ((round = 1; round <= rounds; round++)); do
  one="$(bench 1)"
  launched="$(date +%s.%N)"
  # Started directly, not through bench(), so that $! is the JVM (the launcher execs java) whose
  # threads the busy loop watches.
  "$root/glassbox" bench -t 2 --repeats "$repeats" --batches "$batches" --warmup "$warmup" --json \
    > "$tmp/two" 2> "$tmp/err" &
  two_pid=$!
  taskset -c 1 "$python" "$here/stolen_core.py" spin "$two_pid" "$one" --repeats "$repeats" --batches "$batches" \
    > "$tmp/spin" &
  stealer=$!
  wait "$two_pid" || { cat "$tmp/err" >&2; exit 1; }
  wait "$stealer" # it ends with the run
  stealer=""
  "$python" "$here/stolen_core.py" record "$out" --set "$set_id" --round "$round" --label "$label" \
    --batches "$batches" --launched "$launched" "$one" "$(cat "$tmp/two")" "$(cat "$tmp/spin")"
done
"$python" "$here/stolen_core.py" report "$out" --set "$set_id"
