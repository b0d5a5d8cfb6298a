# Sourced by the benchmarks that start a PostgreSQL 15 of their own for one run: defines as_pg (runs a command
# as postgres when we are root, since PostgreSQL refuses to run as root) and starts a new cluster in $PGDATA
# on $PORT with a pgbench database (scale 10), stopped again, with the app in $APP, when the script exits.
# Needs PGBIN, PGDATA, PORT and OUT set; the caller creates its own databases.
as_pg() { if [ "$(id -u)" = 0 ]; then su postgres -c "$*"; else bash -c "$*"; fi; }
APP=
cleanup() { [ -n "$APP" ] && kill "$APP" 2>/dev/null; as_pg "$PGBIN/pg_ctl -D $PGDATA -m fast stop" > /dev/null 2>&1 || true; }
trap cleanup EXIT
mkdir -p "$PGDATA"; [ "$(id -u)" = 0 ] && chown postgres "$PGDATA"
as_pg "$PGBIN/initdb -D $PGDATA -U postgres --auth=trust" > "$OUT/initdb.log"
as_pg "$PGBIN/pg_ctl -D $PGDATA -o '-p $PORT -c max_connections=100' -l $PGDATA/server.log -w start" > /dev/null
psql -q -c 'create database pgbench'
pgbench -q -i -s 10 pgbench > "$OUT/pgbench-init.log" 2>&1
