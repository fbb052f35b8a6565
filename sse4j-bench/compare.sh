#!/usr/bin/env bash
# Compares sse4j end to end across revisions in one run: throughput (JMH) and delivery latency
# (LatencyMain) of each consuming style, built from each revision, with the peers and the JDK-only
# baselines built from the working tree, all interleaved round by round.
#
#   sse4j-bench/compare.sh [--rev NAME=REV]... [--rounds N] [--latency-rounds N] [--gate SECONDS]
#                          [--out DIR] [--no-build]
#
#   --rev NAME=REV    also measure sse4j as of git revision REV, under NAME (repeatable); each is
#                     checked out with `git worktree add --detach` under $TMPDIR (or /tmp) and its
#                     benchmark jars packaged there (never installed). The working tree is "now".
#   --rounds N        JMH rounds (default 3): every throughput trial once per round
#   --latency-rounds N  latency rounds (default 3)
#   --gate SECONDS    before each trial, wait up to this long (default 90) for other processes to
#                     leave the CPUs idle: a 2 s mean of /proc/stat procs_running, less this script,
#                     of at most 1.0. 0 turns the wait off. What was waited is in every result line.
#   --out DIR         default sse4j-bench/target/results/compare-TIMESTAMP
#   --no-build        use the jars already built (in the worktrees and sse4j-bench/*/target)
#
# Each trial: JMH -f 1 -wi 3 -w 1s -i 5 -r 1s; each latency run: 5,000 paced events after 1,000
# warm-up, 2 JIT passes (run.sh --short). Rounds run the trials in one order, then reversed, so
# that drift in the machine's load falls on every variant alike. Writes results.txt (one line per
# trial), environment.txt and summary.md (median over the rounds, and each round's value).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
cd "$here/.."

revs=()
rounds=3
latency_rounds=3
gate_seconds=90
out=
build=true
while (($#)); do
  case "$1" in
    --rev) revs+=("$2"); shift ;;
    --rounds) rounds="$2"; shift ;;
    --latency-rounds) latency_rounds="$2"; shift ;;
    --gate) gate_seconds="$2"; shift ;;
    --out) out="$2"; shift ;;
    --no-build) build=false ;;
    -h | --help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$here/compare.sh"; exit 0 ;;
    *) echo "compare.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
out="${out:-sse4j-bench/target/results/compare-$(date +%Y%m%d-%H%M%S)}"
mkdir -p "$out"
jmh_settings=(-f 1 -wi 3 -w 1s -i 5 -r 1s)
latency_settings=(--events 5000 --warmup 1000 --jit-passes 2)

declare -A main_jar
main_jar[now]=sse4j-bench/jmh/target/benchmarks.jar
okhttp4_jar=sse4j-bench/jmh-okhttp4/target/benchmarks-okhttp4.jar
names=()
for spec in "${revs[@]}"; do
  name="${spec%%=*}"
  rev="${spec#*=}"
  tree="${TMPDIR:-/tmp}/sse4j-compare-$name"
  if $build; then
    if [[ ! -d "$tree" ]]; then
      git worktree add --detach "$tree" "$rev" > /dev/null
    fi
    git -C "$tree" checkout -q --detach "$rev"
    echo "== building $name ($rev) in $tree (mvn package, no install)"
    (cd "$tree" && mvn -B -q package -pl sse4j-bench/jmh -am -DskipTests)
  fi
  main_jar[$name]="$tree/sse4j-bench/jmh/target/benchmarks.jar"
  names+=("$name")
done
names+=(now)
if $build; then
  echo "== building the working tree (mvn package, no install)"
  mvn -B -q package -pl sse4j-bench/jmh,sse4j-bench/jmh-okhttp4 -am -DskipTests
fi

load() { cut -d' ' -f1-3 /proc/loadavg; }
# Waits for idle CPUs (see --gate); prints what it waited.
gate() {
  local start=$SECONDS busy
  while true; do
    busy=$(for _ in $(seq 20); do awk '/procs_running/ { print $2 - 1 }' /proc/stat; sleep 0.1; done \
      | awk '{ s += $1 } END { printf "%.2f", s / NR }')
    if ((gate_seconds == 0 || SECONDS - start >= gate_seconds)) || awk -v b="$busy" 'BEGIN { exit !(b <= 1.0) }'; then
      echo "waited=$((SECONDS - start))s busy=$busy"
      return
    fi
    sleep 3
  done
}
# The items in one order in odd rounds and reversed in even ones.
in_order() {
  local round=$1
  shift
  if ((round % 2 == 0)); then
    for ((i = $#; i >= 1; i--)); do echo "${!i}"; done
  else
    printf '%s\n' "$@"
  fi
}

# Throughput trials and latency runs: variant|jar|benchmark|parameter and variant|jar|library.
trials=()
runs=()
for name in "${names[@]}"; do
  for library in sse4j-listener sse4j-flow-unbounded sse4j-flow-one sse4j-blocking; do
    trials+=("$name|${main_jar[$name]}|E2eBenchmark|library=$library")
  done
  for library in sse4j-listener sse4j-flow-unbounded sse4j-blocking; do
    runs+=("$name|${main_jar[$name]}|$library")
  done
done
for library in sse4j-listener-direct sse4j-blocking-direct sse4j-listener-fixed2 jdk-only-subscriber jdk-only-queue jdk-only-inputstream okhttp-sse; do
  trials+=("now|${main_jar[now]}|E2eBenchmark|library=$library")
  runs+=("now|${main_jar[now]}|$library")
done
for library in launchdarkly-blocking launchdarkly-background; do
  trials+=("now|$okhttp4_jar|Okhttp4E2eBenchmark|library=$library")
  runs+=("now|$okhttp4_jar|$library")
done
for executor in default direct fixed2; do
  trials+=("now|${main_jar[now]}|JdkClientBaselineBenchmark|executor=$executor")
done

{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  for spec in "${revs[@]}"; do echo "revision ${spec%%=*}: $(git rev-parse --short "${spec#*=}")"; done
  echo "revision now: $(git rev-parse --short HEAD)$(git diff --quiet 2>/dev/null || echo ' (dirty)')"
  echo "JMH ${jmh_settings[*]}; latency ${latency_settings[*]}; rounds $rounds, latency rounds $latency_rounds; gate ${gate_seconds}s"
  echo "cores: $(nproc); cpu: $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ //')"
  "$java" -version 2>&1
  echo "load average at start: $(load)"
} > "$out/environment.txt"

for round in $(seq "$rounds"); do
  while IFS='|' read -r variant jar benchmark parameter; do
    waited=$(gate)
    start_load=$(load)
    csv="$out/tp-$round-$variant-$benchmark-${parameter#*=}.csv"
    "$java" -Duser.language=en -Duser.country=US -jar "$jar" "io.sse4j.bench.e2e.$benchmark\." -p "$parameter" \
      "${jmh_settings[@]}" -foe true -rf csv -rff "$csv" > "$csv.log" 2>&1 || true
    score=$(awk -F, 'NR == 2 { gsub(/"/, ""); print $5, $6 }' "$csv" 2>/dev/null || true)
    echo "TP round=$round variant=$variant benchmark=$benchmark $parameter ops_s=${score% *} error=${score#* } load=${start_load// //} $waited" \
      | tee -a "$out/results.txt"
  done < <(in_order "$round" "${trials[@]}")
done
for round in $(seq "$latency_rounds"); do
  while IFS='|' read -r variant jar library; do
    waited=$(gate)
    line=$(timeout 600 "$java" -Xms1g -Xmx1g -cp "$jar" io.sse4j.bench.e2e.LatencyMain --library "$library" \
      "${latency_settings[@]}" 2>&1 | tee -a "$out/latency.log" | grep '^RESULT' || echo "RESULT latency library=$library FAILED")
    echo "LAT round=$round variant=$variant ${line#RESULT latency } $waited" | tee -a "$out/results.txt"
  done < <(in_order "$round" "${runs[@]}")
done
echo "load average at the end: $(load)" >> "$out/environment.txt"

# summary.md: per variant and library, the median over the rounds and every round's value.
awk '
  function median(list,   n, a, i, j, t) {
    n = split(list, a, " ")
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
  }
  {
    delete f
    for (i = 2; i <= NF; i++) { k = $i; sub(/=.*/, "", k); v = $i; sub(/^[^=]*=/, "", v); f[k] = v }
    name = f["library"] != "" ? f["library"] : "jdk-httpclient-" f["executor"]
    key = f["variant"] " " name
  }
  $1 == "TP" && f["ops_s"] != "" { tp[key] = tp[key] " " f["ops_s"] * 100000; if (!(key in seen)) { seen[key]; order[++n] = key } }
  $1 == "LAT" && f["p50_us"] != "" { p50[key] = p50[key] " " f["p50_us"]; p99[key] = p99[key] " " f["p99_us"]; if (!(key in lseen)) { lseen[key]; lorder[++m] = key } }
  END {
    print "| variant | library | events/s (median) | each round |"
    print "|---|---|---:|---|"
    for (i = 1; i <= n; i++) { split(order[i], part, " "); printf "| %s | %s | %.0f |%s |\n", part[1], part[2], median(tp[order[i]]), tp[order[i]] }
    print ""
    print "| variant | library | p50 µs (median) | p99 µs (median) | p50 each round | p99 each round |"
    print "|---|---|---:|---:|---|---|"
    for (i = 1; i <= m; i++) { split(lorder[i], part, " "); printf "| %s | %s | %.0f | %.0f |%s |%s |\n", part[1], part[2], median(p50[lorder[i]]), median(p99[lorder[i]]), p50[lorder[i]], p99[lorder[i]] }
  }' "$out/results.txt" > "$out/summary.md"
echo
echo "== results in $out"
cat "$out/environment.txt"
echo
cat "$out/summary.md"
