#!/usr/bin/env bash
# A JDK 25 AOT cache trained on a real start: app-trained.aot next to the packaged jar.
#   bench/aot-train.sh PGPORT      (a PostgreSQL on 127.0.0.1:PGPORT with a database `catalog`, user postgres)
#   APPDIR=target/quarkus-app-aot bench/aot-train.sh PGPORT    the aot-jar packaging (README "Faster startup")
# Runs the packaged jar on JDK 25 with -XX:AOTCacheOutput against that database (build or bench time only,
# never production), sends a few reads and writes so that their classes and method profiles are recorded,
# then stops it; the JVM writes the cache as it exits. Used by bench/startup.sh.
set -euo pipefail
# every request comes from 127.0.0.1: the per-address rate limit would measure itself
export CATALOG_RATE_LIMIT_ENABLED=false
cd "$(dirname "$0")/.."
PGPORT=$1 HTTP=${TRAIN_HTTP:-8087} APPDIR=${APPDIR:-target/quarkus-app} JDK25=${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}
API=http://127.0.0.1:$HTTP KEY=train-admin-key
LOG=$PWD/target/aot-train.log
(cd "$APPDIR" && QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:$PGPORT/catalog \
  QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_DATASOURCE_PASSWORD=unused QUARKUS_HTTP_PORT=$HTTP \
  CATALOG_BOOTSTRAP_ADMIN_KEY=$KEY exec "$JDK25/bin/java" ${JAVA_OPTS:--Xmx256m} -XX:AOTCacheOutput=app-trained.aot \
  -jar quarkus-run.jar) > "$LOG" 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null || true' EXIT
until curl -sf -o /dev/null "$API/q/health/ready"; do kill -0 $APP || { tail "$LOG"; exit 1; }; sleep 0.2; done
auth=(-H "Authorization: Bearer $KEY" -H 'Content-Type: application/json')
slug=train-$(date +%s%N)
curl -sf -o /dev/null "${auth[@]}" "$API/v1/shows" -d "{\"slug\":\"$slug\",\"title\":\"Training\"}"
curl -sf -o /dev/null "${auth[@]}" "$API/v1/guests" -d "{\"slug\":\"$slug-g\",\"name\":\"Training Guest\"}"
curl -sf -o /dev/null "${auth[@]}" "$API/v1/episodes" -d "{\"show\":\"$slug\",\"slug\":\"$slug-e\",\"title\":\"Training\",
  \"status\":\"published\",\"guests\":[{\"ref\":\"$slug-g\"}],\"chapters\":[{\"title\":\"Intro\",\"startTime\":0}]}"
for i in $(seq 1 200); do
  for p in "v1/episodes/$slug-e" "v1/episodes?show=$slug" "v1/guests/$slug-g" "v1/shows" "v1/episodes?q=training" q/health/ready; do
    curl -s -o /dev/null "$API/$p"
  done
done
kill -TERM $APP; wait $APP || true; trap - EXIT
grep -q 'AOTCache creation is complete' "$LOG" || { tail -20 "$LOG"; exit 1; }
