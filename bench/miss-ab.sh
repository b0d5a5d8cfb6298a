#!/usr/bin/env bash
# Cache misses of two builds side by side: the working tree's jar against the jar of BASE (a commit, built
# from `git archive` in target/bench/miss-base), each on a database of its own in one PostgreSQL 15 (port
# 5494), with the response cache off so that every read is a miss. Each round starts each build in turn,
# warms it up for $WARMUP s on both reads, then measures $DURATION s of each with wrk -t2 -c16:
#   - GET one episode (2 guests, 3 topics, 3 chapters, 2 links);
#   - the first page of episodes (20 of 60).
# `pgbench -S -M prepared -c16` on the same PostgreSQL before and after, for scale.
#   BASE=HEAD~1 bench/miss-ab.sh        ROUNDS=2 WARMUP=40 DURATION=20
# Needs wrk, pgbench, psql, curl, jq.
set -euo pipefail
cd "$(dirname "$0")/.."
BASE=${BASE:-HEAD~1} ROUNDS=${ROUNDS:-2} WARMUP=${WARMUP:-40} DURATION=${DURATION:-20} PORT=${PORT:-5494} HTTP=${HTTP:-8096}
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
OUT=target/bench/miss-ab; rm -rf "$OUT"; mkdir -p "$OUT"
PGDATA=$PWD/$OUT/pg
BASE_DIR=$PWD/target/bench/miss-base
KEY=bench-admin-key
API=http://127.0.0.1:$HTTP
export PGHOST=127.0.0.1 PGPORT=$PORT PGUSER=postgres

BASE_REV=$(git rev-parse --short "$BASE")
mvn -B -q package -DskipTests
if [ "$(cat "$BASE_DIR/rev" 2>/dev/null)" != "$BASE_REV" ]; then
  rm -rf "$BASE_DIR"; mkdir -p "$BASE_DIR"
  git archive "$BASE_REV" | tar -x -C "$BASE_DIR"
  mvn -B -q -f "$BASE_DIR/pom.xml" package -DskipTests
  echo "$BASE_REV" > "$BASE_DIR/rev"
fi
declare -A JAR=([base]=$BASE_DIR/target/quarkus-app/quarkus-run.jar [head]=$PWD/target/quarkus-app/quarkus-run.jar)

. bench/scratch-pg.sh
psql -q -c 'create database catalog_base' -c 'create database catalog_head'
pgb() { pgbench -S -M prepared -c16 -j2 -T"$DURATION" pgbench 2> /dev/null | awk '/^tps/ {printf "%d", $3}'; }

app() { # build
  QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:$PORT/catalog_$1 QUARKUS_DATASOURCE_USERNAME=postgres \
    QUARKUS_DATASOURCE_PASSWORD=unused CATALOG_BOOTSTRAP_ADMIN_KEY=$KEY QUARKUS_HTTP_PORT=$HTTP CATALOG_RATE_LIMIT_ENABLED=false \
    CATALOG_CACHE_ENABLED=false java -Xmx256m -jar "${JAR[$1]}" >> "$OUT/app-$1.log" 2>&1 &
  APP=$!
  until curl -sf "$API/q/health/ready" > /dev/null; do kill -0 $APP; sleep 0.2; done
}
post() { curl -sf "$API$1" -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' -d "$2"; }
load() { # the same catalog in each build's database, through its own API
  post /v1/shows '{"slug":"miss","title":"Misses"}' > /dev/null
  post /v1/guests '{"name":"Ann Guest","slug":"ann"}' > /dev/null
  post /v1/guests '{"name":"Bob Guest","slug":"bob"}' > /dev/null
  for t in alpha beta gamma; do post /v1/topics "{\"name\":\"$t\"}" > /dev/null; done
  for n in $(seq 60); do
    post /v1/episodes '{"show":"miss","number":'"$n"',"title":"Missed '"$n"'","status":"published","summary":"A summary",
      "guests":[{"slug":"ann"},{"slug":"bob"}],"topics":["alpha","beta","gamma"],
      "chapters":[{"title":"a","startTime":0},{"title":"b","startTime":60},{"title":"c","startTime":120}],
      "links":[{"kind":"website","url":"https://example.org/a","title":"A"},{"kind":"website","url":"https://example.org/b","title":"B"}]}' \
      | jq -r .slug
  done | tail -1
}
rps() { wrk -t2 -c16 -d"$2"s "$API$1" | awk '/^Requests\/sec/ {printf "%d", $2}'; }

declare -A EPISODE
for b in base head; do
  app $b; EPISODE[$b]=/v1/episodes/$(load); kill $APP; wait $APP || true; APP=
done
PAGE='/v1/episodes?show=miss&limit=20'

PG_BEFORE=$(pgb)
LINES=()
for round in $(seq "$ROUNDS"); do
  for b in base head; do
    app $b
    rps "${EPISODE[$b]}" "$WARMUP" > /dev/null; rps "$PAGE" "$WARMUP" > /dev/null
    one=$(rps "${EPISODE[$b]}" "$DURATION"); page=$(rps "$PAGE" "$DURATION")
    LINES+=("| $round | $b | $one | $page |")
    kill $APP; wait $APP || true; APP=
  done
done
PG_AFTER=$(pgb)
echo "BASE=$BASE ($BASE_REV) against the working tree of $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src || echo ' with uncommitted changes'), $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "response cache off, wrk -t2 -c16, $WARMUP s of warm-up per read and start, $DURATION s per figure"
echo "| round | build | one episode req/s | first page req/s |"
echo "|---|---|---|---|"
printf '%s\n' "${LINES[@]}"
echo "pgbench -S -M prepared -c16: $PG_BEFORE TPS before, $PG_AFTER after"
