#!/usr/bin/env bash
# Time to ready and resident memory at idle of the packaged service (docs/performance.md).
#
#   bench/startup.sh [extra java options...]      e.g. bench/startup.sh -XX:+UseSerialGC
#
# Starts target/quarkus-app/quarkus-run.jar twice on a fresh data directory (PORT, default 18080): first empty
# (the default lecture is indexed), then on the existing index. Time to ready = from launch to the first UP
# answer of /q/health/ready (polled every 50 ms); RSS = ps RSS 10 s after ready, with no requests.
#
# APPCDS=1 starts it with the class-data archive Quarkus writes when packaged with
# -Dquarkus.package.jar.appcds.enabled=true, from target/quarkus-app: the archive records the class path as it was
# when written (relative to that directory), and the JVM silently ignores an archive whose path does not match
# unless told -Xshare:on, which makes a mismatch fail instead of measuring a start without it.
set -euo pipefail
cd "$(dirname "$0")/.."
port=${PORT:-18080}
data=$(mktemp -d)
app=target/quarkus-app
jar=$app/quarkus-run.jar
if [ "${APPCDS:-0}" = 1 ]; then
  [ -f $app/app-cds.jsa ] || { echo "package with -Dquarkus.package.jar.appcds.enabled=true first" >&2; exit 1; }
  cd $app
  jar=quarkus-run.jar
  set -- -XX:SharedArchiveFile=app-cds.jsa -Xshare:on "$@"
fi
trap 'rm -rf "$data"' EXIT
run() {
  local label=$1; shift
  local start=$(date +%s%N)
  java "$@" -Dquarkus.http.port="$port" -Dlectern.data-dir="$data" -jar "$jar" \
    > "$data/$label.log" 2>&1 &
  local pid=$!
  until curl -fs "http://127.0.0.1:$port/q/health/ready" > /dev/null 2>&1; do
    kill -0 "$pid" 2>/dev/null || { echo "Lectern exited; see log:"; tail -20 "$data/$label.log"; exit 1; }
    sleep 0.05
  done
  local ready_ms=$(( ($(date +%s%N) - start) / 1000000 ))
  sleep 10
  local rss=$(ps -o rss= -p "$pid")
  printf '%-16s ready %6d ms   idle RSS %4d MiB\n' "$label" "$ready_ms" $(( rss / 1024 ))
  kill "$pid"; wait "$pid" 2>/dev/null || true
}
run empty-data-dir "$@"
run existing-index "$@"
