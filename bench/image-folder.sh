#!/usr/bin/env bash
# Loading a folder of images (dev.glassbox.bench.ImageFolderBenchmark in glassbox-bench): 10,000
# MNIST test digits written as PNGs in one folder per digit, at 28x28 and at 64x64, each loaded to
# 28x28 grey with 1 and 2 decoding threads; median, fastest and slowest images/s of 5 loads after an
# untimed one (files in the page cache). Prints the figures and appends them as one JSON line to
# bench/results/image-folder.jsonl. Options: --images N, --repeats R, --threads T; JAVA_OPTS goes to
# the JVM. About a minute once built; run it on a quiet machine.
set -euo pipefail
. "$(dirname "$0")/test-classpath.sh" glassbox-bench test-compile glassbox-core
exec "$java_bin" -XX:+UseParallelGC ${JAVA_OPTS:-} -Dglassbox.data="$root/data/mnist" -cp "$classpath" \
  dev.glassbox.bench.ImageFolderBenchmark --json "$here/results/image-folder.jsonl" "$@"
