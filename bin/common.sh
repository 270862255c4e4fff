# Shared by bin/custody, bin/setup, bin/test and bin/quickstart. Sourced, not run.

CUSTODY_HOME=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# Debian packages of the real components Custody drives or tests against (see DESIGN.md).
CUSTODY_PACKAGES=(maven chromium chromium-driver postgresql man-db cpio swtpm swtpm-tools tpm2-tools gnupg cryptsetup-bin coreboot-utils
                  flashrom kexec-tools oathtool zbar-tools socat tmux lintian initramfs-tools busybox
                  qemu-system-x86 ovmf seabios linux-image-amd64 zstd binutils)

die() { echo "custody: $*" >&2; exit 1; }

# Prints the feature version of the JDK whose java binary is $1, or nothing. Reads the JDK's
# 'release' file rather than starting a JVM: this runs before every custody command.
java_major() {
  local home version
  home=$(dirname "$(dirname "$(readlink -f "$1")")")
  if [ -f "$home/release" ]; then
    version=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release")
  else
    version=$("$1" -XshowSettings:properties -version 2>&1 |
      sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p')
  fi
  echo "$version"
}

# Finds a JDK >= 21: JAVA_HOME first, then the newest under /usr/lib/jvm.
find_jdk() {
  local candidate major
  for candidate in "${JAVA_HOME:-}" $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do
    candidate=${candidate%/}
    [ -n "$candidate" ] && [ -x "$candidate/bin/javac" ] || continue
    major=$(java_major "$candidate/bin/java")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}

require_jdk() {
  JAVA_HOME=$(find_jdk) ||
    die "no JDK 21 or newer found (looked at JAVA_HOME and /usr/lib/jvm/*); install one, e.g. Temurin 25"
  export JAVA_HOME
}

# Installs whichever of CUSTODY_PACKAGES are missing. Needs root when something is missing.
ensure_packages() {
  local missing=() pkg
  for pkg in "${CUSTODY_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  [ "$(id -u)" -eq 0 ] || die "missing packages: ${missing[*]}; run as root or install them with apt-get"
  # apt and dpkg print hundreds of lines; they go to a log that is shown only when something fails.
  local log="${TMPDIR:-/tmp}/custody-apt.log"
  echo "Installing ${#missing[@]} Debian packages: ${missing[*]} (log: $log)" >&2
  if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"; } \
      >"$log" 2>&1; then
    tail -n 20 "$log" >&2
    die "installing packages failed; the whole output is in $log"
  fi
}

# The build is stale when any source or pom is newer than the stamp of the last successful build
# (Maven does not rewrite jars whose contents did not change, so the jar's own date is no guide).
CUSTODY_STAMP="$CUSTODY_HOME/custody-cli/target/.custody-build"

build_is_stale() {
  [ -f "$CUSTODY_STAMP" ] && [ -f "$CUSTODY_JAR" ] && [ -f "$CUSTODY_BOOT_JAR" ] || return 0
  [ -n "$(find "$CUSTODY_HOME" -path '*/target' -prune -o -path "$CUSTODY_HOME/lab" -prune -o \
            \( -name '*.java' -o -name 'pom.xml' -o -path '*/src/main/resources/*' \) \
            -newer "$CUSTODY_STAMP" -print -quit)" ]
}

# Maven 3.8's bundled Guava warns about sun.misc.Unsafe on JDK 24+; the warning is Maven's, not ours.
quiet_maven_opts() {
  if [ "$(java_major "$JAVA_HOME/bin/java")" -ge 24 ]; then
    export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
  fi
}

build() {
  # Maven 3.8 prints colour resets even with -q and style.color=never; its output goes to a log.
  local log="$CUSTODY_HOME/target/build.log"
  mkdir -p "$CUSTODY_HOME/target"
  echo "Building Custody (log: $log)..." >&2
  quiet_maven_opts
  if ! (cd "$CUSTODY_HOME" && mvn -B -q -Dstyle.color=never -DskipTests package) >"$log" 2>&1; then
    grep -E '\[ERROR\]|error:' "$log" | head -n 20 >&2
    die "build failed; the whole output is in $log"
  fi
  touch "$CUSTODY_STAMP"
  train_startup_cache || true
}

CUSTODY_JAR="$CUSTODY_HOME/custody-cli/target/custody.jar"
# The boot-time commands' classes only (custody-cli's pom): the JVM reads the whole central
# directory of every jar it opens (27,000 entries for custody.jar; a System.exit alone opens every
# jar on the class path, to look for a logger), so the boot-time commands run from this jar alone.
# Every command has it first on its class path, which is what the start-up cache is trained with.
CUSTODY_BOOT_JAR="$CUSTODY_HOME/custody-cli/target/custody-boot.jar"
CUSTODY_MAIN=dev.custody.cli.Main
CUSTODY_AOT="$CUSTODY_HOME/custody-cli/target/custody.aot"
CUSTODY_JSA="$CUSTODY_HOME/custody-cli/target/custody.jsa"
# Touched after each training, even a failed one: the jar being newer means "train again".
CUSTODY_TRAINED="$CUSTODY_HOME/custody-cli/target/custody.aot.trained"

# The JVM flags of every custody run. The AOT cache records the module options and system
# properties it was trained with, and a run that differs does not use it (silently, under
# -Xlog:disable): training and running both take their flags from here and nowhere else.
CUSTODY_JVM_FLAGS=(-Xlog:disable --enable-native-access=ALL-UNNAMED)

# The commands Heads runs at every power-on, in an initramfs that may have little memory. They
# get a small fixed heap and the serial collector (no GC threads competing for the cores, less
# memory reserved), and the start-up cache is trained on them with exactly these flags.
# C1 alone, on one compiler thread: a boot-time command runs for a fraction of a second, too short
# for C2 to pay back, while C1 compiles its hot loops on the other core as it goes. Against the
# interpreter (which the TOTP had) and the interpreter with only SHA-256 compiled (which /boot and
# ROM hashing had), this took TOTP from 210 to 140 ms, rom inspect from 170 to 100 ms and boot
# verify from 280 to 210 ms, for the same CPU time (docs/benchmarks.md, issue 15, fourth pass).
# Core reflection through native accessors (JEP 416's own switch): TSS.Java makes its enum values and
# structures reflectively, and the method-handle accessors would generate lambda forms at run time,
# which no start-up cache holds (~3 ms of a TOTP).
CUSTODY_BOOT_JVM_FLAGS=(-XX:+UseSerialGC -Xms8m -Xmx64m -Xss512k -XX:ReservedCodeCacheSize=32m
                        -XX:MaxMetaspaceSize=96m -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1
                        -Djdk.reflect.useNativeAccessorOnly=true)

# Comparing seal photos works for a few seconds on millions of pixels, once per run: C2 compiling
# its hot loops costs more CPU than it saves in so short a run, and the serial collector leaves the
# second core to the photo decoded in the background (docs/benchmarks.md, "12-megapixel photos,
# fifth round": 23-31% less CPU, the same verdicts and scores). Their start-up cache,
# custody-photo.aot, is recorded from comparisons of drawn seal photos (StartupTraining photos),
# with these flags and the whole jar.
CUSTODY_PHOTO_JVM_FLAGS=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC)

# Prints "photo" when the command line "$@" compares seal photos; nothing otherwise. Plain POSIX
# sh, like boot_time_group.
photo_group() {
  local first="" second="" arg
  for arg in "$@"; do
    case "$arg" in
      -*) ;;
      *) if [ -z "$first" ]; then first=$arg; else second=$arg; break; fi ;;
    esac
  done
  case "$first $second" in
    "seals compare"|"seals check") echo photo ;;
  esac
}

# The boot-time commands, grouped by the classes they load (boot_time_group). Each group has a start-up cache of
# its own (custody-GROUP.aot beside custody.aot): the JVM loads every class of the cache it maps
# when it starts, so one cache for all of them made each command load the others' classes
# (20-25 ms and 12-16 MB more per command). custody.aot serves every other command.
# They are trained in this order, the general cache last (StartupTraining says why).
CUSTODY_CACHE_GROUPS=(otp rom eventlog power-on verify unlock)

# Prints the start-up cache group of the command line "$@" (global options such as --debug
# allowed before it): one of CUSTODY_CACHE_GROUPS for a boot-time command, or "version" or "plan"
# for the boot-time commands without a cache of their own (boot-time flags, the general cache);
# nothing for every other command.
# Plain POSIX sh: bin/package copies it into the package's /usr/bin/custody, which the initramfs
# runs under busybox.
boot_time_group() {
  local first="" second="" arg
  for arg in "$@"; do
    case "$arg" in
      --version|-V) [ -z "$first" ] && echo version && return ;;
      -*) ;;
      *) if [ -z "$first" ]; then first=$arg; else second=$arg; break; fi ;;
    esac
  done
  case "$first $second" in
    "totp seal") ;;
    "totp "*|"hotp "*) echo otp ;;
    "boot verify") echo verify ;;
    # Parsed by picocli (an argument group), which brings classes no cache can hold: in the verify
    # group's cache they would make every 'boot verify' load them; it maps the general one.
    "boot plan") echo plan ;;
    "boot unlock") echo unlock ;;
    "rom inspect") echo rom ;;
    "eventlog replay") echo eventlog ;;
    "lab power-on"|"disk-key unseal") echo power-on ;;
  esac
}

# Prints the start-up cache for group GROUP, given the general cache GENERAL: the group's own
# when it was trained, else the general one. Plain POSIX sh, like boot_time_group.
startup_cache_for() {
  if [ -n "$2" ] && [ -f "${1%.aot}-$2.aot" ]; then echo "${1%.aot}-$2.aot"; else echo "$1"; fi
}

# Sets CUSTODY_RUN_FLAGS to the JVM flags for the command line "$@", and CUSTODY_CLASS_PATH to
# its class path: the boot jar alone for boot-time commands, followed by the whole jar otherwise.
# Run as: java "${CUSTODY_RUN_FLAGS[@]}" -cp "$CUSTODY_CLASS_PATH" "$CUSTODY_MAIN" "$@".
custody_run_flags() {
  local group cache
  group=$(boot_time_group "$@")
  CUSTODY_RUN_FLAGS=("${CUSTODY_JVM_FLAGS[@]}")
  CUSTODY_CLASS_PATH="$CUSTODY_BOOT_JAR"
  if [ -n "$group" ]; then
    CUSTODY_RUN_FLAGS+=("${CUSTODY_BOOT_JVM_FLAGS[@]}")
  else
    CUSTODY_CLASS_PATH="$CUSTODY_BOOT_JAR:$CUSTODY_JAR"
    group=$(photo_group "$@")
    if [ -n "$group" ]; then
      CUSTODY_RUN_FLAGS+=("${CUSTODY_PHOTO_JVM_FLAGS[@]}")
    fi
  fi
  cache=$(startup_cache_for "$CUSTODY_AOT" "$group")
  if [ -f "$cache" ]; then
    CUSTODY_RUN_FLAGS+=("-XX:AOTCache=$cache")
  elif [ ! -f "$CUSTODY_TRAINED" ]; then
    CUSTODY_RUN_FLAGS+=(-XX:+AutoCreateSharedArchive "-XX:SharedArchiveFile=$CUSTODY_JSA")
  fi
}

# The cache is stale when the jar changed since the last training, whoever rebuilt it
# (bin/custody, or mvn package by hand): the JVM would silently ignore the old cache.
startup_cache_is_stale() {
  { [ "$CUSTODY_JAR" -nt "$CUSTODY_TRAINED" ] || [ "$CUSTODY_BOOT_JAR" -nt "$CUSTODY_TRAINED" ]; } &&
    [ "$(java_major "$JAVA_HOME/bin/java")" -ge 25 ]
}

# Commands such as 'totp' run at every boot, so JVM start-up matters (docs/benchmarks.md).
# JDK 25+ gets an ahead-of-time cache trained on the boot-time commands against a throw-away
# lab machine (StartupTraining), with the boot-time flags; older JDKs get a dynamic
# class-data-sharing archive on first use. The cache is written aside and renamed, so a
# command running meanwhile sees the old cache or the new one.
train_startup_cache() {
  rm -f "$CUSTODY_JSA"
  if [ "$(java_major "$JAVA_HOME/bin/java")" -lt 25 ]; then
    remove_startup_caches
    return 0
  fi
  local fresh status=0 group
  if ! command -v swtpm >/dev/null; then
    echo "custody: swtpm is not installed, so the start-up cache cannot be trained; commands start slower" >&2
    remove_startup_caches
    status=1
  else
    echo "Training the start-up cache..." >&2
    # The JVM that writes the cache announces its options on stderr; that goes to a log too.
    local training_log="$CUSTODY_HOME/target/training.log"
    mkdir -p "$CUSTODY_HOME/target"
    fresh=$(mktemp -d "$(dirname "$CUSTODY_AOT")/aot.XXXXXX")
    if record_startup_cache "$JAVA_HOME/bin/java" "$CUSTODY_JAR" "$CUSTODY_BOOT_JAR" "$fresh" "$training_log"; then
      for group in "${CUSTODY_CACHE_GROUPS[@]}" photo; do
        mv -f "$fresh/custody-$group.aot" "${CUSTODY_AOT%.aot}-$group.aot"
      done
      mv -f "$fresh/custody.aot" "$CUSTODY_AOT"
    else
      grep -v '^Picked up JAVA_TOOL_OPTIONS' "$training_log" | tail -n 20 >&2
      echo "custody: training the start-up cache failed (above; whole output in $training_log); commands start slower" >&2
      remove_startup_caches
      status=1
    fi
    rm -rf "$fresh"
  fi
  touch "$CUSTODY_TRAINED"
  return $status
}

remove_startup_caches() {
  local group
  rm -f "$CUSTODY_AOT"
  for group in "${CUSTODY_CACHE_GROUPS[@]}" photo; do rm -f "${CUSTODY_AOT%.aot}-$group.aot"; done
}

# Records the start-up caches into the folder OUT for the boot jar BOOT_JAR run by the java binary
# JAVA (a cache only works with that very runtime and a class path starting with that jar), with
# the boot-time flags, logging to LOG: custody.aot from every boot-time command, and
# custody-GROUP.aot from the commands of each of CUSTODY_CACHE_GROUPS alone. The throw-away lab
# machine is made from the whole jar JAR by a JVM of its own, whose classes stay out of the caches,
# and stopped by another; the recorded runs have the boot jar alone, so a class a boot-time command
# needs and the boot jar lacks fails the training. Last, custody-photo.aot from seal comparisons,
# with the photo flags and both jars, as photo_group's commands run.
record_startup_cache() {
  local java=$1 jar=$2 boot_jar=$3 out=$4 log=$5 scratch status=0 group
  scratch=$(mktemp -d)
  "$java" "${CUSTODY_JVM_FLAGS[@]}" -cp "$boot_jar:$jar" dev.custody.cli.StartupTraining prepare "$scratch" >"$log" 2>&1 || status=1
  for group in "${CUSTODY_CACHE_GROUPS[@]}" all; do
    [ $status -eq 0 ] || break
    local cache="$out/custody-$group.aot"
    [ "$group" = all ] && cache="$out/custody.aot"
    "$java" "${CUSTODY_JVM_FLAGS[@]}" "${CUSTODY_BOOT_JVM_FLAGS[@]}" -XX:AOTCacheOutput="$cache" \
      -cp "$boot_jar" dev.custody.cli.StartupTraining boot-time "$scratch" "$group" >>"$log" 2>&1 || status=1
  done
  if [ $status -eq 0 ]; then
    "$java" "${CUSTODY_JVM_FLAGS[@]}" "${CUSTODY_PHOTO_JVM_FLAGS[@]}" -XX:AOTCacheOutput="$out/custody-photo.aot" \
      -cp "$boot_jar:$jar" dev.custody.cli.StartupTraining photos "$scratch" >>"$log" 2>&1 || status=1
  fi
  "$java" "${CUSTODY_JVM_FLAGS[@]}" -cp "$boot_jar:$jar" dev.custody.cli.StartupTraining stop "$scratch" >>"$log" 2>&1 || true
  rm -rf "$scratch"
  return $status
}

# As root: 'custody' on the PATH (a link to this checkout's bin/custody), shell completion and man
# pages, so that the commands the demo and the README print work as written.
install_command() {
  [ "$(id -u)" -eq 0 ] || { echo "Not root: run $CUSTODY_HOME/bin/custody, or bin/setup as root to install 'custody'." >&2; return 0; }
  ln -sfn "$CUSTODY_HOME/bin/custody" /usr/local/bin/custody
  mkdir -p /usr/share/bash-completion/completions /usr/local/share/zsh/site-functions /usr/local/share/man/man1
  "$CUSTODY_HOME/bin/custody" completion bash >/usr/share/bash-completion/completions/custody
  "$CUSTODY_HOME/bin/custody" completion zsh >/usr/local/share/zsh/site-functions/_custody
  "$CUSTODY_HOME/bin/custody" manpages --quiet /usr/local/share/man/man1
  echo "Installed: /usr/local/bin/custody, bash/zsh completion, man pages (man custody)." >&2
}
