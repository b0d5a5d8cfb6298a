#!/usr/bin/env bash
# Import at scale: POST /v1/imports/episodes of 500 episodes into an empty catalog and into a generated one
# (SIZE=1000000 by default, the data directory of `SIZE=... bench/read-load.sh`, generated first if missing),
# in one run: two apps on one PostgreSQL (databases `empty` and `catalog`), imports alternating between them
# after WARMUPS dry runs each, REPS measured imports each; pg_stat_statements shows which statements grew.
# Writes the table between the import-scale markers in docs/benchmarks.md. The imported shows are deleted again.
set -euo pipefail
# every request comes from 127.0.0.1: the per-address rate limit would measure itself
export CATALOG_RATE_LIMIT_ENABLED=false
cd "$(dirname "$0")/.."
SIZE=${SIZE:-1000000} REPS=${REPS:-5} WARMUPS=${WARMUPS:-10} PORT=${PORT:-5499} HEAP=${HEAP:-256m}
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
PGDATA=$PWD/target/bench/pg-$SIZE OUT=target/bench/import-$SIZE KEY=bench-admin-key
export PGHOST=127.0.0.1 PGPORT=$PORT PGUSER=postgres
[ -f "$PGDATA/generated.txt" ] || { SIZE=$SIZE WARMUP=30 DURATION=1 bench/read-load.sh > /dev/null; }
[ -f target/quarkus-app/quarkus-run.jar ] || mvn -B -q package -DskipTests
rm -rf "$OUT"; mkdir -p "$OUT"
as_pg() { if [ "$(id -u)" = 0 ]; then su postgres -c "$*"; else bash -c "$*"; fi; }
as_pg "$PGBIN/pg_ctl -D $PGDATA -o '-p $PORT -c max_connections=200 -c shared_buffers=512MB -c max_wal_size=8GB -c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=all' -l $PGDATA/server.log -w start" > /dev/null
APPS=()
cleanup() { for a in "${APPS[@]}"; do kill "$a" 2>/dev/null || true; done; as_pg "$PGBIN/pg_ctl -D $PGDATA -m fast stop" > /dev/null 2>&1 || true; }
trap cleanup EXIT
psql -q -c 'drop database if exists empty' -c 'create database empty'
for db in empty catalog; do psql -q -d $db -c 'create extension if not exists pg_stat_statements'; done
start_app() { # database http-port
  QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:$PORT/$1 QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_DATASOURCE_PASSWORD=unused \
    CATALOG_BOOTSTRAP_ADMIN_KEY=$KEY QUARKUS_HTTP_PORT=$2 java -Xmx$HEAP -jar target/quarkus-app/quarkus-run.jar > "$OUT/app-$1.log" 2>&1 &
  APPS+=($!)
}
start_app empty 8093; start_app catalog 8094
for p in 8093 8094; do until curl -sf "http://127.0.0.1:$p/q/health/ready" > /dev/null; do sleep 0.2; done; done
python3 bench/import-scale.py http://127.0.0.1:8093 http://127.0.0.1:8094 "$KEY" "$REPS" "$WARMUPS" "$OUT"
# the generated catalog keeps its size for the next run
psql -q -d catalog -c "delete from episodes where show_id in (select id from shows where slug like 'scale%')" \
  -c "delete from shows where slug like 'scale%'" -c "delete from guests where slug like 'scale%'" -c "delete from topics where slug like 'scale%'"
python3 - "$OUT/import-scale.md" docs/benchmarks.md "$SIZE" <<'PY'
import sys
block, doc, size = open(sys.argv[1]).read().strip(), sys.argv[2], sys.argv[3]
text = open(doc).read()
begin, end = "<!-- import-scale:begin -->", "<!-- import-scale:end -->"
if begin in text:
    text = text[:text.index(begin) + len(begin)] + "\n" + block + "\n" + text[text.index(end):]
else:
    text += f"\n## Imports into a catalog of {int(size):,} episodes (issue 9)\n\nWritten by `bench/import-scale.sh`.\n\n{begin}\n{block}\n{end}\n"
open(doc, "w").write(text)
PY
