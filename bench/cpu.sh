#!/usr/bin/env bash
# CPU time per /api/search request against the bare model's CPU per question, measured in one run, alternating
# (docs/performance.md). CPU time is far less disturbed than latency by whatever else runs on the machine, so the
# ratio can be compared across machines and days; latency figures are printed beside it for the latency targets.
#
#   bench/cpu.sh [extra java options for Lectern...]     e.g. RAW_SPINNING=true bench/cpu.sh -Dlectern.embedding.spinning=true
#
# Starts target/quarkus-app/quarkus-run.jar on a fresh data directory (the default lecture is indexed) on
# 127.0.0.1:PORT with the question cache off, loads it for WARMUP seconds at each level (not reported), then, ROUNDS times, for
# each level of CONCURRENCY: the bare model (bench RawCpu: raw ONNX Runtime on the same questions, with the thread
# settings Lectern uses at that level) for RAW_SECONDS, then /api/search with wrk for DURATION seconds. After the
# last round the bare model is measured once more, and each Lectern figure is divided by the mean of the bare
# figures just before and just after it.
#
# Lectern's CPU comes from /proc/<pid>/task/<tid>/schedstat (nanoseconds on the CPU, per thread) read just before
# and just after each wrk run, grouped by thread: onnx (ONNX Runtime's own threads: native threads the JVM does
# not know, from jcmd Thread.print), request (Quarkus worker threads: Java work of requests, and the whole of a
# one-thread inference call, which runs on the calling thread), eventloop (Vert.x I/O), jit (C1/C2 compilers), gc
# (G1), other (VM thread, timers, ...). "total" is the process's CPU from /proc/<pid>/stat (all threads, ended
# ones included), divided by the requests wrk completed. The bare model's figure counts its calling threads and
# ONNX Runtime's threads only (tokenisation, inference, pooling: nothing of its harness).
#
# Environment: PORT=18080, ROUNDS=3, DURATION=20, RAW_SECONDS=10, WARMUP=15, CONCURRENCY="1 32", K=5,
# MODE=hybrid, QUESTIONS=bench/questions.txt. RAW_QUERY_THREADS (default min(2, cores)) and RAW_SPINNING
# (default false) must match Lectern's lectern.embedding.query-intra-op-threads and lectern.embedding.spinning
# when those are changed. Needs wrk (Debian: apt-get install wrk), jcmd (the JDK)
# and a compiled bench profile (./mvnw -B -Pbench compile) beside the packaged application (./mvnw -B package).
set -euo pipefail
cd "$(dirname "$0")/.."
port=${PORT:-18080}
rounds=${ROUNDS:-3}
duration=${DURATION:-20}
raw_seconds=${RAW_SECONDS:-10}
levels=${CONCURRENCY:-1 32}
cores=$(nproc)
raw_query_threads=${RAW_QUERY_THREADS:-$(( cores < 2 ? cores : 2 ))}
raw_spinning=${RAW_SPINNING:-false}
export QUESTIONS=${QUESTIONS:-bench/questions.txt}
url=http://127.0.0.1:$port

[ -f target/quarkus-app/quarkus-run.jar ] || { echo "build first: ./mvnw -B package -DskipTests" >&2; exit 1; }
[ -d target/bench/classes ] || { echo "compile the benchmarks first: ./mvnw -B -Pbench compile" >&2; exit 1; }
[ -f target/bench/classpath.txt ] \
  || ./mvnw -B -q -Pbench dependency:build-classpath -Dmdep.outputFile=target/bench/classpath.txt > /dev/null
raw_cp=target/bench/classes:$(cat target/bench/classpath.txt)

work=$(mktemp -d)
pid=
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

start=$(date +%s%N)
java "$@" -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$port" -Dlectern.data-dir="$work/data" \
  -Dlectern.embedding.query-cache-size=0 -jar target/quarkus-app/quarkus-run.jar > "$work/lectern.log" 2>&1 &
pid=$!
until curl -fs "$url/q/health/ready" > /dev/null 2>&1; do
  kill -0 "$pid" 2>/dev/null || { echo "Lectern exited; its log:" >&2; tail -20 "$work/lectern.log" >&2; exit 1; }
  sleep 0.05
done
echo "Lectern ready in $(( ($(date +%s%N) - start) / 1000000 )) ms (pid $pid, $cores cores); $(curl -fsS "$url/api/info")"

# Thread id, CPU nanoseconds, name of every thread of process $1.
snapshot() {
  local t ns rest name
  for t in /proc/"$1"/task/*; do
    { read -r ns rest < "$t/schedstat" && read -r name < "$t/comm"; } 2> /dev/null || continue
    printf '%s %s %s\n' "${t##*/}" "$ns" "${name// /_}"
  done
}
# CPU of the whole process $1 (all threads, ended ones included), nanoseconds.
process_cpu() {
  local stat
  stat=$(< /proc/"$1"/stat)
  echo "${stat##*) }" | awk '{ printf "%.0f\n", ($12 + $13) * 10000000 }'
}
# Busy and total jiffies of the whole machine.
machine() { awk '/^cpu / { printf "%.0f %.0f\n", $2 + $3 + $4 + $7 + $8 + $9, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9 }' /proc/stat; }
# Native thread ids of the JVM's own threads (Java threads, compiler, GC and VM threads).
java_tids() {
  jcmd "$1" Thread.print 2> /dev/null | sed -n 's/.* nid=\(0x[0-9a-f]*\).*/\1/p' | while read -r nid; do
    echo $(( nid ))
  done
}
# Children's user+system CPU of this shell so far, nanoseconds, from a file bash's times builtin wrote (times must
# run in the shell that waits for the child, not in a command substitution's subshell).
children_cpu() {
  tail -1 "$1" | awk '{ s = 0; for (i = 1; i <= 2; i++) { split($i, a, /[ms]/); s += a[1] * 60 + a[2] }
    printf "%.0f\n", s * 1e9 }'
}

raw() { # $1 = concurrency level
  local callers intra spinning
  if [ "$1" -le 1 ]; then callers=1 intra=$raw_query_threads spinning=$raw_spinning
  else callers=$(( $1 < cores ? $1 : cores )) intra=1 spinning=$raw_spinning
  fi
  java -Djava.util.logging.manager=org.jboss.logmanager.LogManager -Xmx512m -cp "$raw_cp" dev.lectern.bench.RawCpu \
    callers="$callers" intra-op="$intra" spinning="$spinning" seconds="$raw_seconds" warmup-seconds=3 \
    questions="$QUESTIONS" 2>&1 | grep '^RESULT' | sed 's/^RESULT //'
}

http() { # $1 = concurrency level; prints key=value pairs
  local c=$1 threads wrk_before wrk_after process_before process_after busy_before total_before busy_after total_after
  threads=$(( c < 2 ? 1 : 2 ))
  snapshot "$pid" > "$work/before"
  process_before=$(process_cpu "$pid")
  read -r busy_before total_before <<< "$(machine)"
  times > "$work/times_before"
  wrk -t"$threads" -c"$c" -d"${duration}s" --timeout 10s -s bench/search.lua "$url" > "$work/wrk.out"
  times > "$work/times_after"
  read -r busy_after total_after <<< "$(machine)"
  process_after=$(process_cpu "$pid")
  snapshot "$pid" > "$work/after"
  java_tids "$pid" > "$work/java_tids"
  wrk_before=$(children_cpu "$work/times_before")
  wrk_after=$(children_cpu "$work/times_after")
  grep '^RESULT' "$work/wrk.out" | sed 's/^RESULT //' | tr '\n' ' '
  awk -v pid="$pid" -v total=$(( process_after - process_before )) -v wrk=$(( wrk_after - wrk_before )) \
      -v busy=$(( busy_after - busy_before )) -v all=$(( total_after - total_before )) -v cores="$cores" \
      -v requests="$(sed -n 's/^RESULT requests=\([0-9]*\).*/\1/p' "$work/wrk.out")" '
    FILENAME ~ /java_tids$/ { java[$1] = 1; next }
    FILENAME ~ /before$/ { before[$1] = $2; next }
    {
      used = $2 - before[$1]; name = $3
      if (!($1 in java) && $1 != pid) group = "onnx"
      else if (name ~ /^executor-thread/ || name ~ /^lectern-embed/) group = "request"
      else if (name ~ /^vert\.x-(eventloo|acceptor)/) group = "eventloop"
      else if (name ~ /^C[12]_CompilerThre/) group = "jit"
      else if (name ~ /^(GC_Thread|G1_)/) group = "gc"
      else group = "other"
      cpu[group] += used; threads_sum += used
    }
    END {
      n = requests > 0 ? requests : 1
      printf "cpu_ms=%.3f", total / n / 1e6
      split("onnx request eventloop jit gc other", order, " ")
      for (i = 1; i <= 6; i++) printf " %s_ms=%.3f", order[i], cpu[order[i]] / n / 1e6
      # Machine-wide CPU of everything but Lectern and wrk, in cores: other load during the run.
      printf " wrk_ms=%.3f others_cores=%.2f\n", wrk / n / 1e6, (busy * 1e7 - total - wrk) / (all * 1e7 / cores)
    }' "$work/java_tids" "$work/before" "$work/after"
}

# Warm-up at every level in turn: a question alone and questions side by side take different code paths (two
# embedding sessions), and a path the JIT compiled for one only is compiled again when the other comes.
# The JIT compiler's CPU during the warm-up is printed apart: it is spent once, not per request for ever.
if [ "${WARMUP:-15}" != 0 ]; then
  snapshot "$pid" > "$work/warmup_before"
  warm_requests=0
  for c in $levels; do
    wrk -t"$(( c < 2 ? 1 : 2 ))" -c"$c" -d"${WARMUP:-15}s" --timeout 10s -s bench/search.lua "$url" > "$work/wrk.out"
    warm_requests=$(( warm_requests + $(sed -n 's/^RESULT requests=\([0-9]*\).*/\1/p' "$work/wrk.out") ))
  done
  snapshot "$pid" > "$work/warmup_after"
  awk -v n="$warm_requests" 'FILENAME ~ /before$/ { before[$1] = $2; next }
    { used = $2 - before[$1]; all += used; if ($3 ~ /^C[12]_CompilerThre/) jit += used }
    END { printf "warm-up: %d requests, Lectern CPU %.1f s, of which JIT compilers %.1f s (%.2f ms per request)\n",
      n, all / 1e9, jit / 1e9, jit / n / 1e6 }' "$work/warmup_before" "$work/warmup_after"
fi

# key=value pairs → value of key $2 in line $1
get() { echo "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"; }

declare -A raw_line ratios ratios_nojit
results=()
for c in $levels; do raw_line[0,$c]=$(raw "$c"); done
for round in $(seq "$rounds"); do
  for c in $levels; do
    results+=("$round $c $(http "$c")")
    raw_line[$round,$c]=$(raw "$c")
  done
done

echo
echo "bare model (raw ONNX Runtime, same questions, Lectern's thread settings):"
for c in $levels; do
  for round in $(seq 0 "$rounds"); do echo "  c=$c after round $round: ${raw_line[$round,$c]}"; done
done
echo
printf '%-5s %-4s %8s %8s %8s %8s | %7s %7s %7s %7s %7s %7s %7s | %7s %7s %6s | %6s %6s\n' \
  round conc req/s p50_ms p99_ms errors cpu_ms onnx request evloop jit gc other raw_ms ratio lat_ok wrk_ms others
for line in "${results[@]}"; do
  read -r round c rest <<< "$line"
  before=${raw_line[$((round - 1)),$c]}; after=${raw_line[$round,$c]}
  raw_cpu=$(awk -v a="$(get "$before" model_cpu_ms)" -v b="$(get "$after" model_cpu_ms)" 'BEGIN { printf "%.3f", (a + b) / 2 }')
  raw_p50=$(awk -v a="$(get "$before" p50_ms)" -v b="$(get "$after" p50_ms)" 'BEGIN { printf "%.3f", (a + b) / 2 }')
  cpu=$(get "$rest" cpu_ms); p50=$(get "$rest" p50_ms); p99=$(get "$rest" p99_ms)
  ratio=$(awk -v a="$cpu" -v b="$raw_cpu" 'BEGIN { printf "%.2f", a / b }')
  ratio_nojit=$(awk -v a="$cpu" -v j="$(get "$rest" jit_ms)" -v b="$raw_cpu" 'BEGIN { printf "%.2f", (a - j) / b }')
  ratios[$c]+="$ratio "; ratios_nojit[$c]+="$ratio_nojit "
  # c=1: p50 <= 1.5 x bare query embedding p50 + 2 ms; higher levels: p99 <= 10 x p50.
  if [ "$c" -le 1 ]; then ok=$(awk -v p="$p50" -v r="$raw_p50" 'BEGIN { print (p <= 1.5 * r + 2) ? "yes" : "no" }')
  else ok=$(awk -v p="$p50" -v q="$p99" 'BEGIN { print (q <= 10 * p) ? "yes" : "no" }'); fi
  printf '%-5s %-4s %8s %8s %8s %8s | %7s %7s %7s %7s %7s %7s %7s | %7s %7s %6s | %6s %6s\n' \
    "$round" "$c" "$(get "$rest" rps)" "$p50" "$p99" "$(get "$rest" socket_errors)/$(get "$rest" non_200)" \
    "$cpu" "$(get "$rest" onnx_ms)" "$(get "$rest" request_ms)" "$(get "$rest" eventloop_ms)" "$(get "$rest" jit_ms)" \
    "$(get "$rest" gc_ms)" "$(get "$rest" other_ms)" "$raw_cpu" "$ratio" "$ok" "$(get "$rest" wrk_ms)" \
    "$(get "$rest" others_cores)"
done
echo
# The machine's speed drifts within a minute, and a round's bare figures (just before and after it) follow the
# drift only roughly: the median over many short rounds is the figure to report, with its range.
median() { tr ' ' '\n' | grep . | sort -n | awk '{ v[NR] = $1 } END {
  m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
  printf "%.2f (%.2f-%.2f over %d rounds)", m, v[1], v[NR], NR }'; }
for c in $levels; do
  echo "c=$c: ratio median $(echo "${ratios[$c]}" | median); without the JIT compilers' CPU $(echo "${ratios_nojit[$c]}" | median)"
done
echo
echo "cpu_ms: Lectern's CPU per request, all threads (onnx..other: by thread group); raw_ms: the bare model's CPU"
echo "per question, mean of the runs just before and after; ratio = cpu_ms / raw_ms. lat_ok: c=1 p50 <= 1.5 x bare"
echo "p50 + 2 ms (bare p50: mean of the same two runs), else p99 <= 10 x p50. wrk_ms: the load generator's CPU per"
echo "request; others: cores' worth of CPU used by everything else on the machine during the run."
