#!/usr/bin/env bash
# The static lab in headless Chromium (dev.glassbox.web.StaticLabBench in the web module's test
# sources): exports the site with the default model, serves it from loopback and measures, each
# run in a new browser context, the first paint, the time until the network view is usable, and
# one MNIST epoch of the lab's default network trained in the page's worker, in WebAssembly GC and
# in JavaScript; medians of --repeats runs (default 3). Prints the figures and appends them as one
# JSON line to bench/results/static-lab.jsonl. About two minutes plus the build; run it on a quiet
# machine.
set -euo pipefail
. "$(dirname "$0")/test-classpath.sh" glassbox-web test-compile
"$java_bin" -XX:+UseParallelGC --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED \
  ${JAVA_OPTS:-} -Dglassbox.data="$root/data/mnist" -Dglassbox.web.directory="$root/glassbox-web/target/web" \
  -cp "$classpath" dev.glassbox.web.StaticLabBench --json "$here/results/static-lab.jsonl" "$@"
