#!/usr/bin/env bash
# What validating each connection as it is borrowed (quarkus.datasource.jdbc.validate-on-borrow, one empty
# query per borrow) costs a request that reaches the database: a keyed GET of one episode (keyed reads skip
# the response cache), with wrk at $CONNECTIONS connections for $DURATION s, the app started with validation
# on and off in turn ($RUNS times each), and `pgbench -S -M prepared` on the same PostgreSQL 15 before and after.
#   bench/validation-cost.sh          RUNS=2 DURATION=15 WARMUP=10 CONNECTIONS=16 PORT=5496 HTTP=8093
# Needs wrk, pgbench, psql, curl, jq.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-2} DURATION=${DURATION:-15} WARMUP=${WARMUP:-10} CONNECTIONS=${CONNECTIONS:-16} PORT=${PORT:-5496} HTTP=${HTTP:-8093}
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
OUT=target/bench/validation-cost; rm -rf "$OUT"; mkdir -p "$OUT"
PGDATA=$PWD/$OUT/pg
KEY=bench-admin-key
API=http://127.0.0.1:$HTTP
export PGHOST=127.0.0.1 PGPORT=$PORT PGUSER=postgres

[ -f target/quarkus-app/quarkus-run.jar ] || mvn -B -q package -DskipTests
. bench/scratch-pg.sh
psql -q -c 'create database catalog'
pgb() { pgbench -S -M prepared -c"$CONNECTIONS" -j2 -T"$DURATION" pgbench 2> /dev/null | awk '/^tps/ {printf "%d", $3}'; }

app() { # validate-on-borrow
  QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:$PORT/catalog QUARKUS_DATASOURCE_USERNAME=postgres \
    QUARKUS_DATASOURCE_PASSWORD=unused CATALOG_BOOTSTRAP_ADMIN_KEY=$KEY QUARKUS_HTTP_PORT=$HTTP CATALOG_RATE_LIMIT_ENABLED=false \
    QUARKUS_DATASOURCE_JDBC_VALIDATE_ON_BORROW=$1 java -Xmx256m -jar target/quarkus-app/quarkus-run.jar > "$OUT/app-$1.log" 2>&1 &
  APP=$!
  until curl -sf "$API/q/health/ready" > /dev/null; do kill -0 $APP; sleep 0.2; done
}
rps() { wrk -t2 -c"$CONNECTIONS" -d"$1"s -H "Authorization: Bearer $KEY" "$API$EPISODE" | awk '/^Requests\/sec/ {printf "%d", $2}'; }

app true
curl -sf "$API/v1/shows" -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' -d '{"slug":"bench","title":"Bench"}' > /dev/null
EPISODE=/v1/episodes/$(curl -sf "$API/v1/episodes" -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' \
  -d '{"show":"bench","title":"Validated","status":"published","chapters":[{"title":"a","startTime":0}]}' | jq -r .id)
kill $APP; wait $APP || true; APP=

PG_BEFORE=$(pgb)
declare -A SUM=([true]=0 [false]=0)
LINES=()
for run in $(seq "$RUNS"); do
  for v in true false; do
    app $v
    rps "$WARMUP" > /dev/null
    r=$(rps "$DURATION")
    SUM[$v]=$(( ${SUM[$v]} + r ))
    LINES+=("run $run, validate-on-borrow=$v: $r requests/s")
    kill $APP; wait $APP || true; APP=
  done
done
PG_AFTER=$(pgb)
printf '%s\n' "${LINES[@]}"
echo "pgbench -S -M prepared -c$CONNECTIONS: $PG_BEFORE tps before, $PG_AFTER after"
awk -v on="${SUM[true]}" -v off="${SUM[false]}" -v n="$RUNS" -v pg="$(( (PG_BEFORE + PG_AFTER) / 2 ))" 'BEGIN {
  printf "keyed GET of one episode, mean of %d runs: %.0f requests/s validated, %.0f not; validated/not = %.3f; to pgbench: %.3f and %.3f\n",
    n, on / n, off / n, on / off, on / n / pg, off / n / pg }'
