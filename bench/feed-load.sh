#!/usr/bin/env bash
# Feed load: GET /feeds/{slug}.xml of a show of $EPISODES episodes, against `pgbench -S -M prepared` on the
# same PostgreSQL, in one run: conditional GETs (304) in req/s, full 200s in req/s and MB/s, 16 connections.
#   bench/feed-load.sh               (EPISODES=5000 WARMUP=20 DURATION=15 by default)
#   CACHE=false bench/feed-load.sh   the same with the response cache off: what building the feed costs
# Starts its own PostgreSQL 15 (Debian's binaries) in target/bench/feed-pg on port 5497, loads the show through
# the import API (bench/load-feed.py), and rewrites the lines between the feed-load markers in
# docs/benchmarks.md (feed-load-uncached with CACHE=false). Needs wrk, pgbench, curl, python3.
set -euo pipefail
# every request comes from 127.0.0.1: the per-address rate limit would measure itself
export CATALOG_RATE_LIMIT_ENABLED=false
cd "$(dirname "$0")/.."
CACHE=${CACHE:-true} EPISODES=${EPISODES:-5000} WARMUP=${WARMUP:-20} DURATION=${DURATION:-15} PORT=${PORT:-5497} HTTP=${HTTP:-8087}
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
OUT=target/bench/feed; rm -rf "$OUT"; mkdir -p "$OUT"
PGDATA=$PWD/target/bench/feed-pg
KEY=bench-admin-key
API=http://127.0.0.1:$HTTP
FEED=/feeds/feed-show.xml

[ -f target/quarkus-app/quarkus-run.jar ] || mvn -B -q package -DskipTests
as_pg() { if [ "$(id -u)" = 0 ]; then su postgres -c "$*"; else bash -c "$*"; fi; }
rm -rf "$PGDATA"; mkdir -p "$PGDATA"; [ "$(id -u)" = 0 ] && chown postgres "$PGDATA"
as_pg "$PGBIN/initdb -D $PGDATA -U postgres --auth=trust" > "$OUT/initdb.log"
as_pg "$PGBIN/pg_ctl -D $PGDATA -o '-p $PORT -c max_connections=200 -c shared_buffers=512MB' -l $PGDATA/server.log -w start" > /dev/null
cleanup() { [ -n "${APP:-}" ] && kill "$APP" 2>/dev/null; as_pg "$PGBIN/pg_ctl -D $PGDATA -m fast stop" > /dev/null 2>&1 || true; }
trap cleanup EXIT
psql -q -h 127.0.0.1 -p $PORT -U postgres -c 'create database catalog' -c 'create database pgbench'
pgbench -q -h 127.0.0.1 -p $PORT -U postgres -i -s 10 pgbench > "$OUT/pgbench-init.log" 2>&1

QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:$PORT/catalog QUARKUS_DATASOURCE_USERNAME=postgres \
  QUARKUS_DATASOURCE_PASSWORD=unused CATALOG_BOOTSTRAP_ADMIN_KEY=$KEY QUARKUS_HTTP_PORT=$HTTP CATALOG_CACHE_ENABLED=$CACHE \
  java -Xmx256m -jar target/quarkus-app/quarkus-run.jar > "$OUT/app.log" 2>&1 &
APP=$!
until curl -sf "$API/q/health/ready" > /dev/null; do sleep 0.2; done
python3 bench/load-feed.py "$API" "$KEY" "$EPISODES"

BYTES=$(curl -sf "$API$FEED" | wc -c)
ITEMS=$(curl -sf "$API$FEED" | grep -o '<item>' | wc -l)
ETAG=$(curl -sfI "$API$FEED" | awk 'tolower($1) == "etag:" {print $2}' | tr -d '\r')
[ "$ITEMS" = "$EPISODES" ] || { echo "the feed has $ITEMS items, not $EPISODES" >&2; exit 1; }
printf '%s\t%s\n' "$FEED" "$ETAG" > "$OUT/304.paths"
# one request of each alone, before any load (with the cache on, the 200 is then a hit)
curl -sf -o /dev/null -w 'one 200 alone: %{time_total} s\n' "$API$FEED" | tee "$OUT/alone.txt"
curl -sf -o /dev/null -H "If-None-Match: $ETAG" -w 'one 304 alone: %{time_total} s\n' "$API$FEED" | tee -a "$OUT/alone.txt"
printf '%s\n' "$FEED" > "$OUT/200.paths"

run() { # name path-file seconds
  # a feed built per request takes seconds under load: count those answers rather than drop them at wrk's 2 s
  PATHS="$2" wrk -t2 -c16 -d"$3"s --timeout 30s --latency -s bench/wrk/rotate.lua "$API" > "$OUT/$1.txt"
}
pgb() { pgbench -h 127.0.0.1 -p $PORT -U postgres -S -M prepared -c16 -j2 -T"$DURATION" pgbench 2> /dev/null | awk '/^tps/ {print $3}'; }

TPS=$(pgb)
for e in 304 200; do
  run "$e-warmup" "$OUT/$e.paths" "$WARMUP"
  run "$e" "$OUT/$e.paths" "$DURATION"
done
TPS="$TPS $(pgb)"
HWM=$(awk '/VmHWM/ {print $2}' /proc/$APP/status)

python3 - "$OUT" "$TPS" "$HWM" "$EPISODES" "$BYTES" "$WARMUP" "$DURATION" "$CACHE" docs/benchmarks.md <<'PY'
import datetime, re, sys
out, tps, hwm, episodes, size, warmup, duration, cache, doc = sys.argv[1:]
tps = [float(t) for t in tps.split()]
base = sum(tps) / len(tps)

def wrk(name):
    text = open(f"{out}/{name}.txt").read()
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    transfer = re.search(r"Transfer/sec:\s+([\d.]+)(\w+)", text)
    mb = float(transfer.group(1)) * {"B": 1 / 2**20, "KB": 1 / 2**10, "MB": 1, "GB": 2**10}[transfer.group(2)]
    def pct(p):
        m = re.search(rf"\s{p}%\s+([\d.]+)(us|ms|s)\b", text)
        return float(m.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[m.group(2)]
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    return rate, mb, pct(50), pct(99), int(bad.group(1)) if bad else 0

rows = []
for name, label in (("304", "feed, If-None-Match: 304"), ("200", "full feed: 200")):
    rate, mb, p50, p99, bad = wrk(name)
    rows.append(f"| {label} | 16 | {rate:,.0f} | {rate / base:.2f}x | {mb:,.1f} | {p50:.2f} | {p99:.2f} | {bad} |")
head = (f"Run of {datetime.date.today()}{'' if cache == 'true' else ', response cache off'}: one show of {int(episodes):,} episodes "
        f"(2 guests, 2 links, 3 chapters each), a feed of {int(size) / 2**20:.1f} MiB uncompressed; warm-up {warmup} s per read, "
        f"{duration} s per figure; `pgbench -S -M prepared` on the same PostgreSQL 15, 16 connections: "
        + " and ".join(f"{t:,.0f}" for t in tps) + " TPS (before and after); ratios use their mean. "
        f"Peak resident memory of the app (VmHWM) at the end: {int(hwm) // 1024} MiB with -Xmx256m. "
        + "Before the load, " + "; ".join(open(f"{out}/alone.txt").read().split("\n")).strip("; ") + ".\n\n"
        "| read | conns | req/s | x pgbench -S | MB/s | p50 ms | p99 ms | non-2xx/3xx |\n|---|---|---|---|---|---|---|---|\n")
table = head + "\n".join(rows) + "\n"
marker = "feed-load" if cache == "true" else "feed-load-uncached"
text = open(doc).read()
begin, end = f"<!-- {marker}:begin -->\n", f"<!-- {marker}:end -->"
if begin not in text:
    text = text.rstrip("\n") + f"\n\n{begin}{end}\n"
text = re.sub(re.escape(begin) + ".*?" + re.escape(end), lambda m: begin + table + end, text, flags=re.S)
open(doc, "w").write(text)
print(table)
PY
