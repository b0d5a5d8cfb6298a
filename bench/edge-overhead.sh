#!/usr/bin/env bash
# What the HTTP edge costs a cached GET: the access log (JSON lines, as in production, 1% of fast reads), per-endpoint
# metrics with latency histograms, and the rate limits (on, with limits too high to refuse anything, so the
# buckets are looked up and charged on every request), against the same jar with all three off, in one run.
#   bench/edge-overhead.sh         EPISODES=50 WARMUP=30 DURATION=20 ROUNDS=3 CONNS=16
#   ON_ENV='CATALOG_HTTP_ACCESS_LOG_SAMPLE=1' bench/edge-overhead.sh    more settings for "on" (here: every read logged)
# Two apps run at once on one PostgreSQL 15 (Debian's binaries, port 5497): "on" and "off". After a warm-up of
# each, wrk measures them in turn, ROUNDS times, on one cached GET of one episode (its 100 most popular refs);
# the figures are the ratios of the medians: of the rate, and of the app's CPU time per request (from
# /proc/PID/stat, which other processes on a shared machine disturb less). The request id cannot be
# switched off: it is in both.
# "Off" for metrics means the HTTP server binder ignores every path (quarkus.micrometer.binder.http-server
# .ignore-patterns): whether it records at all is fixed at build time, and this keeps one jar.
# Needs wrk, psql, curl, python3.
set -euo pipefail
cd "$(dirname "$0")/.."
EPISODES=${EPISODES:-50} WARMUP=${WARMUP:-30} DURATION=${DURATION:-20} ROUNDS=${ROUNDS:-3} CONNS=${CONNS:-16}
PORT=${PORT:-5497} ON=${ON:-8093} OFF=${OFF:-8094} HEAP=${HEAP:-256m}
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
OUT=target/bench/edge; rm -rf "$OUT"; mkdir -p "$OUT"
PGDATA=$PWD/target/bench/pg-edge
KEY=bench-admin-key
export PGHOST=127.0.0.1 PGPORT=$PORT PGUSER=postgres

[ -f target/quarkus-app/quarkus-run.jar ] || mvn -B -q package -DskipTests
as_pg() { if [ "$(id -u)" = 0 ]; then su postgres -c "$*"; else bash -c "$*"; fi; }
APPS=()
cleanup() { for p in "${APPS[@]}"; do kill "$p" 2>/dev/null || true; done; as_pg "$PGBIN/pg_ctl -D $PGDATA -m fast stop" > /dev/null 2>&1 || true; }
trap cleanup EXIT

rm -rf "$PGDATA"; mkdir -p "$PGDATA"; [ "$(id -u)" = 0 ] && chown postgres "$PGDATA"
as_pg "$PGBIN/initdb -D $PGDATA -U postgres --auth=trust" > "$OUT/initdb.log"
as_pg "$PGBIN/pg_ctl -D $PGDATA -o '-p $PORT -c max_connections=100' -l $PGDATA/server.log -w start" > /dev/null
psql -q -c 'create database catalog'

app_start() { # name port env...
  local name=$1 port=$2; shift 2
  env QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:$PORT/catalog QUARKUS_DATASOURCE_USERNAME=postgres \
    QUARKUS_DATASOURCE_PASSWORD=unused CATALOG_BOOTSTRAP_ADMIN_KEY=$KEY QUARKUS_HTTP_PORT=$port "$@" \
    java -Xmx$HEAP -jar target/quarkus-app/quarkus-run.jar > "$OUT/app-$name.log" 2>&1 &
  APPS+=($!)
  until curl -sf "http://127.0.0.1:$port/q/health/ready" > /dev/null; do kill -0 "${APPS[-1]}" || { tail "$OUT/app-$name.log"; exit 1; }; sleep 0.2; done
}
# the first migrates the schema; the second starts on it
app_start on "$ON" CATALOG_RATE_LIMIT_ENABLED=true CATALOG_RATE_LIMIT_ANONYMOUS_PER_MINUTE=50000000 \
  CATALOG_RATE_LIMIT_ANONYMOUS_BURST=50000000 ${ON_ENV:-}
app_start off "$OFF" CATALOG_RATE_LIMIT_ENABLED=false CATALOG_HTTP_ACCESS_LOG_ENABLED=false \
  QUARKUS_MICROMETER_BINDER_HTTP_SERVER_IGNORE_PATTERNS='/.*'
python3 bench/load-catalog.py "http://127.0.0.1:$ON" "$KEY" "$EPISODES" "$OUT" > "$OUT/load.log"

cpu() { awk '{print $14 + $15}' "/proc/$1/stat"; } # the process's user + system time, in clock ticks
run() { # name port seconds pid: wrk's output, then the app's CPU ticks over the run
  local before; before=$(cpu "$4")
  PATHS="$OUT/episode.paths" wrk -t2 -c"$CONNS" -d"$3"s --latency -s bench/wrk/rotate.lua "http://127.0.0.1:$2" > "$OUT/$1.txt"
  echo "cpu-ticks $(( $(cpu "$4") - before ))" >> "$OUT/$1.txt"
}
run warmup-on "$ON" "$WARMUP" "${APPS[0]}"
run warmup-off "$OFF" "$WARMUP" "${APPS[1]}"
for r in $(seq 1 "$ROUNDS"); do
  run "on-$r" "$ON" "$DURATION" "${APPS[0]}"
  run "off-$r" "$OFF" "$DURATION" "${APPS[1]}"
done
# what "on" wrote and counted, as a check that it did
ACCESS_LINES=$(grep -c '"loggerName":"fm.catalog.access"' "$OUT/app-on.log" || true)
curl -s "http://127.0.0.1:$ON/v1/episodes?limit=1" -D "$OUT/on-headers.txt" -o /dev/null
curl -s "http://127.0.0.1:$ON/q/metrics" > "$OUT/on-metrics.txt"

python3 - "$OUT" "$ROUNDS" "$CONNS" "$DURATION" "$WARMUP" "$EPISODES" "$ACCESS_LINES" <<'EOF'
import re, statistics, sys
out, rounds, conns, duration, warmup, episodes, lines = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5], sys.argv[6], sys.argv[7]
def rate(name):
    text = open(f"{out}/{name}.txt").read()
    if "Non-2xx" in text:
        raise SystemExit(f"{name}: answers other than 2xx/3xx:\n{text}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
def cpu_us(name): # the app's CPU time per request, in microseconds (clock ticks of 10 ms)
    text = open(f"{out}/{name}.txt").read()
    requests = int(re.search(r"(\d+) requests in", text).group(1))
    return int(re.search(r"cpu-ticks (\d+)", text).group(1)) * 10_000 / requests
def p99(name):
    m = re.search(r"99%\s+([\d.]+)(us|ms|s)", open(f"{out}/{name}.txt").read())
    return float(m.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[m.group(2)]
on = [rate(f"on-{r}") for r in range(1, rounds + 1)]
off = [rate(f"off-{r}") for r in range(1, rounds + 1)]
headers = open(f"{out}/on-headers.txt").read()
metrics = open(f"{out}/on-metrics.txt").read()
assert "RateLimit-Remaining" in headers and "X-Request-Id" in headers, headers
assert "http_server_requests_seconds_bucket" in metrics
print(f"GET one episode (cached, 100 refs), wrk -t2 -c{conns}, {rounds} rounds of {duration} s each after {warmup} s of warm-up, {episodes} episodes")
con = [cpu_us(f"on-{r}") for r in range(1, rounds + 1)]
coff = [cpu_us(f"off-{r}") for r in range(1, rounds + 1)]
print("| round | edge on req/s | edge off req/s | on/off | on CPU µs/request | off CPU µs/request | off/on |")
print("|---|---|---|---|---|---|---|")
for r in range(rounds):
    print(f"| {r + 1} | {on[r]:,.0f} | {off[r]:,.0f} | {on[r] / off[r]:.2f} | {con[r]:.1f} | {coff[r]:.1f} | {coff[r] / con[r]:.2f} |")
mon, moff, mcon, mcoff = statistics.median(on), statistics.median(off), statistics.median(con), statistics.median(coff)
print(f"| median | {mon:,.0f} | {moff:,.0f} | {mon / moff:.2f} | {mcon:.1f} | {mcoff:.1f} | {mcoff / mcon:.2f} |")
print(f"p99 ms (median of rounds): on {statistics.median(p99(f'on-{r}') for r in range(1, rounds + 1)):.2f}, "
      f"off {statistics.median(p99(f'off-{r}') for r in range(1, rounds + 1)):.2f}")
print(f"cost of the edge: {100 * (1 - mon / moff):.1f}% of the cached GET's rate, {100 * (1 - mcoff / mcon):.1f}% of the app's CPU "
      f"per request; access log lines written by 'on': {int(lines):,}")
EOF
