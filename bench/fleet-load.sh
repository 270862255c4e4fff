#!/usr/bin/env bash
# End-to-end fleet load: AGENTS software agents (quotes in the TPM's format) push over HTTPS to
# two `custody server` instances sharing one throw-away PostgreSQL, all on loopback, bounded by
# DURATION seconds and MAX attestations. With KILL=1, the first server is killed with SIGKILL a third of the
# way through and restarted; the agents retry on the other one, and at the end every attestation
# that got a 2xx must be in the database, none twice. See docs/benchmarks.md.
#   AGENTS=1000 CONNECTIONS=32 DURATION=60 MAX=200000 KILL=1 bench/fleet-load.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source bin/common.sh
require_jdk
AGENTS=${AGENTS:-1000} CONNECTIONS=${CONNECTIONS:-32} DURATION=${DURATION:-60} MAX=${MAX:-200000} KILL=${KILL:-0}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
work=$(mktemp -d)
chmod 755 "$work"
cleanup() {
  bin/custody server stop "$work/s1" >/dev/null 2>&1 || true
  bin/custody server stop "$work/s2" >/dev/null 2>&1 || true
  runuser -u nobody -- "$pgbin/pg_ctl" -D "$work/pg" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

mkdir "$work/pgroot" && chown nobody "$work/pgroot"
runuser -u nobody -- "$pgbin/initdb" -D "$work/pgroot/data" -A trust -U custody >/dev/null
ln -s "$work/pgroot/data" "$work/pg"
pgport=$(free_port)
runuser -u nobody -- "$pgbin/pg_ctl" -D "$work/pg" -l "$work/pgroot/log" -w \
  -o "-p $pgport -k $work/pgroot -c listen_addresses=127.0.0.1 -c max_connections=200" start >/dev/null
db="jdbc:postgresql://127.0.0.1:$pgport/postgres?user=custody"

bin/custody server init "$work/s1" > "$work/init.txt"
fingerprint=$(grep -Eo '([0-9A-Fa-f]{2}:){31}[0-9A-Fa-f]{2}|[0-9a-f]{64}' "$work/init.txt" | head -1)
cp -a "$work/s1" "$work/s2"
p1=$(free_port) p2=$(free_port)
bin/custody server start "$work/s1" --port "$p1" --db "$db" --daemon >/dev/null
bin/custody server start "$work/s2" --port "$p2" --db "$db" --daemon >/dev/null

mvn -B -q -o -DskipTests package -pl custody-bench -am >&2
cp="custody-bench/target/classes:$(cat custody-bench/target/classpath.txt)"
if [ "$KILL" = 1 ]; then
  (
    until [ -e "$work/started" ]; do sleep 0.2; done
    sleep $((DURATION / 3))
    kill -9 "$(cat "$work/s1/server.pid")" && echo "killed server 1 (SIGKILL) at $(date -u +%T)"
    sleep 3
    bin/custody server start "$work/s1" --port "$p1" --db "$db" --daemon >/dev/null && echo "restarted server 1 at $(date -u +%T)"
  ) &
fi
# CPU time (clock ticks) of a process and of its children, waited-for and alive: the servers' JVMs,
# and PostgreSQL's postmaster with its backends. Comparable across loads, unlike the wall clock.
ticks() { awk '{print $14 + $15 + $16 + $17}' "/proc/$1/stat" 2>/dev/null || echo 0; }
tree_ticks() {
  local total child
  total=$(ticks "$1")
  for child in $(ps --ppid "$1" -o pid=); do total=$((total + $(ticks "$child"))); done
  echo "$total"
}
postmaster=$(head -1 "$work/pg/postmaster.pid")
servers_before=$(( $(ticks "$(cat "$work/s1/server.pid")") + $(ticks "$(cat "$work/s2/server.pid")") ))
postgres_before=$(tree_ticks "$postmaster")
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
"$JAVA_HOME/bin/java" -Dfleetload.started="$work/started" -cp "$cp" dev.custody.bench.server.FleetLoad "$db" "$fingerprint" "$AGENTS" "$CONNECTIONS" \
  "$DURATION" "$MAX" "https://127.0.0.1:$p1" "https://127.0.0.1:$p2" | tee "$work/load.txt"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
wait
servers_after=$(( $(ticks "$(cat "$work/s1/server.pid")") + $(ticks "$(cat "$work/s2/server.pid")") ))
postgres_after=$(tree_ticks "$postmaster")
accepted=$(sed -n 's/^accepted (2xx): \([0-9]*\) .*/\1/p' "$work/load.txt")
if [ "$KILL" = 1 ]; then
  echo "(CPU per attestation is measured with KILL=0 only: the killed server's CPU time is lost.)"
elif [ "${accepted:-0}" -gt 0 ]; then
  hz=$(getconf CLK_TCK)
  awk -v s=$((servers_after - servers_before)) -v p=$((postgres_after - postgres_before)) -v n="$accepted" -v hz="$hz" \
    'BEGIN {printf "CPU per attestation: %.2f ms in the two servers, %.2f ms in PostgreSQL (%d attestations)\n", s * 1000 / hz / n, p * 1000 / hz / n, n}'
fi
