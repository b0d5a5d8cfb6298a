#!/usr/bin/env bash
# Read load: the packaged app against `pgbench -S -M prepared` on the same PostgreSQL, in one run.
#   bench/read-load.sh                 a small catalog loaded through the API (EPISODES=300 WARMUP=30 DURATION=20)
#   SIZE=1000000 bench/read-load.sh    a generated catalog (bench/generate-catalog.sh; SIZE=10000 too), kept in
#                                      target/bench/pg-$SIZE and reused by the next run of that size
#   CACHE=false ...                    the same with the response cache off: what a miss costs
# Starts its own PostgreSQL 15 (Debian's binaries) on port 5499, warms the app up for $WARMUP s (per read
# for the small catalog; over every read at once for a generated one), then runs wrk at 16 and 64
# connections for each read and rewrites the table between the markers in docs/benchmarks.md; with SIZE,
# with CACHE=false also the EXPLAIN (ANALYZE, BUFFERS) of each list query the app ran (auto_explain, one probe
# request each).
# Needs wrk, pgbench, psql, curl, python3.
set -euo pipefail
# every request comes from 127.0.0.1: the per-address rate limit would measure itself
export CATALOG_RATE_LIMIT_ENABLED=false
cd "$(dirname "$0")/.."
CACHE=${CACHE:-true} EPISODES=${EPISODES:-300} WARMUP=${WARMUP:-30} DURATION=${DURATION:-20} PORT=${PORT:-5499} HTTP=${HTTP:-8089}
SIZE=${SIZE:-} HEAP=${HEAP:-256m}
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
OUT=target/bench/read${SIZE:+-$SIZE}; rm -rf "$OUT"; mkdir -p "$OUT"
PGDATA=$PWD/target/bench/pg${SIZE:+-$SIZE}
KEY=bench-admin-key
API=http://127.0.0.1:$HTTP
export PGHOST=127.0.0.1 PGPORT=$PORT PGUSER=postgres

[ -f target/quarkus-app/quarkus-run.jar ] || mvn -B -q package -DskipTests
as_pg() { if [ "$(id -u)" = 0 ]; then su postgres -c "$*"; else bash -c "$*"; fi; }
# auto_explain is loaded into every session but logs nothing until a probe sets log_min_duration.
PGOPTS="-p $PORT -c max_connections=200 -c shared_buffers=512MB -c max_wal_size=8GB -c session_preload_libraries=auto_explain -c auto_explain.log_analyze=on -c auto_explain.log_buffers=on -c auto_explain.log_timing=on"
pg_start() { as_pg "$PGBIN/pg_ctl -D $PGDATA -o '$PGOPTS' -l $PGDATA/server.log -w start" > /dev/null; }
app_start() { # cache-enabled log
  QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:$PORT/catalog QUARKUS_DATASOURCE_USERNAME=postgres \
    QUARKUS_DATASOURCE_PASSWORD=unused CATALOG_BOOTSTRAP_ADMIN_KEY=$KEY QUARKUS_HTTP_PORT=$HTTP CATALOG_CACHE_ENABLED=$1 \
    java -Xmx$HEAP -jar target/quarkus-app/quarkus-run.jar > "$2" 2>&1 &
  APP=$!
  until curl -sf "$API/q/health/ready" > /dev/null; do kill -0 $APP || { tail "$2"; exit 1; }; sleep 0.2; done
}
cleanup() { [ -n "${APP:-}" ] && kill "$APP" 2>/dev/null; as_pg "$PGBIN/pg_ctl -D $PGDATA -m fast stop" > /dev/null 2>&1 || true; }
trap cleanup EXIT

if [ -z "$SIZE" ] || [ ! -f "$PGDATA/generated.txt" ]; then
  rm -rf "$PGDATA"; mkdir -p "$PGDATA"; [ "$(id -u)" = 0 ] && chown postgres "$PGDATA"
  as_pg "$PGBIN/initdb -D $PGDATA -U postgres --auth=trust" > "$OUT/initdb.log"
  pg_start
  psql -q -c 'create database catalog' -c 'create database pgbench'
  pgbench -q -i -s 10 pgbench > "$OUT/pgbench-init.log" 2>&1
  if [ -n "$SIZE" ]; then
    # the app's Flyway makes the schema, then the generator fills it; the marker lets later runs reuse it
    app_start true "$OUT/app-migrate.log"; kill $APP; wait $APP || true; APP=
    GUESTS=$(( SIZE / 10 < 100000 ? (SIZE / 10 > 1000 ? SIZE / 10 : 1000) : 100000 ))
    EPISODES=$SIZE GUESTS=$GUESTS PGDATABASE=catalog bench/generate-catalog.sh | tee "$OUT/generated.txt"
    cp "$OUT/generated.txt" "$PGDATA/generated.txt"
  fi
else
  pg_start
  cp "$PGDATA/generated.txt" "$OUT/generated.txt"
fi

app_start "$CACHE" "$OUT/app.log"
if [ -z "$SIZE" ]; then
  # A catalog: one show, 40 guests, 20 topics, $EPISODES episodes with 2 guests, 3 topics, 5 chapters, 2 links.
  python3 bench/load-catalog.py "$API" "$KEY" "$EPISODES" "$OUT"
  endpoints="episode episode-304 first-page guest-episodes topic-episodes search guest-card oembed"
else
  EPISODES=$SIZE
  PGDATABASE=catalog python3 bench/generated-paths.py "$API" "$OUT"
  endpoints="episode episode-304 first-page deep-page guest-episodes topic-episodes search search-broad count guest-card oembed"
fi

run() { # name path-file connections seconds
  PATHS="$2" wrk -t2 -c"$3" -d"$4"s --latency -s bench/wrk/rotate.lua "$API" > "$OUT/$1-c$3.txt"
}
pgb() { pgbench -S -M prepared -c"$1" -j2 -T"$DURATION" pgbench 2> /dev/null | awk '/^tps/ {print $3}'; }

if [ -n "$SIZE" ]; then
  # One probe request of each list with auto_explain logging every statement's plan: with the cache off, so
  # that every request runs its queries (with it on, the requests above have filled it).
  if [ "$CACHE" = false ]; then python3 bench/explain-probe.py "$API" "$OUT" "$PGDATA/server.log" $endpoints; fi
  # One warm-up of $WARMUP s over every read at once, then each read is measured as it is.
  for e in $endpoints; do cat "$OUT/$e.paths"; done | grep -v $'\t' > "$OUT/all.paths"
  run warmup "$OUT/all.paths" 16 "$WARMUP"
fi
declare -A TPS
for c in 16 64; do TPS[$c]=$(pgb $c); done
for e in $endpoints; do
  [ -z "$SIZE" ] && run "$e-warmup" "$OUT/$e.paths" 16 "$WARMUP"
  for c in 16 64; do run "$e" "$OUT/$e.paths" $c "$DURATION"; done
done
for c in 16 64; do TPS[$c]="${TPS[$c]} $(pgb $c)"; done
HWM=$(awk '/VmHWM/ {print $2}' /proc/$APP/status)

python3 bench/read-report.py "$OUT" "${TPS[16]}" "${TPS[64]}" "$HWM" "$EPISODES" "$WARMUP" "$DURATION" docs/benchmarks.md "$CACHE" "$SIZE" "$HEAP"
