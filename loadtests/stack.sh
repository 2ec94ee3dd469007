#!/usr/bin/env bash
# The load-test stack on loopback: Redis, two upstream simulators, three gateways (Release, Redis store) and a
# plain nginx keepalive proxy as the floor. Sourced by run-baseline.sh; `loadtests/stack.sh up` starts it
# for manual runs (wrk, hey, dotnet-counters) and prints how to reach it; Ctrl-C stops everything.
#
#   direct      simulator S1                    http://127.0.0.1:$SIM_PORT/v1
#   nginx       nginx -> S1 (keepalive)         http://127.0.0.1:$NGINX_PORT/v1
#   gateway     gateway G1 -> S1                http://127.0.0.1:$GW1_PORT/v1     (admin $((GW1_PORT+1)))
#   gateway-2   gateway G2 -> S1, same Redis    http://127.0.0.1:$GW2_PORT/v1     (admin $((GW2_PORT+1)))
#   streams     gateway G3 -> S2 (slow streams, HTTP/2 upstream) http://127.0.0.1:$GW3_PORT/v1 (admin $((GW3_PORT+1)))
#
# S2 streams one token per second, so its streams stay open for the long-lived-connection scenario; G3 has
# its own Redis key prefix so its ledger and memory are measured alone.
set -euo pipefail

LT_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
REDIS_PORT=${REDIS_PORT:-16379}
SIM_PORT=${SIM_PORT:-15080}
SIM2_PORT=${SIM2_PORT:-15090}
NGINX_PORT=${NGINX_PORT:-15081}
GW1_PORT=${GW1_PORT:-18080}
GW2_PORT=${GW2_PORT:-18082}
GW3_PORT=${GW3_PORT:-18084}
STREAM_SECONDS=${STREAM_SECONDS:-30}
STACK_DIR=${STACK_DIR:-$(mktemp -d /tmp/aigw-stack.XXXXXX)}
# Fixed test-only secrets: the replicas must share the token hash key. Never used outside loopback.
ADMIN_TOKEN=${ADMIN_TOKEN:-loadtest-admin-credential-0123456789}
HASH_KEY=${HASH_KEY:-bG9hZHRlc3QtdG9rZW4taGFzaC1rZXktMDEyMzQ1Njc4OWFi}
SIM_KEY=sk-sim-local
STACK_PIDS=()

stack_log() { printf '[stack] %s\n' "$*" >&2; }

stack_install() {
  local need=()
  command -v redis-server >/dev/null || need+=(redis-server)
  command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || need+=(nginx)
  command -v wrk >/dev/null || need+=(wrk)
  command -v hey >/dev/null || need+=(hey)
  if [ "${#need[@]}" -gt 0 ]; then
    stack_log "installing ${need[*]}"
    local sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
    $sudo apt-get update -qq && $sudo apt-get install -y -qq "${need[@]}" >/dev/null
  fi
}

stack_build() {
  stack_log "building Release (gateway, simulator)"
  local p
  for p in gateway/AiGateway.csproj loadtests/AiGateway.UpstreamSimulator/AiGateway.UpstreamSimulator.csproj; do
    dotnet build "$LT_ROOT/$p" -c Release --nologo -v q -clp:ErrorsOnly >/dev/null || { dotnet build "$LT_ROOT/$p" -c Release --nologo -v q; return 1; }
  done
  GATEWAY_DLL=$LT_ROOT/gateway/bin/Release/net10.0/AiGateway.dll
  SIM_DLL=$LT_ROOT/loadtests/AiGateway.UpstreamSimulator/bin/Release/net10.0/AiGateway.UpstreamSimulator.dll
}

# Polls until the URL answers (any HTTP status) or the process died; the deadline only bounds a broken start.
stack_wait_http() {
  local url=$1 pid=$2 name=$3
  for _ in $(seq 1 600); do
    if curl -s -o /dev/null "$url"; then return 0; fi
    kill -0 "$pid" 2>/dev/null || { stack_log "$name exited during start; log: $STACK_DIR/$name.log"; tail -20 "$STACK_DIR/$name.log" >&2; return 1; }
    sleep 0.1
  done
  stack_log "$name did not answer at $url within 60 s"; return 1
}

stack_start_redis() {
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --dir "$STACK_DIR" >"$STACK_DIR/redis.log" 2>&1 &
  STACK_PIDS+=($!); REDIS_PID=$!
  for _ in $(seq 1 100); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && return 0; sleep 0.1; done
  stack_log "redis-server did not start"; return 1
}

stack_start_simulator() {
  local name=$1 port=$2; shift 2
  dotnet "$SIM_DLL" --urls "http://127.0.0.1:$port" --Simulator:RecordRequests=false "$@" \
    --Logging:LogLevel:Default=Warning >"$STACK_DIR/$name.log" 2>&1 &
  STACK_PIDS+=($!)
  stack_wait_http "http://127.0.0.1:$port/v1/models" $! "$name"
}

stack_start_gateway() {
  local name=$1 port=$2 upstream=$3 prefix=$4; shift 4
  mkdir -p "$STACK_DIR/$name"
  Gateway__Urls="http://127.0.0.1:$port" Admin__Urls="http://127.0.0.1:$((port + 1))" \
  Gateway__DataPath="$STACK_DIR/$name" Upstream__BaseUrl="$upstream" HOLYSHEEP_API_KEY=$SIM_KEY \
  Policies__Path="$LT_ROOT/loadtests/policies" Policies__ReloadOnChange=false \
  Redis__Configuration="127.0.0.1:$REDIS_PORT" Redis__KeyPrefix="$prefix" \
  Auth__TokenHashKey="$HASH_KEY" Admin__BootstrapToken="$ADMIN_TOKEN" \
  DOTNET_gcServer=1 ASPNETCORE_ENVIRONMENT=Production \
    dotnet "$GATEWAY_DLL" --contentRoot "$LT_ROOT/gateway" "$@" >"$STACK_DIR/$name.log" 2>&1 &
  STACK_PIDS+=($!)
  eval "${name//-/_}_PID=$!"
  stack_wait_http "http://127.0.0.1:$((port + 1))/healthz" $! "$name"
}

stack_start_nginx() {
  mkdir -p "$STACK_DIR/nginx"
  cat >"$STACK_DIR/nginx/nginx.conf" <<EOF
worker_processes auto;
pid $STACK_DIR/nginx/nginx.pid;
error_log $STACK_DIR/nginx/error.log warn;
daemon off;
events { worker_connections 20000; }
worker_rlimit_nofile 40000;
http {
  access_log off;
  client_body_temp_path $STACK_DIR/nginx/body;
  proxy_temp_path $STACK_DIR/nginx/proxy;
  upstream simulator { server 127.0.0.1:$SIM_PORT; keepalive 256; }
  server {
    listen 127.0.0.1:$NGINX_PORT;
    location / {
      proxy_pass http://simulator;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_buffering off;
    }
  }
}
EOF
  /usr/sbin/nginx -c "$STACK_DIR/nginx/nginx.conf" -e "$STACK_DIR/nginx/error.log" >"$STACK_DIR/nginx.log" 2>&1 &
  STACK_PIDS+=($!)
  stack_wait_http "http://127.0.0.1:$NGINX_PORT/v1/models" $! nginx
}

# Issues a caller token for a team on a gateway's admin listener; prints the secret.
stack_token() {
  local admin_port=$1 team=$2 app=$3
  curl -sf -H "Authorization: Bearer $ADMIN_TOKEN" -H 'Content-Type: application/json' \
    -d "{\"team\":\"$team\",\"app\":\"$app\",\"expiresInDays\":1}" "http://127.0.0.1:$admin_port/admin/tokens" \
    | sed -E 's/.*"token":"([^"]+)".*/\1/'
}

stack_up() {
  ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
  mkdir -p "$STACK_DIR"
  stack_log "state and logs in $STACK_DIR"
  stack_start_redis
  stack_start_simulator sim "$SIM_PORT"
  # HTTP/2 (h2c) between the streams gateway and its simulator: 10,000 streams share a few upstream connections
  # instead of holding 10,000 sockets (one process may hold 20,000 descriptors here, and each stream has one in).
  stack_start_simulator sim-streams "$SIM2_PORT" --Simulator:InterChunkDelayMs=1000 --Simulator:OutputTokens="$STREAM_SECONDS" \
    --Kestrel:EndpointDefaults:Protocols=Http2
  stack_start_nginx
  stack_start_gateway gateway "$GW1_PORT" "http://127.0.0.1:$SIM_PORT/v1" aigw
  stack_start_gateway gateway-2 "$GW2_PORT" "http://127.0.0.1:$SIM_PORT/v1" aigw
  stack_start_gateway streams "$GW3_PORT" "http://127.0.0.1:$SIM2_PORT/v1" aigw-streams --Upstream:HttpVersion=2
  mkdir -p "$STACK_DIR/tokens"
  stack_token $((GW1_PORT + 1)) load loadtest >"$STACK_DIR/tokens/load"
  stack_token $((GW1_PORT + 1)) load loadtest-2 >"$STACK_DIR/tokens/load-2"
  stack_token $((GW1_PORT + 1)) tpm-a pressure >"$STACK_DIR/tokens/tpm-a"
  stack_token $((GW1_PORT + 1)) tpm-b pressure >"$STACK_DIR/tokens/tpm-b"
  stack_token $((GW1_PORT + 1)) tpm-shared replicas >"$STACK_DIR/tokens/tpm-shared"
  stack_token $((GW1_PORT + 1)) bare breakdown >"$STACK_DIR/tokens/bare"
  stack_token $((GW1_PORT + 1)) limits-only breakdown >"$STACK_DIR/tokens/limits-only"
  stack_token $((GW3_PORT + 1)) load streams >"$STACK_DIR/tokens/streams"
  echo "$SIM_KEY" >"$STACK_DIR/tokens/direct"
  for f in "$STACK_DIR"/tokens/*; do [ -s "$f" ] || { stack_log "could not issue token $(basename "$f")"; return 1; }; done
}

stack_down() {
  local pid
  for pid in "${STACK_PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${STACK_PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  STACK_PIDS=()
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  case "${1:-up}" in
    up)
      trap stack_down EXIT INT TERM
      stack_install; stack_build; stack_up
      cat <<EOF
Stack is up (Ctrl-C stops it). Tokens in $STACK_DIR/tokens/.
  direct    http://127.0.0.1:$SIM_PORT/v1        key $SIM_KEY
  nginx     http://127.0.0.1:$NGINX_PORT/v1
  gateway   http://127.0.0.1:$GW1_PORT/v1       token \$(cat $STACK_DIR/tokens/load)
  gateway-2 http://127.0.0.1:$GW2_PORT/v1
  streams   http://127.0.0.1:$GW3_PORT/v1       token \$(cat $STACK_DIR/tokens/streams)
  admin     http://127.0.0.1:$((GW1_PORT + 1))  bearer $ADMIN_TOKEN   (/metrics, /admin/spend)
EOF
      wait
      ;;
    *) echo "usage: $0 up" >&2; exit 2 ;;
  esac
fi
