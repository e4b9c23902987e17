#!/usr/bin/env bash
# Spark figures (dev.glassbox.spark.SparkBench in the Spark module's test sources): a standalone
# cluster of two one-core workers on loopback; parameter averaging on one and on two workers
# (784-256-128-10, one epoch, K = 16 and 64, median of --repeats runs after a warm-up), one thread
# training alone for reference, and a 6-trial sweep (4 epochs each on all of MNIST) one after
# another, two at a time and on Spark.
# Prints the figures and appends them as one JSON line to bench/results/spark.jsonl. About eight
# minutes; run it on a quiet machine.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$here/.."
. "$root/.mvn/find-jdk.sh"
java_bin="$(require_jdk)"
java_home="$(cd "$(dirname "$java_bin")/.." && pwd)"
mkdir -p "$here/results"
classpath_file="$root/glassbox-spark/target/bench-classpath.txt"
(cd "$root" && JAVA_HOME="$java_home" ./mvnw -B -q -DskipTests -pl glassbox-spark -am install \
  dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt)
classpath="$root/glassbox-spark/target/test-classes:$root/glassbox-spark/target/classes:$(cat "$classpath_file")"
exec "$java_bin" -XX:+UseParallelGC --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED \
  ${JAVA_OPTS:-} -Dglassbox.data="$root/data/mnist" -cp "$classpath" dev.glassbox.spark.SparkBench \
  --json "$here/results/spark.jsonl" "$@"
