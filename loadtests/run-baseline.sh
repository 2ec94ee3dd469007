#!/usr/bin/env bash
# The performance baseline in one run: starts the stack (stack.sh), drives every scenario with aigw-load,
# checks what must hold (TPM shares, metering of every stream, memory), cross-checks with wrk, profiles the
# gateway, and writes $OUT/summary.md plus each scenario's report.md/report.json.
#
#   loadtests/run-baseline.sh            # full run, ~12 minutes on 2 cores
#   QUICK=1 loadtests/run-baseline.sh    # every scenario at a tenth of the time and 1,000 streams
#
# Everything binds to 127.0.0.1; the runner refuses any other host.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=loadtests/stack.sh
source "$HERE/stack.sh"

OUT=${OUT:-$HERE/results/baseline}
QUICK=${QUICK:-0}
if [ "$QUICK" = 1 ]; then WARM=5s; T=3s; W=1s; LONG=5s; STREAMS=${STREAMS:-1000}; PRESSURE=10s; else WARM=20s; T=30s; W=5s; LONG=60s; STREAMS=${STREAMS:-10000}; PRESSURE=50s; fi
STREAM_SECONDS=${STREAM_SECONDS:-30}
export STREAM_SECONDS

log() { printf '\n== %s\n' "$*" >&2; }
# FROM_STEP=N re-runs steps N.. into an existing results folder (the warm-up, step 0, always runs).
FROM_STEP=${FROM_STEP:-0}
step() { [ "$1" = 0 ] || [ "$1" -ge "$FROM_STEP" ]; }
j() { jq -r "$@"; }

stack_install
command -v jq >/dev/null || { sudo_=""; [ "$(id -u)" = 0 ] || sudo_=sudo; $sudo_ apt-get install -y -qq jq >/dev/null; }
stack_build
dotnet build "$LT_ROOT/loadtests/AiGateway.LoadTests/AiGateway.LoadTests.csproj" -c Release --nologo -v q -clp:ErrorsOnly >/dev/null
RUNNER_DLL=$LT_ROOT/loadtests/AiGateway.LoadTests/bin/Release/net10.0/aigw-load.dll
trap stack_down EXIT INT TERM
stack_up
[ "$FROM_STEP" -gt 0 ] || rm -rf "$OUT"
mkdir -p "$OUT"
TOK=$STACK_DIR/tokens
DIRECT="--target direct=http://127.0.0.1:$SIM_PORT/v1 --token direct=@$TOK/direct"
NGINX="--target nginx=http://127.0.0.1:$NGINX_PORT/v1 --token nginx=@$TOK/direct"
GATEWAY="--target gateway=http://127.0.0.1:$GW1_PORT/v1 --token gateway=@$TOK/load"
load() { dotnet "$RUNNER_DLL" run "$@"; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
admin() { curl -sf -H "Authorization: Bearer $ADMIN_TOKEN" "http://127.0.0.1:$1$2"; }
ticks_per_second=$(getconf CLK_TCK)
# Chat at 100/s through each "name:port:token" at once, far over the team's TPM; waits for these runners only
# (a bare `wait` would also wait for the stack's servers, which run in the background of this shell).
pressure() {
  local prefix=$1 spec name port token runners=()
  shift
  for spec in "$@"; do
    IFS=: read -r name port token <<<"$spec"
    load --target "$name=http://127.0.0.1:$port/v1" --token "$name=@$TOK/$token" --name "$prefix-$name" --scenario chat \
      --model deepseek-v3.2 --load "inject:100/s:$PRESSURE" --out "$OUT/$prefix-$name" &
    runners+=($!)
  done
  wait "${runners[@]}"
}

{
  echo "# Machine"
  echo
  echo "- CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores; memory $(free -g | awk '/Mem:/{print $2}') GiB"
  echo "- Kernel: $(uname -r); .NET $(dotnet --version); Redis $(redis-server --version | awk '{print $3}' | cut -d= -f2); nginx $(/usr/sbin/nginx -v 2>&1 | cut -d/ -f2)"
  echo "- Run: $(date -u +%Y-%m-%dT%H:%MZ), QUICK=$QUICK; gateway, Redis, simulator, nginx and the runner share the machine"
} >"$OUT/machine.md"

if step 0; then
log "0. warm-up: every gateway and the simulator serve traffic until the JIT has settled (not recorded)"
load $DIRECT $GATEWAY --target gateway-2=http://127.0.0.1:$GW2_PORT/v1 --token gateway-2=@$TOK/load-2 \
  --name warm-up --scenario chat --model deepseek-v3.2 --load "inject:1000/s:$WARM" --out "$STACK_DIR/warm-up" >/dev/null
load $GATEWAY --name warm-up --scenario stream --model deepseek-v3.2 --load "inject:200/s:$W" --out "$STACK_DIR/warm-up" >/dev/null
load --target streams=http://127.0.0.1:$GW3_PORT/v1 --token streams=@$TOK/streams --name warm-up --scenario stream \
  --model deepseek-v3.2 --max-tokens 2 --load "constant:100:$W" --out "$OUT/streams-warmup" >/dev/null # kept: the streams ledger check subtracts it

fi

if step 1; then
log "1. added latency at 1,000 requests/s (open model): direct vs nginx vs gateway"
load $DIRECT $NGINX $GATEWAY --baseline direct --name chat-1000rps --scenario chat --model deepseek-v3.2 --load "inject:1000/s:$T" --warmup "$W" --out "$OUT/chat-1000rps"

fi

if step 2; then
log "2. gateway CPU per request and a runtime-counter profile at 1,000 requests/s"
mkdir -p "$OUT/profile"
before=$(cpu_ticks "$gateway_PID")
counters_pid=""
PATH=$PATH:$HOME/.dotnet/tools
command -v dotnet-counters >/dev/null || dotnet tool install -g dotnet-counters >/dev/null 2>&1 || true
if command -v dotnet-counters >/dev/null; then
  # A fixed duration: a background job of a script ignores SIGINT, so it could not be stopped cleanly.
  dotnet-counters collect -p "$gateway_PID" --format csv -o "$OUT/profile/counters.csv" --duration "00:00:00:${T%s}" \
    --counters System.Runtime,Microsoft.AspNetCore.Hosting,System.Net.Http >/dev/null 2>&1 &
  counters_pid=$!
fi
load $GATEWAY --name gateway-profile --scenario chat --model deepseek-v3.2 --load "inject:1000/s:$T" --out "$OUT/profile"
after=$(cpu_ticks "$gateway_PID")
[ -n "$counters_pid" ] && wait "$counters_pid" 2>/dev/null || true
requests=$(j '.results[0].requests' "$OUT/profile/report.json")
echo "$(( (after - before) * 1000000 / ticks_per_second / requests ))" >"$OUT/profile/cpu-us-per-request.txt"

fi

if step 3; then
log "3. throughput, closed model (64 concurrent): direct vs nginx vs gateway"
load $DIRECT $NGINX $GATEWAY --baseline direct --name chat-64-concurrent --scenario chat --model deepseek-v3.2 --load "constant:64:$T" --warmup "$W" --out "$OUT/chat-64-concurrent"

fi

if step 4; then
log "4. cross-check with wrk (64 connections, same body)"
cat >"$STACK_DIR/chat.lua" <<'EOF'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("WRK_TOKEN")
wrk.body = os.getenv("WRK_BODY")
EOF
# The runner's chat body with its defaults: 32 prompt words ("hello", one token each) and max_tokens 16.
body="{\"model\":\"deepseek-v3.2\",\"messages\":[{\"role\":\"user\",\"content\":\"hello$(printf ' hello%.0s' $(seq 2 32))\"}],\"max_tokens\":16}"
for t in "direct:$SIM_PORT:$TOK/direct" "gateway:$GW1_PORT:$TOK/load"; do
  IFS=: read -r name port tokfile <<<"$t"
  WRK_TOKEN=$(cat "$tokfile") WRK_BODY=$body wrk -t2 -c64 -d"$T" --latency -s "$STACK_DIR/chat.lua" \
    "http://127.0.0.1:$port/v1/chat/completions" >"$OUT/wrk-$name.txt"
done

fi

if step 5; then
log "5. sustained 5,000 requests/s through the gateway"
load $GATEWAY --name chat-5000rps --scenario chat --model deepseek-v3.2 --load "ramp-inject:0->5000/s:$W" --load "inject:5000/s:$LONG" --out "$OUT/chat-5000rps"

fi

if step 6; then
log "6. streaming chat and embeddings: direct vs nginx vs gateway"
load $DIRECT $NGINX $GATEWAY --baseline direct --name stream-200rps --scenario stream --model deepseek-v3.2 --load "inject:200/s:$T" --warmup "$W" --out "$OUT/stream-200rps"
load $DIRECT $NGINX $GATEWAY --baseline direct --name embeddings-1000rps --scenario embeddings --model text-embedding-3-small --load "inject:1000/s:$T" --warmup "$W" --out "$OUT/embeddings-1000rps"

fi

if step 7; then
log "7. TPM pressure: two teams at once, far over their limits"
pressure tpm-pressure "tpm-a:$GW1_PORT:tpm-a" "tpm-b:$GW1_PORT:tpm-b"
admin $((GW1_PORT + 1)) "/admin/spend?groupBy=team&format=json" >"$OUT/tpm-pressure-spend.json"

fi

if step 8; then
log "8. two replicas on one Redis share one team's TPM limit"
pressure replicas "gateway:$GW1_PORT:tpm-shared" "gateway-2:$GW2_PORT:tpm-shared"
admin $((GW1_PORT + 1)) "/admin/spend?groupBy=team&format=json" >"$OUT/replicas-spend.json"

fi

if step 9; then
log "9. $STREAMS concurrent long-lived streams through one gateway"
rss_log=$OUT/streams-rss.txt
( while kill -0 "$streams_PID" 2>/dev/null; do echo "$(date +%s) $(awk '/VmRSS/{print $2}' "/proc/$streams_PID/status")"; sleep 1; done ) >"$rss_log" &
sampler=$!
load --target "streams=http://127.0.0.1:$GW3_PORT/v1" --token "streams=@$TOK/streams" --name "streams-$STREAMS" --scenario stream --model deepseek-v3.2 \
  --max-tokens "$STREAM_SECONDS" --load "ramp-constant:0->$STREAMS:$STREAM_SECONDS""s" --load "constant:$STREAMS:$STREAM_SECONDS""s" \
  --max-connections "$((STREAMS + 100))" --max-in-flight "$((STREAMS + 100))" --grace "$((STREAM_SECONDS * 2))s" --out "$OUT/streams"
awk '/VmHWM/{print $2}' "/proc/$streams_PID/status" >"$OUT/streams-peak-rss-kib.txt"
kill "$sampler" 2>/dev/null || true
# Settling runs after each stream ends; /admin/spend reads what was settled.
admin $((GW3_PORT + 1)) "/admin/spend?groupBy=team&format=json" >"$OUT/streams-spend.json"
# The upstream's own count of what it served (its streams simulator speaks HTTP/2 only, see stack.sh).
curl -sf --http2-prior-knowledge "http://127.0.0.1:$SIM2_PORT/_sim/usage" | jq '.total' >"$OUT/streams-simulator-usage.json"

fi

"$HERE/summarize-baseline.sh" "$OUT"
