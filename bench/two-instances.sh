#!/usr/bin/env bash
# Two instances of the packaged app on one PostgreSQL 15 (Debian's binaries, port $PORT), on ports $A and
# $B, as behind a load balancer, and what must hold between them, checked with curl:
#   1. an idempotent POST replayed on the other instance gets the first answer (same id, Idempotent-Replayed);
#   2. the same Idempotency-Key sent to both at once, $ROUNDS times: one writes, the other replays it or
#      answers 409 (still running on the other), and each round leaves exactly one episode;
#   3. two PATCHes with the same If-Match, one on each instance at once, $ROUNDS times: one 200, one 412.
# Prints each outcome and exits non-zero if one is wrong. TwoInstancesIT checks the same in `mvn verify`.
#   bench/two-instances.sh            ROUNDS=20 PORT=5498 A=8091 B=8092
# Needs curl, jq, psql.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-20} PORT=${PORT:-5498} A=${A:-8091} B=${B:-8092}
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
OUT=target/bench/two-instances; rm -rf "$OUT"; mkdir -p "$OUT"
PGDATA=$PWD/$OUT/pg
KEY=bench-admin-key
AUTH="Authorization: Bearer $KEY"
export PGHOST=127.0.0.1 PGPORT=$PORT PGUSER=postgres

[ -f target/quarkus-app/quarkus-run.jar ] || mvn -B -q package -DskipTests
as_pg() { if [ "$(id -u)" = 0 ]; then su postgres -c "$*"; else bash -c "$*"; fi; }
APPS=()
cleanup() {
  for pid in "${APPS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${APPS[@]}"; do wait "$pid" 2>/dev/null || true; done
  as_pg "$PGBIN/pg_ctl -D $PGDATA -m fast stop" > /dev/null 2>&1 || true
}
trap cleanup EXIT

mkdir -p "$PGDATA"; [ "$(id -u)" = 0 ] && chown postgres "$PGDATA"
as_pg "$PGBIN/initdb -D $PGDATA -U postgres --auth=trust" > "$OUT/initdb.log"
as_pg "$PGBIN/pg_ctl -D $PGDATA -o '-p $PORT' -l $PGDATA/server.log -w start" > /dev/null
psql -q -c 'create database catalog'

start() { # port log
  # rate limits off where the app has them: this script sends many requests from one address
  QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:$PORT/catalog QUARKUS_DATASOURCE_USERNAME=postgres \
    QUARKUS_DATASOURCE_PASSWORD=unused CATALOG_BOOTSTRAP_ADMIN_KEY=$KEY QUARKUS_HTTP_PORT=$1 CATALOG_RATE_LIMIT_ENABLED=false \
    java -Xmx256m -jar target/quarkus-app/quarkus-run.jar > "$2" 2>&1 &
  APPS+=($!)
}
# one after the other: the first migrates the schema, the second finds it done
start "$A" "$OUT/app-a.log"
until curl -sf "http://127.0.0.1:$A/q/health/ready" > /dev/null; do sleep 0.2; done
start "$B" "$OUT/app-b.log"
until curl -sf "http://127.0.0.1:$B/q/health/ready" > /dev/null; do sleep 0.2; done
echo "two instances on one PostgreSQL $(psql -Atc 'show server_version'): :$A and :$B"

FAILED=0
check() { # what ok
  if [ "$2" = 1 ]; then echo "  ok    $1"; else echo "  WRONG $1"; FAILED=1; fi
}
post() { # port key title -> "status replayed id"
  curl -s -o "$OUT/body.$1.$$" -D "$OUT/headers.$1.$$" -w '%{http_code}' "http://127.0.0.1:$1/v1/episodes" -H "$AUTH" \
    -H "Idempotency-Key: $2" -H 'Content-Type: application/json' \
    -d "{\"show\":\"$SHOW\",\"title\":\"$3\",\"status\":\"published\"}" > "$OUT/status.$1.$$"
  echo "$(cat "$OUT/status.$1.$$") $(grep -ci '^idempotent-replayed: true' "$OUT/headers.$1.$$" || true) $(jq -r '.id // "-"' "$OUT/body.$1.$$")"
}
count() { # title -> episodes of the show with that title (a keyed read: never cached)
  curl -s "http://127.0.0.1:$A/v1/episodes?show=$SHOW&limit=100" -H "$AUTH" | jq --arg t "$1" '[.items[] | select(.title == $t)] | length'
}

SHOW=two-$RANDOM$RANDOM
curl -sf "http://127.0.0.1:$A/v1/shows" -H "$AUTH" -H 'Content-Type: application/json' -d "{\"slug\":\"$SHOW\",\"title\":\"Two instances\"}" > /dev/null

echo "1. an idempotent POST on :$A, replayed on :$B"
K=replay-$RANDOM$RANDOM
read -r s1 r1 id1 <<< "$(post "$A" "$K" Replayed)"
read -r s2 r2 id2 <<< "$(post "$B" "$K" Replayed)"
echo "  :$A answered $s1 (id $id1); :$B answered $s2, replayed=$r2 (id $id2); episodes with that title: $(count Replayed)"
check "the replay is the first answer, and one episode was written" "$([ "$s1" = 201 ] && [ "$s2" = 201 ] && [ "$r2" = 1 ] && [ "$id1" = "$id2" ] && [ "$(count Replayed)" = 1 ] && echo 1)"

echo "2. one Idempotency-Key sent to both at once, $ROUNDS times"
written=0 replayed=0 told=0 wrong=0
for i in $(seq "$ROUNDS"); do
  K=race-$i-$RANDOM$RANDOM
  # (wait for these two only: the apps are children of this shell too)
  post "$A" "$K" "Raced $i" > "$OUT/race-a" & pa=$!; post "$B" "$K" "Raced $i" > "$OUT/race-b" & pb=$!; wait $pa $pb
  read -r sa ra ida < "$OUT/race-a"; read -r sb rb idb < "$OUT/race-b"
  n=$(count "Raced $i")
  outcome="$sa/$ra $sb/$rb"
  case "$outcome" in
    "201/0 201/1"|"201/1 201/0") [ "$ida" = "$idb" ] && [ "$n" = 1 ] && replayed=$((replayed + 1)) || wrong=$((wrong + 1)) ;;
    "201/0 409/0"|"409/0 201/0") [ "$n" = 1 ] && told=$((told + 1)) || wrong=$((wrong + 1)) ;;
    *) wrong=$((wrong + 1)); echo "  round $i: $outcome, $n episodes" ;;
  esac
  written=$((written + n))
done
echo "  $ROUNDS rounds: the second replayed the first's answer $replayed times, was told 409 (still running) $told times; $written episodes written"
check "every round wrote exactly one episode" "$([ "$wrong" = 0 ] && [ "$written" = "$ROUNDS" ] && echo 1)"

echo "3. two PATCHes with the same If-Match, one on each instance at once, $ROUNDS times"
ok=0 bad=0
for i in $(seq "$ROUNDS"); do
  read -r _ _ id <<< "$(post "$A" "etag-$i-$RANDOM$RANDOM" "Conditional $i")"
  etag=$(curl -s -D - -o /dev/null "http://127.0.0.1:$A/v1/episodes/$id" -H "$AUTH" | awk 'tolower($1) == "etag:" {print $2}' | tr -d '\r')
  patch() { curl -s -o /dev/null -w '%{http_code}' -X PATCH "http://127.0.0.1:$1/v1/episodes/$id" -H "$AUTH" -H "If-Match: $etag" \
    -H 'Content-Type: application/merge-patch+json' -d "{\"title\":\"Won on :$1\"}"; }
  patch "$A" > "$OUT/patch-a" & pa=$!; patch "$B" > "$OUT/patch-b" & pb=$!; wait $pa $pb
  statuses=$(printf '%s\n%s\n' "$(cat "$OUT/patch-a")" "$(cat "$OUT/patch-b")" | sort | tr '\n' ' ')
  if [ "$statuses" = "200 412 " ]; then ok=$((ok + 1)); else bad=$((bad + 1)); echo "  round $i: $statuses"; fi
done
echo "  $ROUNDS rounds: one 200 and one 412 in $ok, otherwise in $bad"
check "exactly one conditional update won each round" "$([ "$bad" = 0 ] && echo 1)"

rm -f "$OUT"/body.* "$OUT"/headers.* "$OUT"/status.*
[ "$FAILED" = 0 ] && echo "all held" || echo "SOMETHING DID NOT HOLD (logs in $OUT)"
exit "$FAILED"
