-- Part 3 of bench/generate-catalog.sh: what the triggers would have maintained, the indexes, the
-- sequences and the planner's statistics.
\set ON_ERROR_STOP on
set session_replication_role = replica;
set maintenance_work_mem = '1GB';
set max_parallel_maintenance_workers = 1;

-- Denormalized columns and counters, where the schema has them (catalog_refresh_derived() recomputes
-- them set-based; with triggers off it leaves no deltas behind).
select 'select catalog_refresh_derived()'
 where exists (select 1 from pg_proc where proname = 'catalog_refresh_derived' and pronamespace = 'public'::regnamespace) \gexec

select indexdef from bench_gen.saved_indexes \gexec

-- Every sequence past every id the generator used (Hibernate takes catalog_seq fifty at a time).
select format('select setval(%L, (select max(id) from links) + 1000)', c.oid::regclass)
  from pg_class c where c.relkind = 'S' and c.relnamespace = 'public'::regnamespace \gexec

vacuum analyze shows, guests, topics, episodes, episode_guests, episode_topics, chapters, links;
