#!/usr/bin/env bash
# Spark figures (dev.glassbox.spark.SparkBench in the Spark module's test sources): a standalone
# cluster of two one-core workers on loopback; parameter averaging on one and on two workers
# (784-256-128-10, one epoch, K = 16 and 64, median of --repeats runs after a warm-up), one thread
# training alone for reference, and a 6-trial sweep (4 epochs each on all of MNIST) one after
# another, two at a time and on Spark.
# Prints the figures and appends them as one JSON line to bench/results/spark.jsonl. About eight
# minutes; run it on a quiet machine.
set -euo pipefail
. "$(dirname "$0")/test-classpath.sh" glassbox-spark install
exec "$java_bin" -XX:+UseParallelGC --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED \
  ${JAVA_OPTS:-} -Dglassbox.data="$root/data/mnist" -cp "$classpath" dev.glassbox.spark.SparkBench \
  --json "$here/results/spark.jsonl" "$@"
