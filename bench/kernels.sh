#!/usr/bin/env bash
# The kernel benchmarks: JMH (scalar and SIMD, 1 and 2 threads) and NumPy's OpenBLAS at the same
# shapes, then the tables for BENCHMARKS.md. Takes about 10 minutes; run on an otherwise idle machine.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$here/.."
. "$root/.mvn/find-jdk.sh"
java_bin="$(require_jdk)"
mkdir -p "$here/results"
(cd "$root" && mvn -B -q -Dmaven.test.skip=true -pl glassbox-bench -am package)
"$java_bin" --add-modules jdk.incubator.vector -jar "$root/glassbox-bench/target/benchmarks.jar" KernelBenchmark \
  -rf json -rff "$here/results/jmh.json" "$@"
: > "$here/results/numpy.jsonl"
for threads in 1 2; do
  OPENBLAS_NUM_THREADS=$threads python3 "$here/numpy_gemm.py" >> "$here/results/numpy.jsonl"
done
python3 "$here/kernels.py" "$here/results/jmh.json" "$here/results/numpy.jsonl"
