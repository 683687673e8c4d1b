#!/usr/bin/env bash
# Chaos check for Lectern on a Qdrant cluster: writes and searches under load while a Qdrant peer and a Lectern
# replica restart, then checks that no acknowledged lecture is missing, none is half-visible, and no collection
# leaked. Needs Docker (compose v2), curl and jq; run from anywhere. Talks only to the compose services.
#
#   deploy/chaos/run.sh                 # build, run, check, tear down
#   LECTURES=60 PEER=qdrant-0 KEEP=1 deploy/chaos/run.sh
#
# LECTURES  lectures written (each once, a third of them twice)       default 40
# PEER      the Qdrant peer restarted mid-run                         default qdrant-2
# REPLICA   the Lectern replica restarted mid-run                     default lectern-b
# SKIP_BUILD=1  use target/quarkus-app as it is; KEEP=1  leave the cluster running afterwards
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
COMPOSE=(docker compose -f "$ROOT/deploy/chaos/docker-compose.yml" -p lectern-chaos)
LECTURES=${LECTURES:-40}
PEER=${PEER:-qdrant-2}
REPLICA=${REPLICA:-lectern-b}
KEY=chaos-key
A=http://localhost:18081
B=http://localhost:18082
QDRANT=http://localhost:16333
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"; if [ "${KEEP:-0}" != 1 ]; then "${COMPOSE[@]}" down -v >/dev/null 2>&1 || true; fi' EXIT

for tool in docker curl jq; do
  command -v "$tool" >/dev/null || { echo "needs $tool" >&2; exit 2; }
done

log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*"; }

await_ready() { # url, seconds
  local deadline=$((SECONDS + $2))
  until curl -fs -o /dev/null "$1/q/health/ready"; do
    [ $SECONDS -lt $deadline ] || { echo "$1 not ready after $2 s" >&2; return 1; }
    sleep 2
  done
}

# A lecture of 48 five-second cues (4 minutes). Every cue says the version's marker and a common word, so a
# keyword search finds every passage, and each passage tells which version it belongs to.
transcript() { # id, version
  local marker="mark${1//[^a-z0-9]/}v$2" i start end
  for i in $(seq 0 47); do
    start=$((i * 5)); end=$((start + 5))
    printf '[00:%02d:%02d.000 --> 00:%02d:%02d.000]   chaoscommon %s sentence %d about eigenvalues of %s\n' \
      $((start / 60)) $((start % 60)) $((end / 60)) $((end % 60)) "$marker" "$i" "$marker"
  done
}

put() { # base, id, version -> prints the HTTP status (000 when no answer)
  transcript "$2" "$3" | curl -s -o /dev/null -w '%{http_code}' -X PUT --max-time 120 \
    -H "Authorization: Bearer $KEY" -H 'Content-Type: text/plain' --data-binary @- \
    "$1/api/lectures/$2?title=Chaos+$2" || true
}

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  log "building Lectern"
  (cd "$ROOT" && ./mvnw -B -q package -DskipTests)
fi
log "starting 3 Qdrant peers and 2 Lectern replicas"
"${COMPOSE[@]}" up -d --build
await_ready "$A" 600
await_ready "$B" 600

# Writers: lecture i goes to replica A or B by parity; a third are written a second time (a re-ingest).
# Each attempt is logged: id, version, status. 200/201 is acknowledged; 503 or no answer (000) is unclear and
# repeated, as a client following Retry-After would, up to 10 times.
write() { # base, id, version, file
  local attempt status
  for attempt in $(seq 1 10); do
    status=$(put "$1" "$2" "$3")
    echo "$2 $3 $status" >>"$4"
    case "$status" in 200 | 201) return ;; 000 | 502 | 503) sleep 3 ;; *) return ;; esac
  done
}
writer() { # first, step, base, file
  local i
  for ((i = $1; i <= LECTURES; i += $2)); do
    write "$3" "chaos-$i" 1 "$4"
    if ((i % 3 == 0)); then
      write "$3" "chaos-$i" 2 "$4"
    fi
  done
}
searcher() { # base, file
  while [ ! -e "$WORK/stop" ]; do
    curl -s -o /dev/null -w '%{http_code}\n' --max-time 30 "$1/api/search?q=chaoscommon+eigenvalues&k=10" \
      >>"$2" || echo 000 >>"$2"
  done
}

log "writing $LECTURES lectures through both replicas while searching"
writer 1 2 "$A" "$WORK/writes-a" &
WA=$!
writer 2 2 "$B" "$WORK/writes-b" &
WB=$!
searcher "$A" "$WORK/searches" &
SA=$!
searcher "$B" "$WORK/searches" &
SB=$!

sleep 20
log "restarting Qdrant peer $PEER"
"${COMPOSE[@]}" restart "$PEER"
sleep 10
log "killing and restarting Lectern replica $REPLICA"
"${COMPOSE[@]}" kill -s KILL "$REPLICA"
sleep 5
"${COMPOSE[@]}" up -d "$REPLICA"

wait "$WA" "$WB" || true
touch "$WORK/stop"
wait "$SA" "$SB" || true
await_ready "$A" 300
await_ready "$B" 300
log "writes done; waiting 30 s for the cluster to settle"
sleep 30

cat "$WORK"/writes-* >"$WORK/writes"
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# 1. No acknowledged lecture is missing, on either replica; 2. none is half-visible: listed but unsearchable,
# or its passages from another version than its transcript.
for id in $(awk '{print $1}' "$WORK/writes" | sort -u); do
  acked=$(awk -v id="$id" '$1 == id && ($3 == 200 || $3 == 201) {v = $2} END {print v}' "$WORK/writes")
  possible=$(awk -v id="$id" '$1 == id && $3 != 400 && $3 != 401 && $3 != 409 {print $2}' "$WORK/writes" | sort -u)
  for base in "$A" "$B"; do
    code=$(curl -s -o /dev/null -w '%{http_code}' "$base/api/lectures/$id")
    if [ "$code" != 200 ]; then
      [ -n "$acked" ] && fail "$id acknowledged (version $acked) but $base answers $code"
      continue
    fi
    text=$(curl -fs "$base/api/lectures/$id/transcript?from=0&to=600" | jq -r .text)
    version=""
    for v in $possible; do
      grep -q "mark${id//[^a-z0-9]/}v$v" <<<"$text" && version=$v
    done
    [ -n "$version" ] || { fail "$id on $base has a transcript of no version written"; continue; }
    [ -z "$acked" ] || [ "$version" -ge "$acked" ] || fail "$id on $base shows version $version, older than acknowledged $acked"
    hits=$(curl -fs "$base/api/search?q=chaoscommon&mode=keyword&k=50&lecture=$id" | jq -r '.results[].text')
    [ -n "$hits" ] || { fail "$id is listed on $base but no search finds it"; continue; }
    other=$(grep -v -c "mark${id//[^a-z0-9]/}v$version" <<<"$hits" || true)
    [ "$other" = 0 ] || fail "$id on $base: $other passages not of version $version (a mix)"
  done
done

# The sample lecture both replicas seeded into the empty cluster at the same moment is there, once.
for base in "$A" "$B"; do
  curl -fs -o /dev/null "$base/api/lectures/cs25-ming-ding-multimodal-pretraining" \
    || fail "the sample lecture seeded at start is missing on $base"
done

# Writes are answered 2xx, or 503/no answer while something restarts; a 500 is a fault Lectern mishandled.
while read -r id version status; do
  case "$status" in 200 | 201 | 000 | 502 | 503) ;; *) fail "writing $id version $version answered $status" ;; esac
done <"$WORK/writes"

# 3. No collection leaked: exactly one Lectern collection, and the alias names it.
target=$(curl -fs "$QDRANT/aliases" | jq -r '.result.aliases[] | select(.alias_name == "lectern") | .collection_name')
mine=$(curl -fs "$QDRANT/collections" | jq -r '.result.collections[].name' | grep -E '^lectern-(e[0-9]+|[0-9a-f]{8})$' || true)
[ -n "$target" ] || fail "the alias 'lectern' names no collection"
[ "$mine" = "$target" ] || fail "collections under 'lectern': $(echo $mine) (alias names '$target')"

acked_count=$(awk '$3 == 200 || $3 == 201' "$WORK/writes" | wc -l)
unclear=$(awk '$3 != 200 && $3 != 201' "$WORK/writes" | wc -l)
searches=$(wc -l <"$WORK/searches")
search_failures=$(grep -vc '^200$' "$WORK/searches" || true)
log "writes: $acked_count acknowledged, $unclear not (503 or no answer, expected while $REPLICA was down)"
log "searches: $searches, $search_failures not 200"
if [ "$failures" -gt 0 ]; then
  log "$failures check(s) failed"
  exit 1
fi
log "every acknowledged lecture present and whole on both replicas; one collection behind the alias"
