# Shared by bin/custody, bin/setup, bin/test and bin/quickstart. Sourced, not run.

CUSTODY_HOME=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# Debian packages of the real components Custody drives or tests against (see DESIGN.md).
CUSTODY_PACKAGES=(maven swtpm swtpm-tools tpm2-tools gnupg cryptsetup-bin coreboot-utils
                  flashrom kexec-tools oathtool zbar-tools socat tmux)

die() { echo "custody: $*" >&2; exit 1; }

java_major() {  # prints the feature version of the java binary $1, or nothing
  "$1" -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p'
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
  echo "Installing: ${missing[*]}" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}

# The build is stale when any source or pom is newer than the CLI jar.
build_is_stale() {
  local jar="$CUSTODY_HOME/custody-cli/target/custody.jar"
  [ -f "$jar" ] || return 0
  [ -n "$(find "$CUSTODY_HOME" -path '*/target' -prune -o \
            \( -name '*.java' -o -name 'pom.xml' -o -path '*/src/main/resources/*' \) \
            -newer "$jar" -print -quit)" ]
}

# Maven 3.8's bundled Guava warns about sun.misc.Unsafe on JDK 24+; the warning is Maven's, not ours.
quiet_maven_opts() {
  if [ "$(java_major "$JAVA_HOME/bin/java")" -ge 24 ]; then
    export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
  fi
}

build() {
  echo "Building Custody..." >&2
  quiet_maven_opts
  (cd "$CUSTODY_HOME" && mvn -B -q -Dstyle.color=never -DskipTests package) >&2 || die "build failed"
  # maven-jar-plugin keeps an up-to-date jar as it is, and a newer test or benchmark source would
  # then make every run rebuild.
  touch "$CUSTODY_JAR"
  train_startup_cache
}

CUSTODY_JAR="$CUSTODY_HOME/custody-cli/target/custody.jar"
CUSTODY_AOT="$CUSTODY_HOME/custody-cli/target/custody.aot"
CUSTODY_JSA="$CUSTODY_HOME/custody-cli/target/custody.jsa"

# Commands such as 'tpm pcrs' run at every boot, so JVM start-up matters (docs/benchmarks.md).
# JDK 25+ gets an ahead-of-time cache trained on a real TPM command against a throw-away virtual
# TPM; older JDKs get a dynamic class-data-sharing archive written on first use.
train_startup_cache() {
  rm -f "$CUSTODY_AOT" "$CUSTODY_JSA"
  [ "$(java_major "$JAVA_HOME/bin/java")" -ge 25 ] || return 0
  local scratch
  scratch=$(mktemp -d)
  if command -v swtpm >/dev/null; then
    "$JAVA_HOME/bin/java" -XX:AOTCacheOutput="$CUSTODY_AOT" -jar "$CUSTODY_JAR" \
      tpm pcrs --json --tpm "vtpm:$scratch/tpm" >/dev/null 2>&1 || true
  else
    "$JAVA_HOME/bin/java" -XX:AOTCacheOutput="$CUSTODY_AOT" -jar "$CUSTODY_JAR" --help >/dev/null 2>&1 || true
  fi
  rm -rf "$scratch"
}

startup_cache_options() {
  if [ -f "$CUSTODY_AOT" ]; then
    echo "-XX:AOTCache=$CUSTODY_AOT"
  else
    echo "-XX:+AutoCreateSharedArchive -XX:SharedArchiveFile=$CUSTODY_JSA"
  fi
}
