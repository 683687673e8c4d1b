#!/usr/bin/env bash
# HTTP load on /api/search of a running Lectern (docs/performance.md). Loopback only, bounded duration.
#
#   bench/load.sh [BASE_URL]            default http://127.0.0.1:8080
#
# Environment:
#   DURATION=60s          how long each concurrency level runs (wrk -d)
#   CONCURRENCY="1 8 32"  open connections, one level after another
#   WARMUP=5s             a run at the highest level first, not reported
#   QUESTIONS=bench/questions.txt   one question a line, sent in turn; K=5, MODE=hybrid
#   LECTERN_PID=          the service's process id for RSS; default: whatever listens on the URL's port
#
# Prints, per level: requests/s, p50/p99/max latency (ms), socket errors, answers other than 200, and the
# service's resident memory (ps RSS, sampled every second: the maximum during the run).
# Needs wrk (Debian: apt-get install wrk).
set -euo pipefail
cd "$(dirname "$0")/.."
url=${1:-http://127.0.0.1:8080}
case "$url" in
  http://127.0.0.1*|http://localhost*|http://\[::1\]*) ;;
  *) echo "load.sh only loads this machine (loopback); got $url" >&2; exit 2 ;;
esac
duration=${DURATION:-60s}
levels=${CONCURRENCY:-1 8 32}
export QUESTIONS=${QUESTIONS:-bench/questions.txt}
port=${url##*:}; port=${port%%/*}
pid=${LECTERN_PID:-$(ss -Hltnp "sport = :$port" | sed -n 's/.*pid=\([0-9]*\).*/\1/p' | head -1)}
[ -n "$pid" ] || { echo "nothing listens on port $port; start Lectern first" >&2; exit 1; }

curl -fsS "$url/api/info"; echo
max_level=$(echo $levels | tr ' ' '\n' | sort -n | tail -1)
if [ "${WARMUP:-5s}" != "0" ]; then
  wrk -t"$(( max_level < 2 ? 1 : 2 ))" -c"$max_level" -d"${WARMUP:-5s}" -s bench/${SCRIPT:-search.lua} "$url" > /dev/null
fi

printf '%-5s %9s %9s %9s %9s %8s %8s %9s\n' conc req/s p50_ms p99_ms max_ms sockerr non200 rss_MiB
for c in $levels; do
  t=$(( c < 2 ? 1 : 2 ))
  rss_file=$(mktemp)
  ( while kill -0 "$pid" 2>/dev/null; do ps -o rss= -p "$pid" >> "$rss_file"; sleep 1; done ) &
  sampler=$!
  line=$(wrk -t"$t" -c"$c" -d"$duration" --timeout 10s -s bench/${SCRIPT:-search.lua} "$url" | grep '^RESULT')
  kill "$sampler" 2>/dev/null || true
  rss=$(sort -n "$rss_file" | tail -1); rm -f "$rss_file"
  eval "$(echo "${line#RESULT }" | tr ' ' '\n' | sed 's/^/r_/')"
  printf '%-5s %9s %9s %9s %9s %8s %8s %9s\n' "$c" "$r_rps" "$r_p50_ms" "$r_p99_ms" "$r_max_ms" \
    "$r_socket_errors" "$r_non_200" "$(( ${rss:-0} / 1024 ))"
done
