#!/usr/bin/env bash
# Training speed of the engine in the browser against the JVM (dev.glassbox.web.WebBench in the web
# module's test sources): samples/s of 784-16-relu-16-relu-10 (the lab's default network) and
# 784-256-relu-128-relu-10, batch 64, Adam, one thread, in TeaVM's WebAssembly GC and JavaScript
# builds in headless Chromium (/usr/bin/chromium) and on the JVM with the reference, tiled, scalar
# and SIMD kernels; medians of --repeats timed runs of ~--seconds each after --warmup seconds. Then the
# compiled engine's size, raw and gzip -9.
# Prints the figures and appends them as one JSON line to bench/results/web.jsonl. About three minutes
# with the defaults (12 configurations x (3 s warm-up + 5 x 2 s)), plus a minute or two
# of build; run it on a quiet machine. A quick check that it works (about 30 s once built):
#   bench/web.sh --repeats 1 --seconds 0.2 --warmup 0.2
set -euo pipefail
. "$(dirname "$0")/test-classpath.sh" glassbox-web test-compile
web="$root/glassbox-web/target/web"
"$java_bin" -XX:+UseParallelGC --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED \
  ${JAVA_OPTS:-} -Dglassbox.data="$root/data/mnist" -Dglassbox.web.directory="$web" -cp "$classpath" \
  dev.glassbox.web.WebBench --json "$here/results/web.jsonl" "$@"
echo "The compiled engine (bytes, raw and gzip -9):"
for file in wasm/classes.wasm wasm/wasm-gc-runtime.js js/classes.js; do
  printf '  %-26s %10d %10d\n' "$file" "$(wc -c < "$web/$file")" "$(gzip -9 -c "$web/$file" | wc -c)"
done
