#!/usr/bin/env bash
# Runs every test of AiGateway. On a fresh machine it needs only the .NET SDK: anything else the tests
# need (redis-server, prometheus, kubectl, chromium) is installed here first. Tests start their own servers on free loopback ports.
set -euo pipefail
cd "$(dirname "$0")"

need_apt=()
command -v redis-server >/dev/null || need_apt+=(redis-server)   # Redis-backed stores and limits run against a real server
# Deploy tests run promtool (check/test the alert rules) and prometheus (the local full stack); Debian's package ships both.
{ command -v promtool && command -v prometheus; } >/dev/null || need_apt+=(prometheus)
command -v kubectl >/dev/null || need_apt+=(kubernetes-client)  # deploy tests render deploy/k8s with `kubectl kustomize` (any kubectl from 1.20)
command -v curl >/dev/null || need_apt+=(curl)                   # deploy/local/stack.sh polls its services with curl
command -v chromium >/dev/null || need_apt+=(chromium)           # headless browser for the finance dashboard page test
if [ "${#need_apt[@]}" -gt 0 ]; then
  echo "Installing test dependencies: ${need_apt[*]}"
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq "${need_apt[@]}"; else sudo apt-get update -qq && sudo apt-get install -y -qq "${need_apt[@]}"; fi
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
dotnet test AiGateway.sln -c Release --nologo 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# One closing line for every project together: "N passed, N failed". A build error or a crashed test
# host runs no tests but fails the command; it must not read as "0 failed".
awk -v status="$status" '/(Passed|Failed)! +- +Failed:/ {
       gsub(",", ""); for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) }
     }
     END { if (status != 0 && f == 0) { print "dotnet test failed (exit " status ") outside any test: see the errors above"; f = 1 }
           printf "Tests: %d passed, %d failed, %d skipped\n", p, f, s }' "$log"
exit "$status"
