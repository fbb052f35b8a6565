#!/usr/bin/env bash
# Measures the wall time of `sse4j --version` and of `sse4j URL --max-events 1` against a local
# `sse4j serve`, with plain `java -jar` and with the launcher script (CDS and C1), N runs each.
# Prints the fastest, the median and the slowest run in milliseconds, and the machine's load,
# which on a small shared machine moves every figure. Build first: mvn -B -q -DskipTests package
set -euo pipefail
cd "$(dirname "$0")"
runs=${1:-11}
jar=$PWD/target/sse4j.jar
launcher=$PWD/sse4j
capture=$(mktemp)
trap 'kill "$server" 2>/dev/null || true; rm -f "$capture" "$capture.url"' EXIT
printf 'id: 1\ndata: hello\n\n' > "$capture"
java -jar "$jar" serve "$capture" > "$capture.url" 2>/dev/null &
server=$!
for _ in $(seq 100); do [ -s "$capture.url" ] && break; sleep 0.1; done
url=$(cat "$capture.url")

measure() {
    local label=$1; shift
    local times=()
    for _ in $(seq "$runs"); do
        local start end
        start=$(date +%s%N)
        "$@" > /dev/null 2>&1
        end=$(date +%s%N)
        times+=($(( (end - start) / 1000000 )))
    done
    local sorted
    sorted=$(printf '%s\n' "${times[@]}" | sort -n)
    printf '%-44s min %5d  median %5d  max %5d ms\n' "$label" \
        "$(echo "$sorted" | head -1)" "$(echo "$sorted" | sed -n "$(( (runs + 1) / 2 ))p")" "$(echo "$sorted" | tail -1)"
}

# The first event's arrival on standard output, as well as the exit: on JDK 17 the JVM waits up
# to 300 ms at exit for threads in native code (the HTTP client's selector thread).
first_event() {
    local label=$1; shift
    local times=()
    for _ in $(seq "$runs"); do
        local start
        start=$(date +%s%N)
        times+=($("$@" 2>/dev/null | { read -r _; echo $(( ($(date +%s%N) - start) / 1000000 )); cat > /dev/null; }))
    done
    local sorted
    sorted=$(printf '%s\n' "${times[@]}" | sort -n)
    printf '%-44s min %5d  median %5d  max %5d ms\n' "$label" \
        "$(echo "$sorted" | head -1)" "$(echo "$sorted" | sed -n "$(( (runs + 1) / 2 ))p")" "$(echo "$sorted" | tail -1)"
}

echo "$(nproc) cores, load average $(cut -d ' ' -f 1-3 /proc/loadavg), $runs runs each, $(java -version 2>&1 | head -1)"
measure "java -jar sse4j.jar --version" java -jar "$jar" --version
measure "sse4j --version (launcher)" "$launcher" --version
measure "java -jar sse4j.jar URL --max-events 1" java -jar "$jar" "$url" --max-events 1
measure "sse4j URL --max-events 1 (launcher)" "$launcher" "$url" --max-events 1
first_event "  its first event on stdout (launcher)" "$launcher" "$url" --max-events 1 --raw
