#!/usr/bin/env bash
# Loading a big table (dev.glassbox.cli.CsvBenchmark in glassbox-bench): a seeded CSV of 1,000,000
# rows and 20 columns (18 numbers, a text column, a label of 5 classes), written once under
# glassbox-bench/target/csv-bench, then timed phase by phase in one JVM — decoding the UTF-8,
# commons-csv alone, reading into a Table, fitting and applying the preparation, and everything
# `train --data FILE.csv` does before its first batch — median of 5 rounds after an untimed one,
# with the JVM options of ./glassbox. Prints rows/s, rows per CPU-second, GC pauses, threads
# started and the heap each result holds, and appends them as one JSON line to
# bench/results/csv.jsonl. Options: --rows N, --repeats R, --label TEXT (tags the JSON line),
# --min-heap (also bisects the smallest -Xmx for the train path, in fresh JVMs). JAVA_OPTS goes to
# the JVM. About a minute once built; run it on a quiet machine.
set -euo pipefail
. "$(dirname "$0")/test-classpath.sh" glassbox-bench compile glassbox-core glassbox-cli
exec "$java_bin" -XX:+UseParallelGC -XX:MaxNewSize=128m ${JAVA_OPTS:-} -cp "$classpath" \
  dev.glassbox.cli.CsvBenchmark --dir "$root/glassbox-bench/target/csv-bench" --json "$here/results/csv.jsonl" "$@"
