#!/usr/bin/env bash
# The lab under load (dev.glassbox.lab.LabLoad in the lab's test sources): 50 prediction clients for
# 30 s over loopback while the lab trains, pages that quit mid-stream and one that never reads, then
# a flood of events. Builds what it needs, runs once, prints the figures and appends them as one
# JSON line to bench/results/lab-load.jsonl. Options: --clients N, --seconds S, --no-training;
# JAVA_OPTS (e.g. -Xmx256m) goes to the JVM. About a minute and a half.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$here/.."
. "$root/.mvn/find-jdk.sh"
java_bin="$(require_jdk)"
java_home="$(cd "$(dirname "$java_bin")/.." && pwd)"
mkdir -p "$here/results"
classpath_file="$root/glassbox-lab/target/load-classpath.txt"
(cd "$root" && JAVA_HOME="$java_home" ./mvnw -B -q -DskipTests -pl glassbox-lab -am test-compile \
  dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/load-classpath.txt)
classpath="$root/glassbox-lab/target/test-classes:$root/glassbox-lab/target/classes:$root/glassbox-core/target/classes:$(cat "$classpath_file")"
# The JVM options of ./glassbox, which is how the lab is normally started.
exec "$java_bin" -XX:+UseParallelGC -XX:MaxNewSize=128m --add-modules jdk.incubator.vector ${JAVA_OPTS:-} \
  -Dglassbox.data="$root/data/mnist" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "$classpath" dev.glassbox.lab.LabLoad --json "$here/results/lab-load.jsonl" "$@"
