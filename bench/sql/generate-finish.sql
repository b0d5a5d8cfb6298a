-- Part 3 of bench/generate-catalog.sh: what the triggers would have maintained, the indexes, the
-- sequences and the planner's statistics. Two sessions run it at once, with :part 0 and 1: part 0 builds
-- the largest index (the episodes' search GIN, which one session builds alone) and vacuums the episodes;
-- part 1 does everything else. psql variable: part.
\set ON_ERROR_STOP on
set session_replication_role = replica;
set maintenance_work_mem = '1GB';
-- the two sessions already keep both cores busy
set max_parallel_maintenance_workers = 0;

select :part = 0 gin_part \gset
\if :gin_part
select indexdef from bench_gen.saved_indexes
 where tablename = 'episodes' and indexdef like '% USING gin %' \gexec
vacuum analyze episodes;
\else
-- Denormalized columns and counters, where the schema has them (catalog_refresh_derived() recomputes
-- them set-based; with triggers off it leaves no deltas behind). Part 2 wrote the link rows' copied
-- keys already, so this only counts.
select 'select catalog_refresh_derived()'
 where exists (select 1 from pg_proc where proname = 'catalog_refresh_derived' and pronamespace = 'public'::regnamespace) \gexec

select indexdef from bench_gen.saved_indexes
 where not (tablename = 'episodes' and indexdef like '% USING gin %') \gexec

-- Every sequence past every id the generator used (Hibernate takes catalog_seq fifty at a time).
select format('select setval(%L, (select max(id) from links) + 1000)', c.oid::regclass)
  from pg_class c where c.relkind = 'S' and c.relnamespace = 'public'::regnamespace \gexec

vacuum analyze shows, guests, topics, episode_guests, episode_topics, chapters, links;
\endif
