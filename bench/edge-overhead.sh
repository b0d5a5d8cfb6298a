#!/usr/bin/env bash
# What the HTTP edge costs a cached GET, as three packaged apps of the same jar on one PostgreSQL 15 (Debian's
# binaries, port 5497), measured in turn:
#   "on"     production: JSON access log (1% of fast reads sampled), per-endpoint metrics with latency histograms,
#            rate limits (on, with limits too high to refuse anything, so buckets are looked up and charged)
#   "limits" the same rate limits, access log and HTTP metrics off
#   "off"    all three off
# on/limits is what logging and metrics cost (issue 11's goal: under 10% of the cached GET's rate); limits/off is
# what the rate limiter costs; on/off the whole edge. The request id cannot be switched off: it is in all three.
#   bench/edge-overhead.sh         EPISODES=50 WARMUP=30 DURATION=20 ROUNDS=3 CONNS=16
#   ON_ENV='CATALOG_HTTP_ACCESS_LOG_SAMPLE=1' bench/edge-overhead.sh    more settings for "on" (here: every read logged)
# After a warm-up of each, wrk measures them in turn, ROUNDS times, on one cached GET of one episode (its 100 most
# popular refs); the figures are the ratios of the medians: of the rate, and of the app's CPU time per request
# (from /proc/PID/stat, which other processes on a shared machine disturb less).
# "Off" for metrics is catalog.http.metrics.enabled=false (fm.catalog.common.metrics.HttpMetrics): a setting
# for this measurement, so that one jar serves all three.
# Needs wrk, psql, curl, python3.
set -euo pipefail
cd "$(dirname "$0")/.."
EPISODES=${EPISODES:-50} WARMUP=${WARMUP:-30} DURATION=${DURATION:-20} ROUNDS=${ROUNDS:-3} CONNS=${CONNS:-16}
PORT=${PORT:-5497} ON=${ON:-8093} LIMITS=${LIMITS:-8095} OFF=${OFF:-8094} HEAP=${HEAP:-256m}
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
# the first migrates the schema; the others start on it
HIGH_LIMITS=(CATALOG_RATE_LIMIT_ENABLED=true CATALOG_RATE_LIMIT_ANONYMOUS_PER_MINUTE=50000000 CATALOG_RATE_LIMIT_ANONYMOUS_BURST=50000000)
NO_LOG_NO_METRICS=(CATALOG_HTTP_ACCESS_LOG_ENABLED=false CATALOG_HTTP_METRICS_ENABLED=false)
app_start on "$ON" "${HIGH_LIMITS[@]}" ${ON_ENV:-}
app_start limits "$LIMITS" "${HIGH_LIMITS[@]}" "${NO_LOG_NO_METRICS[@]}"
app_start off "$OFF" CATALOG_RATE_LIMIT_ENABLED=false "${NO_LOG_NO_METRICS[@]}"
python3 bench/load-catalog.py "http://127.0.0.1:$ON" "$KEY" "$EPISODES" "$OUT" > "$OUT/load.log"

cpu() { awk '{print $14 + $15}' "/proc/$1/stat"; } # the process's user + system time, in clock ticks
run() { # name port seconds pid: wrk's output, then the app's CPU ticks over the run
  local before; before=$(cpu "$4")
  PATHS="$OUT/episode.paths" wrk -t2 -c"$CONNS" -d"$3"s --latency -s bench/wrk/rotate.lua "http://127.0.0.1:$2" > "$OUT/$1.txt"
  echo "cpu-ticks $(( $(cpu "$4") - before ))" >> "$OUT/$1.txt"
}
run warmup-on "$ON" "$WARMUP" "${APPS[0]}"
run warmup-limits "$LIMITS" "$WARMUP" "${APPS[1]}"
run warmup-off "$OFF" "$WARMUP" "${APPS[2]}"
for r in $(seq 1 "$ROUNDS"); do
  run "on-$r" "$ON" "$DURATION" "${APPS[0]}"
  run "limits-$r" "$LIMITS" "$DURATION" "${APPS[1]}"
  run "off-$r" "$OFF" "$DURATION" "${APPS[2]}"
done
# what "on" wrote and counted, as a check that it did
ACCESS_LINES=$(grep -c '"loggerName":"fm.catalog.access"' "$OUT/app-on.log" || true)
curl -s "http://127.0.0.1:$ON/v1/episodes?limit=1" -D "$OUT/on-headers.txt" -o /dev/null
curl -s "http://127.0.0.1:$ON/q/metrics" > "$OUT/on-metrics.txt"

python3 - "$OUT" "$ROUNDS" "$CONNS" "$DURATION" "$WARMUP" "$EPISODES" "$ACCESS_LINES" <<'EOF'
import re, statistics, sys
out, rounds, conns, duration, warmup, episodes, lines = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5], sys.argv[6], sys.argv[7]
def text(name):
    t = open(f"{out}/{name}.txt").read()
    if "Non-2xx" in t:
        raise SystemExit(f"{name}: answers other than 2xx/3xx:\n{t}")
    return t
def rate(name):
    return float(re.search(r"Requests/sec:\s+([\d.]+)", text(name)).group(1))
def cpu_us(name): # the app's CPU time per request, in microseconds (clock ticks of 10 ms)
    t = text(name)
    return int(re.search(r"cpu-ticks (\d+)", t).group(1)) * 10_000 / int(re.search(r"(\d+) requests in", t).group(1))
def p99(name):
    m = re.search(r"99%\s+([\d.]+)(us|ms|s)", text(name))
    return float(m.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[m.group(2)]
headers = open(f"{out}/on-headers.txt").read()
metrics = open(f"{out}/on-metrics.txt").read()
assert "RateLimit-Remaining" in headers and "X-Request-Id" in headers, headers
assert "http_server_requests_seconds_bucket" in metrics
apps = ["on", "limits", "off"]
rounds_of = lambda f, app: [f(f"{app}-{r}") for r in range(1, rounds + 1)]
req = {a: rounds_of(rate, a) for a in apps}
cpu = {a: rounds_of(cpu_us, a) for a in apps}
print(f"GET one episode (cached, 100 refs), wrk -t2 -c{conns}, {rounds} rounds of {duration} s each after {warmup} s of warm-up, {episodes} episodes")
print("| round | on req/s | limits req/s | off req/s | on CPU µs/req | limits CPU µs/req | off CPU µs/req |")
print("|---|---|---|---|---|---|---|")
for r in range(rounds):
    print(f"| {r + 1} | " + " | ".join(f"{req[a][r]:,.0f}" for a in apps) + " | " + " | ".join(f"{cpu[a][r]:.1f}" for a in apps) + " |")
med = {a: statistics.median(req[a]) for a in apps}
mcpu = {a: statistics.median(cpu[a]) for a in apps}
print("| median | " + " | ".join(f"{med[a]:,.0f}" for a in apps) + " | " + " | ".join(f"{mcpu[a]:.1f}" for a in apps) + " |")
print("p99 ms (median of rounds): " + ", ".join(f"{a} {statistics.median(rounds_of(p99, a)):.2f}" for a in apps))
def cost(a, b, what):
    print(f"{what}: {100 * (1 - med[a] / med[b]):.1f}% of the rate ({med[a] / med[b]:.2f}x), "
          f"{100 * (1 - mcpu[b] / mcpu[a]):.1f}% of the app's CPU per request ({mcpu[a] - mcpu[b]:.1f} µs)")
cost("on", "limits", "logging and metrics (on against limits)")
cost("limits", "off", "rate limits (limits against off)")
cost("on", "off", "the whole edge (on against off)")
print(f"access log lines written by 'on': {int(lines):,}")
EOF
