#!/usr/bin/env bash
# The full stack on one machine, without Docker: redis-server, the upstream simulator, the gateway (Redis store)
# and, when a prometheus binary is found, Prometheus scraping the gateway's /metrics with deploy/prometheus's rules.
#
#   deploy/local/stack.sh up [--no-build]   build (Release, once), start everything in the background, print URLs
#                                           and a caller token, return when all of it answers
#   deploy/local/stack.sh run [--no-build]  the same in the foreground; Ctrl-C stops everything
#   deploy/local/stack.sh status            what runs, where
#   deploy/local/stack.sh down              stop everything (TERM, then wait); exit 0 when all exited by themselves
#
# Settings (environment):
#   AIGW_STACK_DIR        state, logs (<dir>/logs/*.log), generated secrets; default ${TMPDIR:-/tmp}/aigateway-stack-<uid>
#   AIGW_PROXY_PORT, AIGW_ADMIN_PORT, AIGW_SIM_PORT, AIGW_REDIS_PORT, AIGW_PROMETHEUS_PORT
#                         ports on 127.0.0.1; defaults 8080, 8081, 5080, 6390, 9090, each moved up to the next free
#                         port when taken. A port set explicitly must be free.
#   AIGW_PROMETHEUS       path of the prometheus binary, or "off"; default: `prometheus` on PATH if any
#   AIGW_SCRAPE_INTERVAL  Prometheus scrape interval, default 5s
#   AIGW_CONFIGURATION    build configuration to build and run, default Release
# Needs: the .NET SDK, redis-server, curl (and setsid, from util-linux).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
DIR=${AIGW_STACK_DIR:-${TMPDIR:-/tmp}/aigateway-stack-$(id -u)}
PIDS=$DIR/stack.pids          # "<name> <pid> <marker>" per started process, in start order
ENV_FILE=$DIR/stack.env       # ports and URLs of the running stack, for `status` and scripts
CONFIGURATION=${AIGW_CONFIGURATION:-Release}
GATEWAY_DLL=$ROOT/gateway/bin/$CONFIGURATION/net10.0/AiGateway.dll
SIM_DLL=$ROOT/loadtests/AiGateway.UpstreamSimulator/bin/$CONFIGURATION/net10.0/AiGateway.UpstreamSimulator.dll
SIM_KEY=sk-sim-local          # the simulator's default upstream key; a test double, not a provider key
START_TIMEOUT=90              # seconds one component may take to answer

log() { printf '[stack] %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

# True when something accepts connections on 127.0.0.1:<port>.
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# pick_port <variable name> <default>: the variable's value if set (must be free), else the first free port
# from the default upwards.
pick_port() {
  local name=$1 port=${!1:-}
  if [ -n "$port" ]; then
    port_busy "$port" && die "$name=$port is already in use"
    printf '%s' "$port"; return
  fi
  port=$2
  while port_busy "$port"; do port=$((port + 1)); done
  printf '%s' "$port"
}

# Alive and still the process we started (the pid was not reused): its command line contains the marker.
# A zombie counts as gone.
is_ours() {
  local pid=$1 marker=$2 state
  [ -r "/proc/$pid/cmdline" ] || return 1
  state=$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null) || return 1
  [ "$state" != Z ] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$marker"
}

# start <name> <marker> <command…>: runs the command in its own session (Ctrl-C in this terminal and the end of
# this script do not reach it), output to logs/<name>.log.
start() {
  local name=$1 marker=$2; shift 2
  setsid "$@" </dev/null >"$DIR/logs/$name.log" 2>&1 &
  printf '%s %s %s\n' "$name" "$!" "$marker" >>"$PIDS"
}

pid_of() { awk -v n="$1" '$1 == n { print $2 }' "$PIDS"; }

# wait_until <name> <command…>: polls the command until it succeeds; fails when the process exits or the
# start deadline passes.
wait_until() {
  local name=$1 pid deadline=$((SECONDS + START_TIMEOUT)); shift
  pid=$(pid_of "$name")
  until "$@" >/dev/null 2>&1; do
    if ! kill -0 "$pid" 2>/dev/null; then
      log "$name exited during start; last lines of $DIR/logs/$name.log:"; tail -n 20 "$DIR/logs/$name.log" >&2; return 1
    fi
    [ "$SECONDS" -lt "$deadline" ] || { log "$name did not answer within ${START_TIMEOUT}s (log: $DIR/logs/$name.log)"; return 1; }
    sleep 0.2
  done
}

running() { [ -s "$PIDS" ] && while read -r _ pid marker; do is_ours "$pid" "$marker" && return 0; done <"$PIDS"; return 1; }

find_prometheus() {
  case "${AIGW_PROMETHEUS:-}" in
    off) return 1 ;;
    "") command -v prometheus ;;
    *) [ -x "$AIGW_PROMETHEUS" ] && printf '%s' "$AIGW_PROMETHEUS" || die "AIGW_PROMETHEUS=$AIGW_PROMETHEUS is not an executable" ;;
  esac
}

build() {
  log "building the gateway and the upstream simulator ($CONFIGURATION)"
  for project in gateway/AiGateway.csproj loadtests/AiGateway.UpstreamSimulator/AiGateway.UpstreamSimulator.csproj; do
    (cd "$ROOT" && dotnet build "$project" -c "$CONFIGURATION" --nologo -v q -clp:ErrorsOnly) || die "build of $project failed"
  done
}

write_prometheus_config() {
  mkdir -p "$DIR/prometheus"
  cat >"$DIR/prometheus/prometheus.yml" <<EOF
# Generated by deploy/local/stack.sh: scrapes the local gateway's admin listener with the shipped rules.
global:
  scrape_interval: ${AIGW_SCRAPE_INTERVAL:-5s}
  evaluation_interval: 15s
rule_files:
  - $ROOT/deploy/prometheus/aigateway-rules.yml
scrape_configs:
  - job_name: aigateway
    metrics_path: /metrics
    static_configs:
      - targets: ['127.0.0.1:$ADMIN_PORT']
EOF
}

# A random secret: base64 of <bytes> bytes.
secret() { head -c "$1" /dev/urandom | base64 | tr -d '\n'; }

issue_token() {
  curl -sf -H "Authorization: Bearer $ADMIN_TOKEN" -H 'Content-Type: application/json' \
    -d '{"team":"rag","app":"local-stack","expiresInDays":7}' "http://127.0.0.1:$ADMIN_PORT/admin/tokens" \
    | sed -nE 's/.*"token":"(aigw_[A-Za-z0-9]+)".*/\1/p'
}

up() {
  local no_build=$1 prometheus
  running && die "a stack is already running from $DIR (deploy/local/stack.sh down first)"
  command -v redis-server >/dev/null || die "redis-server not found (apt-get install redis-server)"
  command -v curl >/dev/null || die "curl not found"
  command -v setsid >/dev/null || die "setsid not found (util-linux)"
  [ "$no_build" = 1 ] || build
  [ -f "$GATEWAY_DLL" ] && [ -f "$SIM_DLL" ] || die "no $CONFIGURATION build found; run without --no-build"

  # Reuse the folder only if it is empty or an earlier stack's: never wipe a folder this script did not make.
  if [ -d "$DIR" ] && [ -n "$(ls -A "$DIR")" ] && [ ! -e "$PIDS" ]; then
    die "$DIR is not empty and not a stack folder; set AIGW_STACK_DIR to a new or empty folder"
  fi
  rm -rf "$DIR" && mkdir -p "$DIR/logs" "$DIR/redis" "$DIR/gateway-data" && chmod 700 "$DIR"
  : >"$PIDS"
  REDIS_PORT=$(pick_port AIGW_REDIS_PORT 6390)
  SIM_PORT=$(pick_port AIGW_SIM_PORT 5080)
  PROXY_PORT=$(pick_port AIGW_PROXY_PORT 8080)
  ADMIN_PORT=$(pick_port AIGW_ADMIN_PORT 8081)
  [ "$ADMIN_PORT" != "$PROXY_PORT" ] || ADMIN_PORT=$(AIGW_ADMIN_PORT='' pick_port AIGW_ADMIN_PORT $((PROXY_PORT + 1)))
  prometheus=$(find_prometheus) || prometheus=""
  PROM_PORT=""
  [ -z "$prometheus" ] || PROM_PORT=$(pick_port AIGW_PROMETHEUS_PORT 9090)
  # Fresh per stack; the gateway refuses a shared store without an explicit token hash key.
  ADMIN_TOKEN=aigwlocal_$(secret 24 | tr -dc 'A-Za-z0-9')
  HASH_KEY=$(secret 32)
  ( umask 077; printf '%s\n' "$ADMIN_TOKEN" >"$DIR/admin-token" )

  # The stack must not be left half-started: a failure below stops what already runs.
  trap 'log "start failed; stopping what started"; down >/dev/null || true' ERR
  log "state and logs in $DIR"
  start redis redis-server redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --dir "$DIR/redis"
  wait_until redis bash -c "exec 3<>/dev/tcp/127.0.0.1/$REDIS_PORT"

  start simulator "$SIM_DLL" dotnet "$SIM_DLL" --urls "http://127.0.0.1:$SIM_PORT" --Simulator:RecordRequests=false \
    --Logging:LogLevel:Default=Warning
  wait_until simulator curl -sf -H "Authorization: Bearer $SIM_KEY" "http://127.0.0.1:$SIM_PORT/v1/models"

  start gateway "$GATEWAY_DLL" env \
    ASPNETCORE_ENVIRONMENT=Production \
    Gateway__Urls="http://127.0.0.1:$PROXY_PORT" Admin__Urls="http://127.0.0.1:$ADMIN_PORT" \
    Gateway__DataPath="$DIR/gateway-data" Policies__Path="$ROOT/policies" \
    Upstream__BaseUrl="http://127.0.0.1:$SIM_PORT/v1" HOLYSHEEP_API_KEY="$SIM_KEY" \
    Redis__Configuration="127.0.0.1:$REDIS_PORT" \
    Auth__TokenHashKey="$HASH_KEY" Admin__BootstrapToken="$ADMIN_TOKEN" \
    dotnet "$GATEWAY_DLL" --contentRoot "$ROOT/gateway"
  wait_until gateway curl -sf "http://127.0.0.1:$ADMIN_PORT/readyz"

  if [ -n "$prometheus" ]; then
    write_prometheus_config
    start prometheus "$DIR/prometheus/prometheus.yml" "$prometheus" --config.file="$DIR/prometheus/prometheus.yml" \
      --storage.tsdb.path="$DIR/prometheus/data" --web.listen-address="127.0.0.1:$PROM_PORT"
    wait_until prometheus curl -sf "http://127.0.0.1:$PROM_PORT/-/ready"
  else
    log "no prometheus binary (apt-get install prometheus, or AIGW_PROMETHEUS=<path>): running without it"
  fi

  CALLER_TOKEN=$(issue_token)
  [ -n "$CALLER_TOKEN" ] || { log "could not issue a caller token (log: $DIR/logs/gateway.log)"; false; }
  ( umask 077; printf '%s\n' "$CALLER_TOKEN" >"$DIR/caller-token" )
  trap - ERR

  cat >"$ENV_FILE" <<EOF
AIGW_PROXY_URL=http://127.0.0.1:$PROXY_PORT/v1
AIGW_ADMIN_URL=http://127.0.0.1:$ADMIN_PORT
AIGW_SIM_URL=http://127.0.0.1:$SIM_PORT/v1
AIGW_REDIS=127.0.0.1:$REDIS_PORT
AIGW_PROMETHEUS_URL=${PROM_PORT:+http://127.0.0.1:$PROM_PORT}
AIGW_ADMIN_TOKEN_FILE=$DIR/admin-token
AIGW_CALLER_TOKEN_FILE=$DIR/caller-token
EOF
  cat <<EOF
AiGateway local stack is up (state and logs: $DIR).
  proxy (apps)     http://127.0.0.1:$PROXY_PORT/v1
  admin + metrics  http://127.0.0.1:$ADMIN_PORT   (admin credential in $DIR/admin-token; /metrics, /admin/dashboard)
  simulator        http://127.0.0.1:$SIM_PORT/v1   (upstream test double, key $SIM_KEY)
  redis            127.0.0.1:$REDIS_PORT
  prometheus       ${PROM_PORT:+http://127.0.0.1:$PROM_PORT}$( [ -n "$PROM_PORT" ] || echo "not running (no binary)")
caller token (team rag): $CALLER_TOKEN
Try it:
  curl -s http://127.0.0.1:$PROXY_PORT/v1/chat/completions -H "Authorization: Bearer $CALLER_TOKEN" \\
    -H 'Content-Type: application/json' -d '{"model":"deepseek-v3.2","messages":[{"role":"user","content":"Hello"}]}'
Stop it with: deploy/local/stack.sh down
EOF
}

# Stops in reverse start order (Prometheus, gateway, simulator, Redis): the gateway drains before Redis goes.
down() {
  [ -s "$PIDS" ] || { log "nothing to stop in $DIR"; return 0; }
  local name pid marker status=0 deadline
  while read -r name pid marker; do
    is_ours "$pid" "$marker" || continue
    kill -TERM "$pid" 2>/dev/null || true
    deadline=$((SECONDS + 30))
    while is_ours "$pid" "$marker" && [ "$SECONDS" -lt "$deadline" ]; do sleep 0.1; done
    if is_ours "$pid" "$marker"; then
      log "$name (pid $pid) ignored SIGTERM for 30s; killing it"; kill -KILL "$pid" 2>/dev/null || true; status=1
    else
      log "stopped $name"
    fi
  done < <(tac "$PIDS")
  : >"$PIDS"
  rm -f "$ENV_FILE"
  return "$status"
}

status() {
  [ -s "$PIDS" ] || { echo "no stack in $DIR"; return 1; }
  local name pid marker all=0
  while read -r name pid marker; do
    if is_ours "$pid" "$marker"; then echo "$name: running (pid $pid)"; else echo "$name: NOT running (log $DIR/logs/$name.log)"; all=1; fi
  done <"$PIDS"
  [ ! -f "$ENV_FILE" ] || cat "$ENV_FILE"
  return "$all"
}

cmd=${1:-}
no_build=0
[ "${2:-}" = --no-build ] && no_build=1
case "$cmd" in
  up) up "$no_build" ;;
  run)
    up "$no_build"
    trap 'echo; down; exit $?' INT TERM
    log "running; Ctrl-C stops the stack"
    while status >/dev/null; do sleep 2; done
    log "a component stopped:"; status || true; down || true; exit 1
    ;;
  down) down ;;
  status) status ;;
  *) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac
