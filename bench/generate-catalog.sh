#!/usr/bin/env bash
# Loads a generated catalog straight into PostgreSQL, in minutes:
#   PGHOST=127.0.0.1 PGPORT=5499 PGUSER=postgres PGDATABASE=catalog bench/generate-catalog.sh
# EPISODES=1000000 by default over SHOWS=500 shows, GUESTS=100000 guests, TOPICS=2000 topics; on average
# 2 guests, 3 topics, 5 chapters and 2 links per episode; descriptions of 1-4 KB. Deterministic: the same
# sizes give the same catalog (but scheduled episodes are due 1-60 days after the run). 97% published,
# 3% drafts, 1% scheduled. Search terms for the benchmark: bench_gen.rare_terms() (each in 0.1-0.9% of
# episodes) and bench_gen.broad_terms() (10-50%).
# The database must have been migrated by the app's Flyway first (start the packaged jar against it once):
# the script fills whatever schema main has, and empties the catalog's tables first. Needs psql only.
set -euo pipefail
cd "$(dirname "$0")"
EPISODES=${EPISODES:-1000000} SHOWS=${SHOWS:-500} GUESTS=${GUESTS:-100000} TOPICS=${TOPICS:-2000} JOBS=${JOBS:-2}
[ "$GUESTS" -gt "$SHOWS" ] || { echo "GUESTS must exceed SHOWS (every show has a host)" >&2; exit 1; }
psql -qAtc "select 1 from flyway_schema_history limit 1" > /dev/null \
  || { echo "no migrated catalog schema: start the app once against this database first" >&2; exit 1; }
fill() { sed -e "s/:shows\b/$SHOWS/g; s/:guests\b/$GUESTS/g; s/:topics\b/$TOPICS/g; s/:episodes\b/$EPISODES/g; s/:lo\b/$2/g; s/:hi\b/$3/g" "sql/$1"; }
start=$(date +%s.%N)
fill generate-setup.sql 0 0 | psql -q -v ON_ERROR_STOP=1 > /dev/null
t1=$(date +%s.%N)
pids=()
for ((j = 0; j < JOBS; j++)); do
  fill generate-episodes.sql $((EPISODES * j / JOBS)) $((EPISODES * (j + 1) / JOBS)) | psql -q -v ON_ERROR_STOP=1 > /dev/null &
  pids+=($!)
done
for p in "${pids[@]}"; do wait "$p"; done
t2=$(date +%s.%N)
pids=()
for part in 0 1; do
  fill generate-finish.sql 0 0 | psql -q -v ON_ERROR_STOP=1 -v part=$part > /dev/null &
  pids+=($!)
done
for p in "${pids[@]}"; do wait "$p"; done
t3=$(date +%s.%N)
psql -qAtF ' ' -c "select count(*) from episodes" -c "select count(*) from episode_guests" -c "select count(*) from episode_topics" \
  -c "select count(*) from chapters" -c "select count(*) from links" -c "select pg_size_pretty(pg_database_size(current_database()))" \
  | paste -sd' ' | awk '{printf "episodes %s, episode guests %s, episode topics %s, chapters %s, links %s; database %s %s\n", $1, $2, $3, $4, $5, $6, $7}'
awk -v a="$start" -v b="$t1" -v c="$t2" -v d="$t3" 'BEGIN {printf "generated in %.0f s: shows, guests, topics %.0f s; episodes and their rows %.0f s; derived columns, indexes, analyze %.0f s\n", d - a, b - a, c - b, d - c}'
