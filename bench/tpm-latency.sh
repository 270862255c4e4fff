#!/usr/bin/env bash
# Per-operation latency: tpm2-tools (one process per operation) against `custody` (one process per
# command) on the same swtpm, then Custody's in-process latency with JMH. See docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
source bin/common.sh
require_jdk
[ -f "$CUSTODY_JAR" ] || build

work=$(mktemp -d)
trap '"$CUSTODY_HOME/bin/custody" tpm vtpm stop "$work/tpm" >/dev/null; rm -rf "$work"' EXIT
bin/custody tpm vtpm start "$work/tpm" >/dev/null
port=$(cat "$work/tpm/swtpm.port")
export TPM2TOOLS_TCTI="swtpm:host=127.0.0.1,port=$port"
printf 'twenty bytes of seed' > "$work/seed"
bin/custody tpm seal --tpm "vtpm:$work/tpm" --pcrs 0,1,2,3,4,7 --in "$work/seed" --handle 0x81000901 >/dev/null
cd "$work"
digest=$(printf x | sha256sum | cut -d' ' -f1)
unseal_tpm2='tpm2_startauthsession --policy-session -S s.ctx && tpm2_policypcr -Q -S s.ctx -l sha256:0,1,2,3,4,7 && tpm2_unseal -c 0x81000901 -p session:s.ctx >/dev/null && tpm2_flushcontext s.ctx'
custody="$CUSTODY_HOME/bin/custody"
hyperfine -N --warmup 3 --runs 30 --export-markdown "$work/tools.md" \
  -n "tpm2_pcrread sha256:16" "tpm2_pcrread sha256:16" \
  -n "tpm2_pcrextend 16:sha256=..." "tpm2_pcrextend 16:sha256=$digest" \
  -n "custody tpm pcrs --bank sha256 --pcrs 16" "$custody tpm pcrs --tpm swtpm:127.0.0.1:$port --bank sha256 --pcrs 16" \
  -n "custody tpm pcrs (all banks, 0-23)" "$custody tpm pcrs --tpm swtpm:127.0.0.1:$port" \
  -n "custody tpm extend --pcr 16" "$custody tpm extend --tpm swtpm:127.0.0.1:$port --pcr 16 --data x"
hyperfine --warmup 3 --runs 30 --export-markdown "$work/unseal.md" \
  -n "tpm2-tools: startauthsession + policypcr + unseal + flushcontext" "$unseal_tpm2" \
  -n "custody tpm unseal --handle" "$custody tpm unseal --tpm vtpm:$work/tpm --handle 0x81000901 --out -"
cat "$work/tools.md" "$work/unseal.md"
cd "$CUSTODY_HOME"
bin/bench TpmLatencyBenchmark
