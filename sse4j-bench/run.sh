#!/usr/bin/env bash
# Builds and runs the sse4j benchmarks, then prints Markdown tables of the results.
#
#   sse4j-bench/run.sh [--short | --full] [--parts parse,e2e,latency,scale,storm] [--no-build]
#                      [--jars main,okhttp4] [--streams 100,1000,10000] [--storm-streams N]
#                      [--storm-outage-ms 500,1500] [--out DIR] [-- JMH options]
#
#   --short      a smoke run: JMH 1 fork, 2 x 1 s warmup, 3 x 1 s measurement; latency over 5,000
#                paced events, one round; scale with 100 and 1,000 streams. On 2 cores about
#                4 minutes for parse and 4 minutes for e2e, latency and scale together.
#   --full       the settings in the benchmark classes (default): JMH 2 forks, 5 x 2 s warmup,
#                5 x 2 s measurement; latency over 10,000 paced events in each of 3 rounds; scale
#                with 100, 1,000 and 10,000 streams. On 2 cores about 20 minutes for parse, 9 for
#                e2e, 6 for latency and 4 for scale.
#   --parts      which parts to run (default parse, e2e, latency and scale; storm only when named):
#                  parse    parser throughput, JMH (io.sse4j.bench.parse)
#                  e2e      end to end over loopback HTTP, JMH throughput (io.sse4j.bench.e2e)
#                  latency  delivery latency, LatencyMain: one JVM per library and round, every
#                           library once per round, so that a burst of load from elsewhere hits
#                           one round of a library rather than all of it
#                  scale    concurrent idle streams, heap and threads: ScaleMain, one JVM per
#                           library and count, against an IdleServer in a process of its own
#                  storm    the reconnect storm (#14): StormMain, N EventSources on one HttpClient with
#                           a 2-thread fixed executor, against a StormServer (its own process) that
#                           resets every connection and is down for a while; once per outage. N is
#                           1,000 in --short, 10,000 in --full; about 1 minute per outage at 10,000
#   --no-build   use the jars already in sse4j-bench/*/target
#   --jars       which benchmark jars to run: main (sse4j, okhttp-sse 5, Spring WebFlux),
#                okhttp4 (LaunchDarkly okhttp-eventsource on OkHttp 4); default both
#   --streams    the stream counts of the scale part, overriding the mode's
#   --storm-streams N     the sources of the storm part, overriding the mode's
#   --storm-outage-ms LIST  how long the storm's server is down, one run each (default 500,1500:
#                shorter than the backoff base of 1 s, and longer)
#   --out DIR    where to put the CSV, logs, environment and tables, relative to the repository
#                root (default sse4j-bench/target/results/MODE-TIMESTAMP)
#   -- ...       passed to every JMH run as is, e.g. -- -p workload=llm -prof gc
#
# The build never installs anything: it packages the two shaded jars in place. Each jar is its own
# classpath (one OkHttp major each), and JMH runs every benchmark in a forked JVM. Every run is
# bounded in time; the scale part's server processes are stopped by their process ids at the end.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
cd "$here/.."

mode=full
build=true
jars=main,okhttp4
parts=parse,e2e,latency,scale
streams=
storm_streams=
storm_outages=500,1500
out=
jmh_args=()
while (($#)); do
  case "$1" in
    --short) mode=short ;;
    --full) mode=full ;;
    --no-build) build=false ;;
    --jars) jars="$2"; shift ;;
    --parts) parts="$2"; shift ;;
    --streams) streams="$2"; shift ;;
    --storm-streams) storm_streams="$2"; shift ;;
    --storm-outage-ms) storm_outages="$2"; shift ;;
    --out) out="$2"; shift ;;
    --) shift; jmh_args=("$@"); break ;;
    -h | --help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$here/run.sh"; exit 0 ;;
    *) echo "run.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
main_jar=sse4j-bench/jmh/target/benchmarks.jar
okhttp4_jar=sse4j-bench/jmh-okhttp4/target/benchmarks-okhttp4.jar
out="${out:-sse4j-bench/target/results/$mode-$(date +%Y%m%d-%H%M%S)}"

case "$mode" in
  short)
    settings=(-f 1 -wi 2 -w 1s -i 3 -r 1s)
    latency_settings=(--events 5000 --warmup 1000 --jit-passes 2)
    latency_rounds=1
    streams="${streams:-100,1000}"
    storm_streams="${storm_streams:-1000}"
    ;;
  full)
    settings=()
    latency_settings=(--events 10000 --warmup 2000 --jit-passes 5)
    latency_rounds=3
    streams="${streams:-100,1000,10000}"
    storm_streams="${storm_streams:-10000}"
    ;;
esac

IFS=, read -r -a selected_jars <<< "$jars"
IFS=, read -r -a selected_parts <<< "$parts"
IFS=, read -r -a stream_counts <<< "$streams"
for jar in "${selected_jars[@]}"; do
  case "$jar" in main | okhttp4) ;; *) echo "run.sh: unknown jar $jar (main, okhttp4)" >&2; exit 2 ;; esac
done
for part in "${selected_parts[@]}"; do
  case "$part" in parse | e2e | latency | scale | storm) ;; *) echo "run.sh: unknown part $part (parse, e2e, latency, scale, storm)" >&2; exit 2 ;; esac
done
selected() { [[ ",$parts," == *",$1,"* ]]; }
jar_of() { case "$1" in main) echo "$main_jar" ;; okhttp4) echo "$okhttp4_jar" ;; esac; }
load() { cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown; }

if $build; then
  echo "== building benchmark jars (mvn package, no install)"
  mvn -B -q package -pl sse4j-bench/jmh,sse4j-bench/jmh-okhttp4 -am -DskipTests
fi

mkdir -p "$out"
{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet 2>/dev/null || echo ' (dirty)')"
  echo "mode: $mode, parts $parts, jars $jars; JMH ${settings[*]} ${jmh_args[*]}"
  echo "cores: $(nproc)"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ //')"
  echo "memory: $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo 2>/dev/null)"
  echo "open files limit: soft $(ulimit -Sn), hard $(ulimit -Hn)"
  echo "load average at start: $(load)"
  "$java" -version 2>&1
} > "$out/environment.txt"

jmh() { # name jar include-regex
  echo "== $1: $2 $3 (load $(load))"
  echo "load average before $1: $(load)" >> "$out/environment.txt"
  # -foe: a harness that fails its event-count check stops the run instead of vanishing from the table.
  # The host JVM's locale decides the CSV number format; the tables read the ROOT one.
  "$java" -Duser.language=en -Duser.country=US -jar "$2" "$3" \
    "${settings[@]}" -foe true -rf csv -rff "$out/$1.csv" "${jmh_args[@]}" 2>&1 | tee "$out/$1.log"
  echo "load average after $1: $(load)" >> "$out/environment.txt"
}

# ---- parse: parser throughput ----
if selected parse; then
  csvs=()
  for jar in "${selected_jars[@]}"; do
    jmh "$jar" "$(jar_of "$jar")" 'io.sse4j.bench.parse.'
    csvs+=("$out/$jar.csv")
  done
  "$java" -cp "$main_jar" io.sse4j.bench.ResultsTable "${csvs[@]}" > "$out/table.md"
fi

# ---- e2e: throughput over loopback HTTP ----
if selected e2e; then
  for jar in "${selected_jars[@]}"; do
    jmh "e2e-$jar" "$(jar_of "$jar")" 'io.sse4j.bench.e2e.'
  done
fi

# ---- latency: server write to callback, every library once per round, rounds interleaved ----
if selected latency; then
  : > "$out/latency.txt"
  for round in $(seq "$latency_rounds"); do
    for jar in "${selected_jars[@]}"; do
      for library in $("$java" -cp "$(jar_of "$jar")" io.sse4j.bench.e2e.LatencyMain --list); do
        echo "== latency round $round of $latency_rounds: $library (load $(load))"
        timeout 600 "$java" -Xms1g -Xmx1g -cp "$(jar_of "$jar")" io.sse4j.bench.e2e.LatencyMain \
          --library "$library" "${latency_settings[@]}" 2>&1 | tee -a "$out/latency.log" | grep '^RESULT' | tee -a "$out/latency.txt" \
          || echo "== latency: $library (round $round) FAILED, see $out/latency.log" | tee -a "$out/failures.txt"
      done
    done
  done
fi

if selected e2e || selected latency; then
  e2e_files=()
  for file in "$out"/e2e-*.csv "$out/latency.txt"; do
    [[ -f "$file" ]] && e2e_files+=("$file")
  done
  "$java" -cp "$main_jar" io.sse4j.bench.StreamResultsTable "${e2e_files[@]}" > "$out/e2e.md"
fi

# ---- scale: many idle streams, server in its own process ----
server_pid=
stop_server() {
  if [[ -n "$server_pid" ]]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=
  fi
}
trap stop_server EXIT

if selected scale; then
  : > "$out/scale.txt"
  for n in "${stream_counts[@]}"; do
    # Each side holds n sockets, plus the JVM's own files.
    need=$((n + 1000))
    if (($(ulimit -Sn) < need)); then
      ulimit -Sn "$(ulimit -Hn)" 2>/dev/null || true
    fi
    if (($(ulimit -Sn) < need)); then
      echo "== scale: skipping $n streams: needs $need open files per process, the limit is $(ulimit -Sn)" | tee -a "$out/scale.log"
      continue
    fi
    for jar in "${selected_jars[@]}"; do
      for library in $("$java" -cp "$(jar_of "$jar")" io.sse4j.bench.scale.ScaleMain --list); do
        echo "== scale: $library, $n streams (load $(load))"
        "$java" -Xmx512m -cp "$main_jar" io.sse4j.bench.server.IdleServer \
          --max-connections $((n + 100)) --max-seconds 900 > "$out/idle-server.log" 2>&1 &
        server_pid=$!
        port=
        for _ in $(seq 100); do
          port="$(sed -n 's/^port=//p' "$out/idle-server.log")"
          [[ -n "$port" ]] && break
          sleep 0.1
        done
        if [[ -z "$port" ]]; then
          echo "run.sh: the idle server did not start" >&2
          cat "$out/idle-server.log" >&2
          exit 1
        fi
        timeout 600 "$java" -Xmx1g -cp "$(jar_of "$jar")" io.sse4j.bench.scale.ScaleMain \
          --library "$library" --streams "$n" --url "http://127.0.0.1:$port/idle" 2>&1 \
          | tee -a "$out/scale.log" | grep '^RESULT' | tee -a "$out/scale.txt" \
          || echo "== scale: $library, $n streams FAILED, see $out/scale.log" | tee -a "$out/failures.txt"
        stop_server
        sed 's/^/  idle server: /' "$out/idle-server.log" >> "$out/scale.log"
      done
    done
  done
  "$java" -cp "$main_jar" io.sse4j.bench.StreamResultsTable "$out/scale.txt" > "$out/scale.md"
fi

# ---- storm: N EventSources through a server restart; the server is the harness's child process ----
if selected storm; then
  : > "$out/storm.txt"
  # The client holds N sockets (the server, in its own process, as many), plus the JVM's own files.
  need=$((storm_streams + 1000))
  if (($(ulimit -Sn) < need)); then
    ulimit -Sn "$(ulimit -Hn)" 2>/dev/null || true
  fi
  echo "== storm: open files limit soft $(ulimit -Sn), hard $(ulimit -Hn); needs $need per process" | tee -a "$out/storm.log"
  if (($(ulimit -Sn) < need)); then
    echo "== storm: skipped: $storm_streams sources need $need open files per process, the limit is $(ulimit -Sn)" \
      | tee -a "$out/storm.log" "$out/failures.txt"
  else
    IFS=, read -r -a storm_outage_list <<< "$storm_outages"
    for outage in "${storm_outage_list[@]}"; do
      echo "== storm: $storm_streams sources, outage $outage ms (load $(load))"
      # StormMain exits 1 on a failed check; the message is in its FAILED lines.
      timeout 900 "$java" -Xmx1g -cp "$main_jar" io.sse4j.bench.storm.StormMain \
        --streams "$storm_streams" --outage-ms "$outage" 2>&1 \
        | tee -a "$out/storm.log" | grep -E '^(RESULT|BINS|TARGET|FAILED)' | tee -a "$out/storm.txt" \
        || echo "== storm: $storm_streams sources, outage $outage ms FAILED, see $out/storm.log" | tee -a "$out/failures.txt"
    done
  fi
fi

echo
echo "== results ($mode) in $out"
echo "load average at the end: $(load)" >> "$out/environment.txt"
cat "$out/environment.txt"
for file in table.md e2e.md scale.md storm.txt failures.txt; do
  if [[ -f "$out/$file" ]]; then
    echo
    cat "$out/$file"
  fi
done
