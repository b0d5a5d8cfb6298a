#!/usr/bin/env bash
# Startup of the packaged jar, side by side in one run: today's way against the faster variants.
#   bench/startup.sh                 RUNS=7 starts of each variant, alternating; table in docs/benchmarks.md
#   MODE=warmup bench/startup.sh     the JIT's time to the steady rate instead (EPISODES=300, 180 s of wrk)
#   MODE=all bench/startup.sh        both
# Starts its own PostgreSQL 15 (Debian's binaries) in target/bench/pg-startup on port 5498 (read-load.sh
# uses 5499), migrates it once (the first start), then times each start from the moment the process is
# launched to the first successful GET /q/health/ready, and reads Quarkus's own "started in" line.
# Makes what it lacks: the packaged jar, the JDK 17 AppCDS archive and the JDK 25 AOT caches
# (bench/startup-archives.sh), and the jar of main as it was when issue 9 was filed (ISSUE_COMMIT, built
# from `git archive` in target/bench/issue-9-jar, started on a database of its own: its schema is older).
# Needs curl, psql, python3, git; wrk for MODE=warmup.
set -euo pipefail
# every request comes from 127.0.0.1: the per-address rate limit would measure itself
export CATALOG_RATE_LIMIT_ENABLED=false
cd "$(dirname "$0")/.."
export EPISODES=${EPISODES:-300}
MODE=${MODE:-startup} RUNS=${RUNS:-7} PORT=${PORT:-5498} HTTP=${HTTP:-8088}
EPISODES=${EPISODES:-300} WARMUP_SECONDS=${WARMUP_SECONDS:-180} INTERVAL=${INTERVAL:-5}
JAVA_OPTS=${JAVA_OPTS:--Xmx256m}
JDK17=${JDK17:-/usr/lib/jvm/java-17-openjdk-amd64} JDK25=${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
OUT=$PWD/target/bench/startup; rm -rf "$OUT"; mkdir -p "$OUT"
# the machine is shared: the report quotes the load averages at the start and at the end
export LOAD_START=$(cut -d" " -f1-3 /proc/loadavg)
PGDATA=$PWD/target/bench/pg-startup
APPDIR=$PWD/target/quarkus-app
KEY=bench-admin-key
API=http://127.0.0.1:$HTTP
export QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:$PORT/catalog QUARKUS_DATASOURCE_USERNAME=postgres \
  QUARKUS_DATASOURCE_PASSWORD=unused CATALOG_BOOTSTRAP_ADMIN_KEY=$KEY QUARKUS_HTTP_PORT=$HTTP

# The main that issue 9's "today 4.2-4.9 s" was measured on (the commit before its first change)
ISSUE_COMMIT=${ISSUE_COMMIT:-d4589d3}
ISSUE_DIR=$PWD/target/bench/issue-9-jar

# An experiment kept for its figures (docs/benchmarks.md): the JIT's C2 compiler takes methods 10 times later than by
# default, so that on 2 cores it spends less of a core on the start's one-off code. It starts faster, but the
# warm-up table shows it serving a hit at two thirds of the rate for minutes: not recommended.
LATE_C2=${LATE_C2:--XX:Tier4InvocationThreshold=50000 -XX:Tier4MinInvocationThreshold=6000 -XX:Tier4CompileThreshold=150000 -XX:Tier4BackEdgeThreshold=400000}

# aot-25-trained-migrated: the deploy migrates the database before instances start (README "Faster startup"),
# so that they skip Flyway at start.
# aot-jar-25-trained: the same code packaged as Quarkus's aot-jar (target/quarkus-app-aot, made by
# bench/startup-archives.sh), whose jars are all on the JVM's class path, with its own trained cache.
# name | JDK | extra JVM flags (run from the app dir, as the archives require) | app dir | database
VARIANTS=(
  "issue-9|$JDK17||$ISSUE_DIR/target/quarkus-app|catalog_issue"
  "today|$JDK17|"
  "appcds-17|$JDK17|-XX:SharedArchiveFile=app-cds.jsa"
  "jdk25|$JDK25|"
  "aot-25|$JDK25|-XX:AOTCache=app.aot"
  "aot-25-trained|$JDK25|-XX:AOTCache=app-trained.aot"
  "aot-25-trained-late-c2|$JDK25|-XX:AOTCache=app-trained.aot $LATE_C2"
  "aot-25-trained-migrated|$JDK25|-XX:AOTCache=app-trained.aot -Dquarkus.flyway.migrate-at-start=false"
  "aot-jar-25-trained|$JDK25|-XX:AOTCache=app-trained.aot|$PWD/target/quarkus-app-aot"
)
[ -n "${ONLY:-}" ] && { keep=(); for v in "${VARIANTS[@]}"; do [[ " today issue-9 $ONLY " == *" ${v%%|*} "* ]] && keep+=("$v"); done; VARIANTS=("${keep[@]}"); }

as_pg() { if [ "$(id -u)" = 0 ]; then su postgres -c "$*"; else bash -c "$*"; fi; }
APP=
stop_app() { if [ -n "$APP" ]; then kill "$APP" 2>/dev/null || true; wait "$APP" 2>/dev/null || true; APP=; fi; }
cleanup() { stop_app; as_pg "$PGBIN/pg_ctl -D $PGDATA -m fast stop" > /dev/null 2>&1 || true; }
trap cleanup EXIT
[ -f "$PGDATA/postmaster.pid" ] && as_pg "$PGBIN/pg_ctl -D $PGDATA -m fast stop" > /dev/null 2>&1 || true
rm -rf "$PGDATA"; mkdir -p "$PGDATA"; [ "$(id -u)" = 0 ] && chown postgres "$PGDATA"
as_pg "$PGBIN/initdb -D $PGDATA -U postgres --auth=trust" > "$OUT/initdb.log"
as_pg "$PGBIN/pg_ctl -D $PGDATA -o '-p $PORT -c max_connections=100' -l $PGDATA/server.log -w start" > /dev/null
psql -q -h 127.0.0.1 -p $PORT -U postgres -c 'create database catalog' -c 'create database catalog_issue'

if [ ! -f "$ISSUE_DIR/target/quarkus-app/quarkus-run.jar" ]; then
  rm -rf "$ISSUE_DIR"; mkdir -p "$ISSUE_DIR"
  git archive "$ISSUE_COMMIT" | tar -x -C "$ISSUE_DIR"
  mvn -B -q -f "$ISSUE_DIR/pom.xml" package -DskipTests
fi

[ -f "$APPDIR/quarkus-run.jar" ] || mvn -B -q package -DskipTests
PGPORT=$PORT bash bench/startup-archives.sh

# start NAME JDK FLAGS LOG [DIR DATABASE]: launches the app, returns when /q/health/ready answers 200; sets APP and MS
start() {
  local t0 t1 dir=${5:-$APPDIR} db=${6:-catalog}
  t0=$(date +%s%N)
  (cd "$dir" && QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:$PORT/$db exec "$2/bin/java" $JAVA_OPTS $3 -jar quarkus-run.jar) > "$4" 2>&1 &
  APP=$!
  until curl -sf -o /dev/null --max-time 1 "$API/q/health/ready"; do
    kill -0 "$APP" 2>/dev/null || { echo "$1 died, see $4" >&2; tail -20 "$4" >&2; exit 1; }
    sleep 0.02
  done
  t1=$(date +%s%N)
  MS=$(( (t1 - t0) / 1000000 ))
}

# The first start migrates the empty database (Flyway); every timed start finds it migrated.
start migrate "$JDK17" "" "$OUT/migrate.log"; stop_app
for v in "${VARIANTS[@]}"; do
  IFS='|' read -r name jdk flags dir db <<< "$v"
  [ -n "$db" ] && { start "migrate-$name" "$jdk" "" "$OUT/migrate-$name.log" "$dir" "$db"; stop_app; }
done

if [ "$MODE" = startup ] || [ "$MODE" = all ]; then
  : > "$OUT/startup.tsv"
  for run in $(seq 1 "$RUNS"); do
    for v in "${VARIANTS[@]}"; do
      IFS='|' read -r name jdk flags dir db <<< "$v"
      log="$OUT/$name-$run.log"
      start "$name" "$jdk" "$flags" "$log" "$dir" "$db"
      stop_app
      started=$(grep -o 'started in [0-9.]*s' "$log" | grep -o '[0-9.]*[0-9]' || echo "")
      printf '%s\t%s\t%s\t%s\n' "$name" "$run" "$MS" "$started" >> "$OUT/startup.tsv"
      echo "$name run $run: ${MS} ms to ready (Quarkus: ${started}s)"
    done
  done
  python3 bench/startup-report.py startup "$OUT/startup.tsv" docs/benchmarks.md "$RUNS" "$JAVA_OPTS" "${VARIANTS[@]}"
fi

if [ "$MODE" = warmup ] || [ "$MODE" = all ]; then
  # One catalog for every variant, loaded through the API once; then each variant from a fresh start:
  # wrk on one episode at 16 connections, $INTERVAL-s runs back to back for $WARMUP_SECONDS s.
  WARM=${WARM_VARIANTS:-"today aot-25-trained aot-jar-25-trained"}
  start load "$JDK17" "" "$OUT/load.log"
  python3 bench/load-catalog.py "$API" "$KEY" "$EPISODES" "$OUT" > /dev/null
  stop_app
  head -1 "$OUT/episode.paths" > "$OUT/one-episode.paths"
  : > "$OUT/warmup.tsv"; : > "$OUT/warmup-hwm.tsv"
  for v in "${VARIANTS[@]}"; do
    IFS='|' read -r name jdk flags dir _ <<< "$v"
    [[ " $WARM " == *" $name "* ]] || continue
    start "$name" "$jdk" "$flags" "$OUT/$name-warmup.log" "$dir"
    for i in $(seq 1 $(( WARMUP_SECONDS / INTERVAL ))); do
      rate=$(PATHS="$OUT/one-episode.paths" wrk -t2 -c16 -d${INTERVAL}s -s bench/wrk/rotate.lua "$API" | awk '/^Requests\/sec/ {print $2}')
      printf '%s\t%s\t%s\n' "$name" $(( i * INTERVAL )) "$rate" >> "$OUT/warmup.tsv"
    done
    # peak resident memory, the mapped cache's pages included
    printf '%s\t%s\n' "$name" "$(awk '/VmHWM/ {print $2}' /proc/$APP/status)" >> "$OUT/warmup-hwm.tsv"
    stop_app
    echo "$name: $(awk -v n="$name" '$1 == n {printf "%s ", int($3)}' "$OUT/warmup.tsv")"
  done
  python3 bench/startup-report.py warmup "$OUT/warmup.tsv" docs/benchmarks.md "$INTERVAL" "$JAVA_OPTS" "${VARIANTS[@]}"
fi
