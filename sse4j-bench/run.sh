#!/usr/bin/env bash
# Builds and runs the sse4j parser benchmarks, then prints a Markdown table of MB/s and events/s.
#
#   sse4j-bench/run.sh [--short | --full] [--no-build] [--jars main,okhttp4] [--out DIR] [-- JMH options]
#
#   --short      1 fork, 2 x 1 s warmup, 3 x 1 s measurement: a smoke run, a few minutes on 2 cores
#   --full       the settings in the benchmark classes (default): 2 forks, 5 x 2 s warmup,
#                5 x 2 s measurement; about 20 minutes on 2 cores
#   --no-build   use the jars already in sse4j-bench/*/target
#   --jars       which benchmark jars to run: main (sse4j, okhttp-sse 5, Spring WebFlux),
#                okhttp4 (LaunchDarkly okhttp-eventsource on OkHttp 4); default both
#   --out DIR    where to put the CSV, logs, environment and table, relative to the repository
#                root (default sse4j-bench/target/results/MODE-TIMESTAMP)
#   -- ...       passed to JMH as is, e.g. -- -p workload=llm -prof gc
#
# The build never installs anything: it packages the two shaded jars in place. Each jar is its own
# classpath (one OkHttp major each), and JMH runs every benchmark in a forked JVM.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
cd "$here/.."

mode=full
build=true
jars=main,okhttp4
out=
jmh_args=()
while (($#)); do
  case "$1" in
    --short) mode=short ;;
    --full) mode=full ;;
    --no-build) build=false ;;
    --jars) jars="$2"; shift ;;
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
  short) settings=(-f 1 -wi 2 -w 1s -i 3 -r 1s) ;;
  full) settings=() ;;
esac

if $build; then
  echo "== building benchmark jars (mvn package, no install)"
  mvn -B -q package -pl sse4j-bench/jmh,sse4j-bench/jmh-okhttp4 -am -DskipTests
fi

mkdir -p "$out"
{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet 2>/dev/null || echo ' (dirty)')"
  echo "mode: $mode ${settings[*]} ${jmh_args[*]}"
  echo "cores: $(nproc)"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ //')"
  echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)"
  "$java" -version 2>&1
} > "$out/environment.txt"

run() { # name jar
  echo "== $1: $2"
  # -foe: a harness that fails its event-count check stops the run instead of vanishing from the table.
  # The host JVM's locale decides the CSV number format; ResultsTable reads the ROOT one.
  "$java" -Duser.language=en -Duser.country=US -jar "$2" 'io.sse4j.bench.parse.' \
    "${settings[@]}" -foe true -rf csv -rff "$out/$1.csv" "${jmh_args[@]}" 2>&1 | tee "$out/$1.log"
}

IFS=, read -r -a selected <<< "$jars"
csvs=()
for jar in "${selected[@]}"; do
  case "$jar" in
    main) run main "$main_jar"; csvs+=("$out/main.csv") ;;
    okhttp4) run okhttp4 "$okhttp4_jar"; csvs+=("$out/okhttp4.csv") ;;
    *) echo "run.sh: unknown jar $jar (main, okhttp4)" >&2; exit 2 ;;
  esac
done

"$java" -cp "$main_jar" io.sse4j.bench.ResultsTable "${csvs[@]}" > "$out/table.md"
echo
echo "== results ($mode) in $out"
cat "$out/environment.txt"
echo
cat "$out/table.md"
