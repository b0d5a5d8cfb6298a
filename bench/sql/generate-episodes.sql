-- Part 2 of bench/generate-catalog.sh: episodes :lo to :hi - 1 (0-based) with their guests, topics,
-- chapters and links; run by several sessions at once over different ranges. Triggers and foreign-key
-- checks are off (session_replication_role = replica). Episodes go in first: their guest and topic rows
-- then copy the episode's sort keys and visibility from it, as the trigger episode_link_takes_keys would
-- have, so that nothing needs rewriting afterwards (catalog_refresh_derived finds them in step). (offset 0
-- keeps each lateral step from being folded into its users, which would compute its values once per use.)
-- Search documents are computed in the same statement, from the same deterministic names the link rows
-- get (one pass over the rows, no update afterwards).
\set ON_ERROR_STOP on
set session_replication_role = replica;
set synchronous_commit = off;
set max_parallel_workers_per_gather = 0;
-- the JIT compiler spends seconds on these statements and saves nothing
set jit = off;

insert into episodes (id, show_id, guid, slug, number, season, type, title, summary, description, status, published_at,
                      duration_seconds, audio_url, audio_mime_type, audio_size_bytes, image_url, explicit, language,
                      created_at, updated_at, version, search_vector)
select 10000000 + i, 1 + s, guid, slug, number, season, type, title, summary, description, status, published_at,
       duration, 'https://cdn.example.fm/' || show_slug || '/' || number || '.mp3', 'audio/mpeg', duration::bigint * 16000,
       case when i % 5 = 0 then 'https://img.example.fm/episodes/' || i || '.jpg' end, i % 20 = 0, 'en',
       created, created + (bench_gen.h(i, 14) % 30) * interval '1 day', (bench_gen.h(i, 14) % 3)::int,
       episode_document(title, guest_names, summary, topic_names, chapter_titles, description)
  from generate_series(:lo::bigint, :hi - 1) i,
  lateral (select (i % :shows)::int s, (i / :shows + 1)::int number, bench_gen.status(i) status,
                  1200 + (bench_gen.h(i, 13) % 4200)::int duration offset 0) a,
  lateral (select (select slug from shows where id = 1 + a.s) show_slug,
                  case a.status
                      when 'scheduled' then date_trunc('hour', now()) + (1 + bench_gen.h(i, 15) % 60) * interval '1 day'
                      when 'draft' then case when i % 2 = 0 then null else timestamptz '2026-12-20 10:00:00+00' end
                      -- weekly-ish per show over 20 years up to 2026-11-01, shows a few minutes apart
                      else timestamptz '2026-11-01 10:00:00+00'
                           - ((:episodes / :shows + 1) - a.number) * (interval '7300 days' / (:episodes / :shows + 1))
                           + a.s * interval '7 minutes' end published_at,
                  bench_gen.guest_name(bench_gen.ep_guest(i, 1)) guest,
                  (select string_agg(bench_gen.guest_name(bench_gen.ep_guest(i, k)), ' ' order by k)
                     from generate_series(0, bench_gen.guest_count(i) - 1) k) guest_names,
                  (select string_agg(bench_gen.topic_name(bench_gen.ep_topic(i, k)), ' ' order by k)
                     from generate_series(0, bench_gen.topic_count(i) - 1) k) topic_names,
                  (select string_agg(case when k = 0 then 'Introduction' else bench_gen.cut((select x.txt from bench_gen.sentences x where x.n = bench_gen.h(i * 16 + k, 8) % 5000), 50) end, ' ' order by k)
                     from generate_series(0, bench_gen.chapter_count(i) - 1) k) chapter_titles,
                  (select string_agg(r, ' ') from unnest(bench_gen.rare_terms()) with ordinality t(r, n)
                    where bench_gen.h(i, 100 + n::int) % 1000 < 1 + (n - 1) % 9) rare,
                  (select string_agg(b, ' ') from unnest(bench_gen.broad_terms(), bench_gen.broad_every()) t(b, every)
                    where i % every = 0) broad offset 0) b,
  lateral (select case when a.s % 3 = 0 then 'urn:uuid:' || md5('episode' || i)::uuid
                       else 'https://' || b.show_slug || '.example.fm/?p=' || (i + 1) end guid,
                  case when a.s % 4 = 0 then (a.number - 1) / 50 + 1 end season,
                  case when a.number = 1 then 'trailer' when i % 50 = 7 then 'bonus' else 'full' end type,
                  left(case when a.number = 1 then 'Welcome to the show'
                            else b.guest || ' on ' || bench_gen.cut((select x.txt from bench_gen.sentences x where x.n = bench_gen.h(i, 16) % 5000), 70) end
                       || coalesce(': ' || b.rare, ''), 300) title,
                  left((select x.txt from bench_gen.sentences x where x.n = bench_gen.h(i, 17) % 5000) || ' ' || (select x.txt from bench_gen.sentences x where x.n = bench_gen.h(i, 18) % 5000)
                       || coalesce(' We talk about ' || b.broad || '.', ''), 4000) summary,
                  coalesce(b.published_at, timestamptz '2026-11-01 10:00:00+00') - interval '2 days' created offset 0) c,
  lateral (select left(bench_gen.slug(c.title), 80) base offset 0) d,
  lateral (select trim(both '-' from d.base) || '-' || (i + 1) slug,
                  'My guest for episode #' || a.number || ' of ' || (select title from shows where id = 1 + a.s) || ' is '
                  || b.guest || '.' || E'\n\n'
                  || (select string_agg((select x.txt from bench_gen.sentences x where x.n = bench_gen.h(i * 64 + j, 19) % 5000)
                                        || case when j % 4 = 0 then E'\n\n' else ' ' end, '' order by j)
                        from generate_series(1, 10 + (bench_gen.h(i, 20) % 28)::int) j)
                  || E'\n\nLinks mentioned in this episode:\nhttps://' || b.show_slug || '.example.fm/' || a.number description offset 0) e;

-- read this range of episodes by its primary key, never by a scan of every episode the other sessions wrote
set enable_seqscan = off;
insert into episode_guests (id, episode_id, guest_id, role, position,
                            published_sort, number_sort, title, updated_at, status, published_at)
select 100000000 + i * 4 + k, e.id, 1000000 + bench_gen.ep_guest(i, k),
       case when k = 0 then 'host' when k = 2 and i % 8 = 2 then 'cohost' else 'guest' end, k,
       e.published_sort, e.number_sort, e.title, e.updated_at, e.status, e.published_at
  from episodes e, lateral (select e.id - 10000000 i offset 0) x, generate_series(0, 2) k
 where e.id >= 10000000 + :lo::bigint and e.id < 10000000 + :hi::bigint and k < bench_gen.guest_count(i);

insert into episode_topics (id, episode_id, topic_id, position,
                            published_sort, number_sort, title, updated_at, status, published_at)
select 500000000 + i * 4 + k, e.id, 100000 + bench_gen.ep_topic(i, k), k,
       e.published_sort, e.number_sort, e.title, e.updated_at, e.status, e.published_at
  from episodes e, lateral (select e.id - 10000000 i offset 0) x, generate_series(0, 3) k
 where e.id >= 10000000 + :lo::bigint and e.id < 10000000 + :hi::bigint and k < bench_gen.topic_count(i);

insert into chapters (id, episode_id, position, title, start_seconds)
select 1000000000 + i * 8 + k, 10000000 + i, k, case when k = 0 then 'Introduction' else bench_gen.cut((select x.txt from bench_gen.sentences x where x.n = bench_gen.h(i * 16 + k, 8) % 5000), 50) end,
       k * (1200 + (bench_gen.h(i, 13) % 4200)::int) / bench_gen.chapter_count(i)
  from generate_series(:lo::bigint, :hi - 1) i, generate_series(0, 6) k
 where k < bench_gen.chapter_count(i);

insert into links (id, slug, kind, title, url, position, episode_id, created_at, updated_at, version)
select 2000000000 + i * 4 + k, 'ep' || (i + 1) || '-' || kind || '-' || k, kind, title,
       'https://' || (array['example.org', 'blog.example.com', 'news.example.net'])[1 + k] || '/' || i || '/' || k, k, 10000000 + i,
       timestamptz '2026-01-01 00:00:00+00', timestamptz '2026-01-01 00:00:00+00', 0
  from generate_series(:lo::bigint, :hi - 1) i, generate_series(0, 2) k,
  lateral (select (array['website', 'article', 'blog', 'social', 'video', 'support'])[1 + ((i + k) % 6)::int] kind,
                  case when k = 0 then 'Guest website' else bench_gen.cut((select x.txt from bench_gen.sentences x where x.n = bench_gen.h(i * 4 + k, 21) % 5000), 40) end title) l
 where k < bench_gen.link_count(i);
