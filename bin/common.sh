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
CUSTODY_BOOT_JVM_FLAGS=(-XX:+UseSerialGC -Xms8m -Xmx64m -Xss512k -XX:ReservedCodeCacheSize=32m
                        -XX:MaxMetaspaceSize=96m -XX:CICompilerCount=2)

# The TOTP and HOTP at boot: one TPM round trip and an HMAC. Interpreting that costs less CPU and
# about 10 MB less memory than compiling it (measured in docs/benchmarks.md, issue 15).
CUSTODY_OTP_JVM_FLAGS=(-Xint)

# The commands that hash a lot once (/boot, a firmware image's hashed CBFS files): they hash
# through libcrypto (dev.custody.common.Libcrypto) and otherwise run code once, which costs less
# CPU interpreted than compiled (boot verify of a 189 MB /boot 0.64 s against 0.90 s, rom inspect
# of a 16 MiB image 0.63 s against 0.83 s; docs/benchmarks.md). Only the JDK's SHA-256 may be
# compiled: where libcrypto is missing it does the hashing, and interpreted it would take 30 s for
# /boot where compiled it takes 0.5 s.
CUSTODY_HASHING_JVM_FLAGS=(-XX:CompileCommand=quiet '-XX:CompileOnly=sun.security.provider.DigestBase::*,sun.security.provider.SHA2::*')

# Prints which flags the command line "$@" (global options such as --debug allowed before it)
# runs with: "otp" for totp and hotp, "hashing" for the commands that hash a lot once, "boot" for
# the other boot-time commands, nothing otherwise.
# Plain POSIX sh: bin/package copies it into the package's /usr/bin/custody, which the initramfs
# runs under busybox.
boot_time_kind() {
  local first="" second="" arg
  for arg in "$@"; do
    case "$arg" in
      --version|-V) [ -z "$first" ] && echo boot && return ;;
      -*) ;;
      *) if [ -z "$first" ]; then first=$arg; else second=$arg; break; fi ;;
    esac
  done
  case "$first $second" in
    "totp seal") ;;
    "totp "*|"hotp "*) echo otp ;;
    "boot verify"|"boot plan"|"boot unlock"|"rom inspect") echo hashing ;;
    "lab power-on"|"disk-key unseal"|"eventlog replay") echo boot ;;
  esac
}

# Sets CUSTODY_RUN_FLAGS to the JVM flags for the command line "$@", and CUSTODY_CLASS_PATH to
# its class path: the boot jar alone for boot-time commands, followed by the whole jar otherwise.
# Run as: java "${CUSTODY_RUN_FLAGS[@]}" -cp "$CUSTODY_CLASS_PATH" "$CUSTODY_MAIN" "$@".
custody_run_flags() {
  CUSTODY_RUN_FLAGS=("${CUSTODY_JVM_FLAGS[@]}")
  CUSTODY_CLASS_PATH="$CUSTODY_BOOT_JAR"
  case "$(boot_time_kind "$@")" in
    otp) CUSTODY_RUN_FLAGS+=("${CUSTODY_BOOT_JVM_FLAGS[@]}" "${CUSTODY_OTP_JVM_FLAGS[@]}") ;;
    hashing) CUSTODY_RUN_FLAGS+=("${CUSTODY_BOOT_JVM_FLAGS[@]}" "${CUSTODY_HASHING_JVM_FLAGS[@]}") ;;
    boot) CUSTODY_RUN_FLAGS+=("${CUSTODY_BOOT_JVM_FLAGS[@]}") ;;
    *) CUSTODY_CLASS_PATH="$CUSTODY_BOOT_JAR:$CUSTODY_JAR" ;;
  esac
  if [ -f "$CUSTODY_AOT" ]; then
    CUSTODY_RUN_FLAGS+=("-XX:AOTCache=$CUSTODY_AOT")
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
    rm -f "$CUSTODY_AOT"
    return 0
  fi
  local fresh="$CUSTODY_AOT.$$" status=0
  if ! command -v swtpm >/dev/null; then
    echo "custody: swtpm is not installed, so the start-up cache cannot be trained; commands start slower" >&2
    rm -f "$CUSTODY_AOT"
    status=1
  else
    echo "Training the start-up cache..." >&2
    # The JVM that writes the cache announces its options on stderr; that goes to a log too.
    local training_log="$CUSTODY_HOME/target/training.log"
    mkdir -p "$CUSTODY_HOME/target"
    if record_startup_cache "$JAVA_HOME/bin/java" "$CUSTODY_JAR" "$CUSTODY_BOOT_JAR" "$fresh" "$training_log"; then
      mv -f "$fresh" "$CUSTODY_AOT"
    else
      grep -v '^Picked up JAVA_TOOL_OPTIONS' "$training_log" | tail -n 20 >&2
      echo "custody: training the start-up cache failed (above; whole output in $training_log); commands start slower" >&2
      rm -f "$fresh" "$CUSTODY_AOT"
      status=1
    fi
  fi
  touch "$CUSTODY_TRAINED"
  return $status
}

# Records the start-up cache OUT for the boot jar BOOT_JAR run by the java binary JAVA (the cache
# only works with that very runtime and a class path starting with that jar), with the boot-time
# flags, logging to LOG. The throw-away lab machine is made from the whole jar JAR by a JVM of its
# own, whose classes stay out of the cache; the recorded run has the boot jar alone, so a class a
# boot-time command needs and the boot jar lacks fails the training.
record_startup_cache() {
  local java=$1 jar=$2 boot_jar=$3 out=$4 log=$5 scratch status=0
  scratch=$(mktemp -d)
  "$java" "${CUSTODY_JVM_FLAGS[@]}" -cp "$boot_jar:$jar" dev.custody.cli.StartupTraining prepare "$scratch" >"$log" 2>&1 &&
    "$java" "${CUSTODY_JVM_FLAGS[@]}" "${CUSTODY_BOOT_JVM_FLAGS[@]}" -XX:AOTCacheOutput="$out" \
      -cp "$boot_jar" dev.custody.cli.StartupTraining boot-time "$scratch" >>"$log" 2>&1 || status=1
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
