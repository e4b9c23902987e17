# Sourced by the benchmarks that run a program from a module's test sources. Finds the JDK, builds
# the module (and what it depends on) with its tests compiled but not run, and sets:
#   here, root   this folder and the project's root
#   java_bin     a java of version >= 21
#   classpath    the module's test and main classes, the main classes of OTHER modules, then its
#                test-scope dependencies
# Usage: . bench/test-classpath.sh MODULE GOAL [OTHER...]   (GOAL: test-compile, or install when
# the module's tests need its own packaged jar)
bench_module="$1"
bench_goal="$2"
shift 2
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$here/.."
. "$root/.mvn/find-jdk.sh"
java_bin="$(require_jdk)"
mkdir -p "$here/results"
(cd "$root" && JAVA_HOME="$(cd "$(dirname "$java_bin")/.." && pwd)" mvn -B -q -DskipTests -pl "$bench_module" -am \
  "$bench_goal" dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt)
classpath="$root/$bench_module/target/test-classes:$root/$bench_module/target/classes"
for bench_other in "$@"; do classpath="$classpath:$root/$bench_other/target/classes"; done
classpath="$classpath:$(cat "$root/$bench_module/target/bench-classpath.txt")"
