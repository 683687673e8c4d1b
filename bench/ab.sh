#!/usr/bin/env bash
# A/B cost of a change on one machine, measured in one run (docs/performance.md): two packaged builds (or one build
# with two sets of options) started in turn on fresh data directories, alternating, ROUNDS times. Per start it
# measures the time to index the sample lecture (PUT of its transcript, once the service is ready) and then, one
# connection at a time (c=1), the p50 of GET /api/search and of POST /api/ask over the questions of
# bench/questions.txt, with the question cache off. Prints each round and the median B/A ratios.
#
#   bench/ab.sh "A_JAVA_ARGS" "B_JAVA_ARGS"
#   e.g. bench/ab.sh "-jar /tmp/before/quarkus-run.jar" "-jar target/quarkus-app/quarkus-run.jar"
#        bench/ab.sh "-Dlectern.search.expand-terms=false -jar target/quarkus-app/quarkus-run.jar" \
#                    "-jar target/quarkus-app/quarkus-run.jar"
#
# Environment: ROUNDS=3, DURATION=20s, PORT=18012. Needs wrk and curl. Loopback only.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${ROUNDS:-3}
duration=${DURATION:-20s}
port=${PORT:-18012}
url=http://127.0.0.1:$port
transcript=src/main/resources/corpus/cs25-ming-ding-multimodal-pretraining.txt

measure() { # label java-args...
  local label=$1; shift
  local data; data=$(mktemp -d)
  # Seed nothing: the lecture is indexed by the timed PUT below.
  java -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$port" -Dlectern.data-dir="$data" \
    -Dlectern.corpus.seed-on-empty-store=false -Dlectern.embedding.query-cache-size=0 "$@" > "$data.log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 120); do curl -fsS "$url/q/health/ready" > /dev/null 2>&1 && break; sleep 0.5; done
  local t0; t0=$(date +%s.%N)
  curl -fsS -X PUT -H 'Content-Type: text/plain' --data-binary @"$transcript" \
    "$url/api/lectures/cs25-ming-ding-multimodal-pretraining?title=CS25" > /dev/null
  local ingest; ingest=$(echo "$(date +%s.%N) - $t0" | bc)
  wrk -t1 -c1 -d5s -s bench/search.lua "$url" > /dev/null   # warm-up
  wrk -t1 -c1 -d5s -s bench/ask.lua "$url" > /dev/null
  local search ask
  search=$(wrk -t1 -c1 -d"$duration" -s bench/search.lua "$url" | sed -n 's/^RESULT.*p50_ms=\([0-9.]*\).*/\1/p')
  ask=$(wrk -t1 -c1 -d"$duration" -s bench/ask.lua "$url" | sed -n 's/^RESULT.*p50_ms=\([0-9.]*\).*/\1/p')
  kill "$pid"; wait "$pid" 2>/dev/null || true
  rm -rf "$data" "$data.log"
  printf '%s ingest_s=%.2f search_p50_ms=%s ask_p50_ms=%s\n' "$label" "$ingest" "$search" "$ask"
}

results=$(mktemp)
for round in $(seq 1 "$rounds"); do
  # shellcheck disable=SC2086
  measure A $1 | tee -a "$results"
  # shellcheck disable=SC2086
  measure B $2 | tee -a "$results"
done
python3 - "$results" <<'PY'
import re, statistics, sys
rows = [dict(re.findall(r'(\w+)=([\d.]+)', l)) | {'who': l.split()[0]} for l in open(sys.argv[1])]
for key in ('ingest_s', 'search_p50_ms', 'ask_p50_ms'):
    ratios = [float(b[key]) / float(a[key]) for a, b in zip(rows[0::2], rows[1::2])]
    a = statistics.median(float(r[key]) for r in rows if r['who'] == 'A')
    b = statistics.median(float(r[key]) for r in rows if r['who'] == 'B')
    print(f"{key:14} A {a:8.2f}  B {b:8.2f}  B/A per round {', '.join(f'{x:.2f}' for x in ratios)}  median {statistics.median(ratios):.2f}")
PY
rm -f "$results"
