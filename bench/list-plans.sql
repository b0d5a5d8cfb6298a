-- The plans of the list queries that docs/indexes.md says are served by an index, on a loaded catalog,
-- with their run times: psql "$DATABASE_URL" -f bench/list-plans.sql
-- The queries are the ones the API builds (EpisodeService, GuestService), with the largest topic and
-- guest of the catalog and a cursor deep in them.
\timing on
select owner_id as topic from episode_counts where kind = 'topic' order by episodes desc limit 1 \gset
select owner_id as guest from episode_counts where kind = 'guest' order by episodes desc limit 1 \gset
select title as deep_title, episode_id as deep_id from episode_topics where topic_id = :topic
 order by title, episode_id offset (select episodes / 2 from episode_counts where kind = 'topic' and owner_id = :topic) limit 1 \gset

-- a topic's episodes, anonymous, by title: first page, and a cursor half way through
explain (analyze, buffers, costs off) select c.episode_id, cast(c.title as text) from episode_topics c
 where episode_visible(c.status, c.published_at) and c.topic_id = :topic order by c.title asc, c.episode_id asc limit 21;
explain (analyze, buffers, costs off) select c.episode_id, cast(c.title as text) from episode_topics c
 where episode_visible(c.status, c.published_at) and c.topic_id = :topic and (c.title, c.episode_id) > (cast(:'deep_title' as text), :deep_id)
 order by c.title asc, c.episode_id asc limit 21;
-- a guest's episodes, anonymous, newest first
explain (analyze, buffers, costs off) select c.episode_id, cast(c.published_sort as text) from episode_guests c
 where episode_visible(c.status, c.published_at) and c.guest_id = :guest order by c.published_sort desc, c.episode_id desc limit 21;
-- guests by -episodeCount, anonymous: first page, and after a cursor
explain (analyze, buffers, costs off) select n.owner_id, cast(n.visible as text) from guests g
  join episode_counts n on n.kind = 'guest' and n.owner_id = g.id order by n.visible desc, n.owner_id desc limit 21;
explain (analyze, buffers, costs off) select n.owner_id, cast(n.visible as text) from guests g
  join episode_counts n on n.kind = 'guest' and n.owner_id = g.id where (n.visible, n.owner_id) < (cast('10' as bigint), 50000)
 order by n.visible desc, n.owner_id desc limit 21;
-- count=true: from the counters, against a count of the rows
select episode_count('topic', :topic, true) as topic_visible, episode_count('catalog', 0, true) as catalog_visible;
select count(*) as topic_visible_rows from episode_topics c where c.topic_id = :topic and episode_visible(c.status, c.published_at);
select count(*) as catalog_visible_rows from episodes e where episode_visible(e.status, e.published_at);
-- a filtered count: its plan's cost, which decides between counting and an estimate (EpisodeService.MAX_EXACT_COUNT_COST)
explain select count(*) from episodes e where episode_visible(e.status, e.published_at) and e.type = 'full';
