#!/usr/bin/env bash
# The server's per-quote verification against its anchor, what keylime runs for each quote:
# tpm2_checkquote (signature, nonce, PCR digest) and tpm2_eventlog (the log's replay). Makes a
# lab machine (measured boot in swtpm, with its event log), an ECDSA P-256 attestation key with
# tpm2_createak, and QUOTES quotes of PCRs 0-7 with tpm2_quote, each with its own nonce; then
# QuoteAnchor verifies each quote with Custody in-process and with the anchor, interleaved, and
# prints the medians, their ratio, the CPU time per quote and the load average.
# See docs/benchmarks.md. Usage: bench/quote-anchor.sh [QUOTES]   (default 200)
set -euo pipefail
cd "$(dirname "$0")/.."
source bin/common.sh
require_jdk
quotes=${1:-200}
custody="$CUSTODY_HOME/bin/custody"
"$custody" --version >/dev/null   # builds Custody if needed, outside the measurement

work=$(mktemp -d)
lab="$work/lab"
cleanup() { "$custody" lab stop "$lab" >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT

echo "Making $quotes swtpm quotes in $work..." >&2
"$custody" lab create "$lab" >/dev/null
"$custody" lab power-on "$lab" >/dev/null || true   # exit 4: its /boot is not signed; the TPM is measured all the same
# coreboot's log is a fixed-size table padded with zeros, which tpm2_eventlog reads as events
# until it fails; both sides get the log cut after its last event (Custody ignores the padding).
python3 - "$lab/eventlog.bin" "$work/eventlog.bin" <<'PY'
import struct, sys
log = open(sys.argv[1], 'rb').read()
sizes = {0x0004: 20, 0x000b: 32, 0x000c: 48, 0x000d: 64, 0x0012: 32}
at = 32 + struct.unpack_from('<I', log, 28)[0]           # the header event (TCG_PCR_EVENT)
while at + 12 <= len(log):
    pcr, kind, count = struct.unpack_from('<III', log, at)
    if pcr == 0 and kind == 0 and count == 0:
        break
    end = at + 12
    for _ in range(count):
        end += 2 + sizes[struct.unpack_from('<H', log, end)[0]]
    at = end + 4 + struct.unpack_from('<I', log, end)[0]
open(sys.argv[2], 'wb').write(log[:at])
PY
(
  export TPM2TOOLS_TCTI="swtpm:host=127.0.0.1,port=$(cat "$lab/tpm/swtpm.port")"
  cd "$work"
  # The TPM holds three transient objects, and the tools leave theirs loaded.
  tpm2_flushcontext -t
  tpm2_createek -c ek.ctx -G rsa -u ek.pub >/dev/null
  tpm2_createak -C ek.ctx -c ak.ctx -G ecc -g sha256 -s ecdsa -u ak.pub -n ak.name >/dev/null
  tpm2_flushcontext -t
  tpm2_flushcontext -s
  for i in $(seq 1 "$quotes"); do
    nonce=$(head -c 32 /dev/urandom | od -An -v -tx1 | tr -d ' \n')
    echo "$nonce" > "q$i.nonce"
    tpm2_quote -Q -c ak.ctx -l sha256:0,1,2,3,4,5,6,7 -q "$nonce" -m "q$i.msg" -s "q$i.sig" -o "q$i.pcrs" -g sha256
    tpm2_flushcontext -t   # no resource manager on the swtpm socket: the loaded AK stays behind
  done
)
"$custody" lab stop "$lab" >/dev/null

mvn -B -q -o -DskipTests package -pl custody-bench -am >&2
cp="custody-bench/target/classes:$(cat custody-bench/target/classpath.txt)"
echo "$(nproc) cores; each quote verified by Custody, then by the anchor; medians of $quotes quotes."
"$JAVA_HOME/bin/java" -cp "$cp" dev.custody.bench.server.QuoteAnchor "$work" "$quotes"
