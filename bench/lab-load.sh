#!/usr/bin/env bash
# The lab under load (dev.glassbox.lab.LabLoad in the lab's test sources): 50 prediction clients for
# 30 s over loopback while the lab trains, pages that quit mid-stream and one that never reads, then
# a flood of events. Builds what it needs, runs once, prints the figures and appends them as one
# JSON line to bench/results/lab-load.jsonl. Options: --clients N, --seconds S, --no-training;
# JAVA_OPTS (e.g. -Xmx256m) goes to the JVM. About a minute and a half.
set -euo pipefail
. "$(dirname "$0")/test-classpath.sh" glassbox-lab test-compile glassbox-core
# The JVM options of ./glassbox, which is how the lab is normally started.
exec "$java_bin" -XX:+UseParallelGC -XX:MaxNewSize=128m --add-modules jdk.incubator.vector ${JAVA_OPTS:-} \
  -Dglassbox.data="$root/data/mnist" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "$classpath" dev.glassbox.lab.LabLoad --json "$here/results/lab-load.jsonl" "$@"
