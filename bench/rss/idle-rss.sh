#!/usr/bin/env bash
# The resident memory of SOL's jar at idle, with the JVM options given: starts it on a fresh data
# directory (embedded PostgreSQL, no demo), waits for /actuator/health, reads VmRSS after 25 s of
# idleness, sends 300 health requests, and reads it again after 25 s more. PostgreSQL's own
# processes are not counted. Usage, from the repository's root after a package:
#   bench/rss/idle-rss.sh web-api/target/sol.jar -XX:+UseSerialGC -Xms32m -Xmx512m
set -euo pipefail
jar=$1
shift
data=$(mktemp -d)
port=$((20000 + RANDOM % 10000))
java "$@" -jar "$jar" --sol.data-dir="$data" --server.port="$port" >"$data/sol.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 1 180); do
  curl -sf "localhost:$port/actuator/health" >/dev/null && break
  sleep 1
done
rss() { awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$pid/status"; }
sleep 25
first=$(rss)
for _ in $(seq 1 300); do curl -s -o /dev/null "localhost:$port/actuator/health"; done
sleep 25
echo "RSS at idle: ${first} MiB after start, $(rss) MiB after 300 requests (JVM options: ${*:-none})"
