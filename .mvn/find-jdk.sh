# Finds a JDK >= 21 for the glassbox launcher and the bench scripts; sourced by them (POSIX sh).
# find_jdk prints the newest java binary of version >= 21 among JAVA_HOME, PATH and the usual
# install folders, or nothing. require_jdk does the same, or prints one line saying what to install.

glassbox_min_java=21

# The major version of a java binary, or nothing if it cannot run. The JDK's release file answers
# without starting a JVM; only a JDK without one is asked directly.
glassbox_java_major() {
  glassbox_release="$(dirname "$(dirname "$(readlink -f "$1" 2>/dev/null || printf '%s' "$1")")")/release"
  if [ -f "$glassbox_release" ] && [ -x "$1" ]; then
    sed -n 's/^JAVA_VERSION="\(1\.\)\{0,1\}\([0-9]*\).*/\2/p' "$glassbox_release" | head -n 1
  else
    "$1" -XshowSettings:properties -version 2>&1 \
      | sed -n 's/^ *java\.specification\.version = \(1\.\)\{0,1\}\([0-9]*\).*/\2/p' | head -n 1
  fi
}

find_jdk() {
  glassbox_best=""
  glassbox_best_major=0
  # The caller may have globbing off (set -f); the folder patterns need it.
  case $- in *f*) glassbox_noglob=1; set +f ;; *) glassbox_noglob="" ;; esac
  for glassbox_candidate in "${JAVA_HOME:-/nonexistent}/bin/java" "$(command -v java 2>/dev/null || true)" \
      /usr/lib/jvm/*/bin/java /usr/java/*/bin/java /opt/java/*/bin/java /opt/jdk*/bin/java \
      "$HOME"/.sdkman/candidates/java/*/bin/java "$HOME"/.jdks/*/bin/java \
      /Library/Java/JavaVirtualMachines/*/Contents/Home/bin/java; do
    [ -x "$glassbox_candidate" ] || continue
    glassbox_major="$(glassbox_java_major "$glassbox_candidate")"
    case "$glassbox_major" in ''|*[!0-9]*) continue ;; esac
    if [ "$glassbox_major" -ge "$glassbox_min_java" ] && [ "$glassbox_major" -gt "$glassbox_best_major" ]; then
      glassbox_best="$glassbox_candidate"
      glassbox_best_major="$glassbox_major"
    fi
  done
  [ -n "$glassbox_noglob" ] && set -f
  printf '%s' "$glassbox_best"
}

require_jdk() {
  glassbox_found="$(find_jdk)"
  if [ -z "$glassbox_found" ]; then
    echo "glassbox: needs a JDK $glassbox_min_java or newer and found none (looked at JAVA_HOME, PATH, /usr/lib/jvm and the usual folders); install one, e.g. 'apt-get install openjdk-21-jdk' or Temurin 21+, or set JAVA_HOME." >&2
    return 1
  fi
  printf '%s' "$glassbox_found"
}
