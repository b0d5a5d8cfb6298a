#!/usr/bin/env bash
# Makes the startup archives next to target/quarkus-app/quarkus-run.jar, each only when missing or older
# than the jar (an archive is valid only for the exact jars and the exact JDK that made it):
#   app-cds.jsa        JDK 17 AppCDS, by Quarkus itself: mvn package -Dquarkus.package.jar.appcds.enabled=true
#                      (Quarkus runs the jar with -Dquarkus.appcds.generate=true: static init only, then exit;
#                      no database needed)
#   app.aot            JDK 25 AOT cache (JEP 483/514) from the same static-init-only run: no database needed
#   app-trained.aot    JDK 25 AOT cache from a full start plus a few requests (classes of runtime init and
#                      method profiles too, JEP 515): needs a migrated database at PGPORT (bench only)
# and the same code packaged as Quarkus's aot-jar in target/quarkus-app-aot, with its own app-trained.aot
# (README "Faster startup"): every jar on the JVM's class path, none behind Quarkus's class loader, so that
# the cache holds their classes linked, as it does the JDK's. (Its launcher does not stop after static init
# for -Dquarkus.appcds.generate, so it has no untrained cache here.)
set -euo pipefail
# every request comes from 127.0.0.1: the per-address rate limit would measure itself
export CATALOG_RATE_LIMIT_ENABLED=false
cd "$(dirname "$0")/.."
JDK25=${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}
APPDIR=target/quarkus-app AOTDIR=target/quarkus-app-aot
# stale FILE [DIR]: FILE in DIR (the fast-jar's by default) is missing or older than the jar it was made from
stale() { local dir=${2:-$APPDIR}; [ ! -f "$dir/$1" ] || [ "$dir/quarkus-run.jar" -nt "$dir/$1" ]; }

if stale app-cds.jsa; then
  mvn -B -q package -DskipTests -Dquarkus.package.jar.appcds.enabled=true
fi
if stale app.aot; then
  (cd "$APPDIR" && "$JDK25/bin/java" -XX:AOTCacheOutput=app.aot -Dquarkus.appcds.generate=true -jar quarkus-run.jar) \
    > target/aot-cache.log 2>&1
fi
if [ -n "${PGPORT:-}" ] && stale app-trained.aot; then
  bash bench/aot-train.sh "$PGPORT"
fi
# the aot-jar of the same code: rebuilt when older than the fast-jar (a second package that leaves
# target/quarkus-app as it is; target/quarkus-artifact.properties then names this one until the next package)
if [ ! -f "$AOTDIR/quarkus-run.jar" ] || [ "$APPDIR/quarkus-run.jar" -nt "$AOTDIR/quarkus-run.jar" ]; then
  mvn -B -q package -DskipTests -Dquarkus.package.jar.type=aot-jar -Dquarkus.package.output-directory=quarkus-app-aot
fi
if [ -n "${PGPORT:-}" ] && stale app-trained.aot "$AOTDIR"; then
  APPDIR=$AOTDIR bash bench/aot-train.sh "$PGPORT"
fi
ls -la "$APPDIR"/*.jsa "$APPDIR"/*.aot "$AOTDIR"/*.aot
