#!/usr/bin/env bash
# /api/search throughput as a fraction of what the model allows, both measured in the same minutes
# (docs/performance.md). On a shared machine the cores' speed drifts by tens of percent from one minute to the
# next, so the raw ONNX Runtime ceiling (JMH EmbeddingBenchmark.queriesPerSecondRawOrt: one call per core, batch 1)
# and HTTP runs alternate, and each HTTP run is divided by the mean of the ceilings measured just before and after.
#
#   bench/ratio.sh [BASE_URL]            default http://127.0.0.1:8080; Lectern must be running there
#
# Environment: ROUNDS=4, DURATION=30s, CONCURRENCY=32 (one level), and load.sh's QUESTIONS, K, MODE.
# Needs wrk and a compiled bench profile (./mvnw -B -Pbench compile). Start Lectern with
# -Dlectern.embedding.query-cache-size=0 so that every request runs the model.
set -euo pipefail
cd "$(dirname "$0")/.."
url=${1:-http://127.0.0.1:8080}
rounds=${ROUNDS:-4}
ceiling() {
  ./mvnw -B -q -Pbench exec:exec \
    -Dbench.args='EmbeddingBenchmark.queriesPerSecondRawOrt -wi 2 -w 3s -i 3 -r 5s' 2>&1 \
    | awk '/^EmbeddingBenchmark.queriesPerSecondRawOrt/ {print $(NF-3)}'
}
http() {
  DURATION=${DURATION:-30s} CONCURRENCY=${CONCURRENCY:-32} WARMUP=${WARMUP:-10s} bench/load.sh "$url" | tail -1
}
printf '%-6s %12s %10s %10s %10s %10s\n' round model_q/s http_req/s p50_ms p99_ms ratio
before=$(ceiling)
for round in $(seq "$rounds"); do
  read -r _ rps p50 p99 _ sockerr non200 _ <<< "$(http)"
  after=$(ceiling)
  ratio=$(awk -v h="$rps" -v a="$before" -v b="$after" 'BEGIN {printf "%.2f", h / ((a + b) / 2)}')
  printf '%-6s %12s %10s %10s %10s %10s   errors %s/%s\n' "$round" "$before..$after" "$rps" "$p50" "$p99" "$ratio" \
    "$sockerr" "$non200"
  before=$after
  WARMUP=0
done
