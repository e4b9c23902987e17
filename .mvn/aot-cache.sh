# shellcheck shell=bash disable=SC2034 # glassbox_aot_opts is read by ./glassbox, which sources this
# The glassbox launcher's ahead-of-time cache (JDK 25 and newer); sourced by ./glassbox (bash).
#
# A JVM started with -XX:AOTCache=FILE takes the classes that an earlier training run loaded from
# FILE, already parsed and laid out, instead of reading and parsing them from the jars. It takes no
# more than that here: a cache can also hold classes already linked and the run's method profiles
# (JEPs 483 and 515), but the JDK archives no module graph, and so neither of those, when an
# incubator module is in the boot layer, and the SIMD kernels need jdk.incubator.vector there.
# A cache holds only for the JDK, the jars and the JVM options it was made with, so its file name
# is made of checksums of this folder, of the JDK and jars, and of the options: a new build, a new
# JDK or other JAVA_OPTS get a cache of their own. It is made once, by a short training run before
# the first command that needs it, so that it covers the training path whatever that command was.
# Only with GLASSBOX_AOT=on: measured, it gains a few hundredths of a second of start-up and
# costs a third or more of the training throughput (BENCHMARKS.md, "Start-up with the AOT cache").
#
# glassbox_aot_options JAVA_BIN ROOT JVM_OPTION...   sets the array glassbox_aot_opts to the
# options that use the cache, or leaves it empty: GLASSBOX_AOT not on, a JDK before 25, no cache
# folder, a cache being made by another glassbox, or an earlier attempt that failed.

glassbox_aot_opts=()

glassbox_aot_options() {
  local java_bin="$1" root="$2"
  shift 2
  glassbox_aot_opts=()
  # Off unless asked for: with the cache, training ran 35–45 % slower on these JDKs (BENCHMARKS.md).
  case "${GLASSBOX_AOT:-off}" in on | 1 | yes | true) ;; *) return 0 ;; esac
  # Every command pays for what follows, so it starts as few processes as it can: bash reads the
  # JDK's release file itself, and one cksum makes the three checksums.
  local java_real release="" major
  java_real="$(readlink -f "$java_bin" 2> /dev/null || printf '%s' "$java_bin")"
  IFS= read -r -d '' release 2> /dev/null < "${java_real%/bin/*}/release" || true
  [[ "$release" =~ JAVA_VERSION=\"(1\.)?([0-9]+) ]] || return 0
  major="${BASH_REMATCH[2]}"
  [ "$major" -ge 25 ] || return 0

  local base="${XDG_CACHE_HOME:-}"
  case "$base" in /*) ;; *) base="${HOME:+$HOME/.cache}" ;; esac # the XDG rule: a relative path is ignored
  [ -n "$base" ] || return 0
  local dir="$base/glassbox/aot"

  # The JVM itself checks each jar's size and modification time against the cache; the inode too
  # tells a rebuilt jar from the old one even within the same second.
  local stamps
  stamps="$(glassbox_file_stamps "$root/glassbox-cli/target/glassbox-cli.jar" "$root/glassbox-cli/target/lib"/*)" \
    || return 0
  # Logging options change nothing in what a cache holds: JAVA_OPTS=-Xlog:aot looks at the same cache.
  local options="${JDK_JAVA_OPTIONS:-}" option
  for option in "$@"; do
    case "$option" in -Xlog*) ;; *) options="$options"$'\n'"$option" ;; esac
  done
  # A command substitution, not a process substitution: bash waits for it, so cksum does not stay
  # behind as a zombie child of the JVM that the launcher becomes.
  local sums root_key build_key options_key
  sums="$(cksum /dev/fd/3 /dev/fd/4 /dev/fd/5 3<<< "$root" 4<<< "$java_real"$'\n'"$release"$'\n'"$stamps" \
    5<<< "$options")" || return 0
  { read -r root_key _ && read -r build_key _ && read -r options_key _; } <<< "$sums" || return 0
  local cache="$dir/$root_key-$build_key-$options_key.aot"

  if [ ! -f "$cache" ] && [ ! -f "$cache.failed" ]; then
    glassbox_make_aot_cache "$java_bin" "$major" "$cache" "$dir/$root_key-" "$dir/$root_key-$build_key-" "$@"
  fi
  # Without -Xlog the JVM reports on stdout, mixed with the command's output, why it could not use a
  # cache (a jar changed after all, a different JDK build); it then runs as it would without one.
  # Errors that stop the JVM are not logged through these tags and stay visible.
  if [ -f "$cache" ]; then
    glassbox_aot_opts=("-XX:AOTCache=$cache" '-Xlog:aot*=off,cds*=off')
  fi
  return 0
}

# One line per file: inode, size, modification time (seconds) and name; GNU stat, else BSD stat.
glassbox_file_stamps() {
  stat -c '%i %s %Y %n' "$@" 2> /dev/null || stat -f '%i %z %m %N' "$@" 2> /dev/null
}

# Seconds since some start, with decimals where bash has EPOCHREALTIME (bash 5).
glassbox_now() {
  printf '%s' "${EPOCHREALTIME:-$SECONDS}" | tr ',' '.'
}

# glassbox_make_aot_cache JAVA_BIN MAJOR CACHE SAME_ROOT_PREFIX SAME_BUILD_PREFIX JVM_OPTION...
# Records a short training run, makes the cache from the recording, checks that the JVM accepts it,
# and only then renames it into place: a cache that later runs find is always whole. A lock folder
# lets one of several glassbox commands started at once make it; the others run without it.
# A failure leaves CACHE.failed (what Java said) so that later commands do not pay for another try.
glassbox_make_aot_cache() {
  local java_bin="$1" major="$2" cache="$3" same_root="$4" same_build="$5"
  shift 5
  local dir lock
  dir="$(dirname "$cache")"
  lock="$cache.lock"
  mkdir -p "$dir" 2> /dev/null || return 0
  if ! mkdir "$lock" 2> /dev/null; then
    # A lock older than any cache takes to make was left by a glassbox that was killed.
    [ -n "$(find "$lock" -maxdepth 0 -mmin +10 2> /dev/null)" ] || return 0
    rm -rf "$lock"
    mkdir "$lock" 2> /dev/null || return 0
  fi
  if [ -f "$cache" ]; then # made by another glassbox between the look and the lock
    rmdir "$lock" 2> /dev/null || true
    return 0
  fi
  # Left by a glassbox killed while it made a cache.
  find "$dir" -maxdepth 1 -name '.*.aot.*' -mmin +60 -exec rm -rf {} + 2> /dev/null || true
  local tmp
  tmp="$dir/.$(basename "$cache").$$"
  trap 'rm -rf "$tmp".* "$lock"; printf " interrupted.\n" >&2; exit 130' INT TERM HUP

  printf 'glassbox: making the start-up cache for this build and Java %s, once…' "$major" >&2
  local start
  start="$(glassbox_now)"
  if "$java_bin" "$@" -XX:AOTMode=record -XX:AOTConfiguration="$tmp.conf" dev.glassbox.cli.Main \
        train --subset 1000 --epochs 1 --out "$tmp.safetensors" > "$tmp.log" 2>&1 \
      && "$java_bin" "$@" -XX:AOTMode=create -XX:AOTConfiguration="$tmp.conf" -XX:AOTCache="$tmp.aot" >> "$tmp.log" 2>&1 \
      && "$java_bin" "$@" -XX:AOTMode=on -XX:AOTCache="$tmp.aot" -version >> "$tmp.log" 2>&1 \
      && mv -f "$tmp.aot" "$cache" 2> /dev/null; then
    awk -v a="$start" -v b="$(glassbox_now)" 'BEGIN { printf " made in %.1f s.\n", b - a }' >&2
    # Caches of this folder's earlier builds are of no more use.
    local old
    for old in "$same_root"*; do
      case "$old" in "$same_build"* | *.lock) ;; *) rm -f "$old" ;; esac
    done
  else
    mv -f "$tmp.log" "$cache.failed" 2> /dev/null || true
    printf ' failed; running without it (what Java said: %s). It is tried again after the next build or with another Java or JAVA_OPTS.\n' \
      "$cache.failed" >&2
  fi
  rm -rf "$tmp".*
  rmdir "$lock" 2> /dev/null || true
  trap - INT TERM HUP
  return 0
}
