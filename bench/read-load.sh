#!/usr/bin/env bash
# Read load: the packaged app against `pgbench -S -M prepared` on the same PostgreSQL, in one run.
#   bench/read-load.sh            (EPISODES=300 WARMUP=30 DURATION=20 by default)
#   CACHE=false bench/read-load.sh  the same with the response cache off: what a miss costs
# Starts its own PostgreSQL 15 (Debian's binaries) in target/bench/pg on port 5499, loads a catalog
# through the API, warms each endpoint up for $WARMUP s, then runs wrk at 16 and 64 connections and
# rewrites the table between the markers in docs/benchmarks.md. Needs wrk, pgbench, curl, python3.
set -euo pipefail
cd "$(dirname "$0")/.."
CACHE=${CACHE:-true} EPISODES=${EPISODES:-300} WARMUP=${WARMUP:-30} DURATION=${DURATION:-20} PORT=${PORT:-5499} HTTP=${HTTP:-8089}
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
OUT=target/bench/read; rm -rf "$OUT"; mkdir -p "$OUT"
PGDATA=$PWD/target/bench/pg
KEY=bench-admin-key
API=http://127.0.0.1:$HTTP

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

# A catalog: one show, 40 guests, 20 topics, $EPISODES episodes with 2 guests, 3 topics, 5 chapters, 2 links.
python3 bench/load-catalog.py "$API" "$KEY" "$EPISODES" "$OUT"

run() { # name path-file connections seconds
  PATHS="$2" wrk -t2 -c"$3" -d"$4"s --latency -s bench/wrk/rotate.lua "$API" > "$OUT/$1-c$3.txt"
}
pgb() { pgbench -h 127.0.0.1 -p $PORT -U postgres -S -M prepared -c"$1" -j2 -T"$DURATION" pgbench 2> /dev/null | awk '/^tps/ {print $3}'; }

declare -A TPS
for c in 16 64; do TPS[$c]=$(pgb $c); done
endpoints="episode episode-304 first-page guest-episodes topic-episodes search"
for e in $endpoints; do
  run "$e-warmup" "$OUT/$e.paths" 16 "$WARMUP"
  for c in 16 64; do run "$e" "$OUT/$e.paths" $c "$DURATION"; done
done
for c in 16 64; do TPS[$c]="${TPS[$c]} $(pgb $c)"; done
HWM=$(awk '/VmHWM/ {print $2}' /proc/$APP/status)

python3 bench/read-report.py "$OUT" "${TPS[16]}" "${TPS[64]}" "$HWM" "$EPISODES" "$WARMUP" "$DURATION" docs/benchmarks.md "$CACHE"
