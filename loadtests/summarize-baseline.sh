#!/usr/bin/env bash
# Reads what run-baseline.sh left in a results folder and writes its summary.md: the targets of issue #6 with
# the measured value and whether each was met, then every scenario's own report.
set -euo pipefail
OUT=${1:?usage: summarize-baseline.sh <results folder>}
HERE=$(cd "$(dirname "$0")" && pwd)
POLICIES=$HERE/policies/teams
r() { jq -r "$1" "$OUT/$2/report.json"; }
result() { echo ".results[] | select(.target == \"$1\")"; }
cmp_() { echo ".comparisons[] | select(.target == \"$1\")"; }
ms() { awk -v v="$1" 'BEGIN { printf "%.3f ms", v }'; }
verdict() { awk -v a="$1" -v b="$2" 'BEGIN { print (a <= b) ? "met" : "**missed**" }'; }
tpm() { jq -r '.limits.tpm' "$POLICIES/$1.json"; }
spent_tokens() { jq -r --arg t "$1" '[.rows[] | select(.team == $t) | (.inputTokens + .outputTokens)] | add // 0' "$OUT/$2"; }
spent_requests() { jq -r --arg t "$1" '[.rows[] | select(.team == $t) | .requests] | add // 0' "$OUT/$2"; }

{
  echo "# Baseline summary"
  echo
  cat "$OUT/machine.md"
  echo
  echo "## Targets"
  echo
  echo "| Target | Goal | Measured | |"
  echo "|---|---|---|---|"
  p50=$(r "$(cmp_ gateway) | .p50DeltaMs" chat-1000rps); p99=$(r "$(cmp_ gateway) | .p99DeltaMs" chat-1000rps)
  n50=$(r "$(cmp_ nginx) | .p50DeltaMs" chat-1000rps); n99=$(r "$(cmp_ nginx) | .p99DeltaMs" chat-1000rps)
  echo "| Added latency p50, 1,000 req/s (gateway − direct) | ≤ 0.3 ms | $(ms "$p50") (nginx: $(ms "$n50")) | $(verdict "$p50" 0.3) |"
  echo "| Added latency p99, 1,000 req/s (gateway − direct) | ≤ 1 ms | $(ms "$p99") (nginx: $(ms "$n99")) | $(verdict "$p99" 1) |"
  rps=$(r "$(result gateway) | .rps" chat-5000rps); errors=$(r "$(result gateway) | .errors + .dropped" chat-5000rps)
  echo "| Sustained 5,000 req/s, zero errors | ≥ 5,000 req/s, 0 errors | $(printf '%.0f' "$rps") req/s, $errors errors or dropped | $(awk -v r="$rps" -v e="$errors" 'BEGIN { print (r >= 4950 && e == 0) ? "met" : "**missed**" }') |"
  started=$(r '.results[0].streams.started' streams); completed=$(r '.results[0].streams.completed' streams)
  serrors=$(r '.results[0].errors' streams); peak=$(($(cat "$OUT/streams-peak-rss-kib.txt") / 1024))
  concurrent=$(r '.results[0].peakInFlight' streams)
  # The streams gateway's ledger also holds its warm-up streams (streams-warmup/): subtract them.
  warm_requests=$(jq -r '.results[0].requests' "$OUT/streams-warmup/report.json"); warm_tokens=$(jq -r '.results[0].completionTokens' "$OUT/streams-warmup/report.json")
  metered=$(( $(spent_requests load streams-spend.json) - warm_requests ))
  metered_tokens=$(( $(jq -r '[.rows[] | select(.team == "load") | .outputTokens] | add // 0' "$OUT/streams-spend.json") - warm_tokens ))
  streamed_tokens=$(r '.results[0].completionTokens' streams)
  upstream_requests=$(( $(jq -r '.requests' "$OUT/streams-simulator-usage.json") - warm_requests ))
  upstream_tokens=$(( $(jq -r '.completion_tokens' "$OUT/streams-simulator-usage.json") - warm_tokens ))
  echo "| Concurrent streams held by one gateway | 10,000 | $concurrent at peak | $(awk -v c="$concurrent" 'BEGIN { print (c >= 10000) ? "met" : "**missed**" }') |"
  echo "| Gateway memory with them | < 1 GiB | $peak MiB peak RSS | $(verdict "$peak" 1024) |"
  echo "| Every stream complete and metered | all | $completed of $started complete, $serrors errors; ledger: $metered requests, $metered_tokens output tokens; the simulator served $upstream_requests and $upstream_tokens; the runner saw $streamed_tokens | $( [ "$completed" = "$started" ] && [ "$serrors" = 0 ] && [ "$metered" = "$completed" ] && [ "$metered_tokens" = "$streamed_tokens" ] && [ "$upstream_requests" = "$completed" ] && [ "$upstream_tokens" = "$streamed_tokens" ] && echo met || echo '**missed**') |"
  echo
  echo "## Throughput, 64 concurrent (closed model)"
  echo
  echo "| Target | req/s | vs direct | p50 | p99 |"
  echo "|---|---|---|---|---|"
  for t in direct nginx gateway; do
    echo "| $t | $(printf '%.0f' "$(r "$(result $t) | .rps" chat-64-concurrent)") | $(r "[$(cmp_ $t) | .rpsDeltaPercent][0] // 0 | tostring + \" %\"" chat-64-concurrent) | $(ms "$(r "$(result $t) | .latency.p50Ms" chat-64-concurrent)") | $(ms "$(r "$(result $t) | .latency.p99Ms" chat-64-concurrent)") |"
  done
  echo
  echo "Cross-check, wrk -t2 -c64 with the same body:"
  for t in direct gateway; do
    echo "- $t: $(grep -E 'Requests/sec' "$OUT/wrk-$t.txt" | awk '{print $2}') req/s, p50 $(awk '/ 50%/{print $2}' "$OUT/wrk-$t.txt"), p99 $(awk '/ 99%/{print $2}' "$OUT/wrk-$t.txt")"
  done
  echo
  echo "## Gateway cost per request"
  echo
  echo "- CPU: $(cat "$OUT/profile/cpu-us-per-request.txt") µs of gateway CPU per request at 1,000 req/s (from /proc, user + system)."
  echo
  echo "## TPM pressure (offered load far above each limit; Redis sliding window of 60 s)"
  echo
  echo "| Team | TPM limit | requests | 200 | 429 | 429 share | tokens admitted (ledger) | tokens per request | expected 200s ≈ limit ÷ tokens per request |"
  echo "|---|---|---|---|---|---|---|---|---|"
  for team in tpm-a tpm-b; do
    f=tpm-pressure-$team; limit=$(tpm "$team"); req=$(r '.results[0].requests' "$f"); ok=$(r '.results[0].ok' "$f")
    rejected=$(r '.results[0].statusCodes["429"] // 0' "$f"); tokens=$(spent_tokens "$team" tpm-pressure-spend.json)
    per=$(awk -v t="$tokens" -v o="$ok" 'BEGIN { printf "%.1f", (o ? t / o : 0) }')
    echo "| $team | $limit | $req | $ok | $rejected | $(awk -v x="$rejected" -v n="$req" 'BEGIN { printf "%.1f %%", 100 * x / n }') | $tokens | $per | $(awk -v l="$limit" -v p="$per" 'BEGIN { printf "%d", (p ? l / p : 0) }') |"
  done
  echo
  echo "## Two replicas, one Redis, one shared TPM limit"
  echo
  limit=$(tpm tpm-shared); tokens=$(spent_tokens tpm-shared replicas-spend.json)
  echo "| Replica | requests | 200 | 429 |"
  echo "|---|---|---|---|"
  for t in gateway gateway-2; do
    echo "| $t | $(r '.results[0].requests' "replicas-$t") | $(r '.results[0].ok' "replicas-$t") | $(r '.results[0].statusCodes["429"] // 0' "replicas-$t") |"
  done
  echo
  echo "Tokens admitted by both together (ledger): $tokens of the $limit TPM limit — $(awk -v t="$tokens" -v l="$limit" 'BEGIN { print (t <= l) ? "within the limit" : "**over the limit**" }')."
  echo
  echo "## Streams: memory over time (RSS, MiB, every 5 s)"
  echo
  awk 'NR % 5 == 1 { printf "%s ", int($2 / 1024) } END { print "" }' "$OUT/streams-rss.txt"
  echo
  for d in chat-1000rps chat-64-concurrent chat-5000rps stream-200rps embeddings-1000rps tpm-pressure-tpm-a tpm-pressure-tpm-b replicas-gateway replicas-gateway-2 streams profile; do
    [ -f "$OUT/$d/report.md" ] && { echo; sed 's/^# /### /; s/^## /#### /' "$OUT/$d/report.md"; }
  done
} >"$OUT/summary.md"
echo "wrote $OUT/summary.md" >&2
