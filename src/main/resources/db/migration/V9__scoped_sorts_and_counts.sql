-- Every filter and sort of a list served by an index (docs/indexes.md lists each combination).

-- A show's episodes by every sort key (by publishedAt: episodes_show_published_idx, V1).
create index episodes_show_number_idx on episodes (show_id, number_sort, id);
create index episodes_show_title_idx on episodes (show_id, title, id);
create index episodes_show_updated_idx on episodes (show_id, updated_at, id);

-- A guest's or topic's episodes by every sort key. Each episode_guests and episode_topics row copies
-- its episode's sort keys and what visibility depends on, so that a page is one index scan in sort
-- order that stops after limit + 1 rows, at any depth, for anonymous readers too (the visibility
-- inputs ride in the index). Kept in step by triggers: a link row takes its episode's values when it
-- is inserted, and follows every change of them. Nullable: a bulk load with triggers off (session_replication_role =
-- replica) leaves them empty until catalog_refresh_derived() fills them (as it does for the rows there are
-- now, at the end of this migration).
-- Locks: the follower updates the link rows of the episodes a statement updated. Every writer of an
-- episode's link rows locks the episode first (writes, imports, detaching), so this adds no new order.
do $$
declare
    t text;
begin
    foreach t in array array['episode_guests', 'episode_topics'] loop
        execute format('alter table %I add column published_sort timestamptz, add column number_sort integer, '
                       'add column title varchar(300), add column updated_at timestamptz, add column status varchar(16), '
                       'add column published_at timestamptz', t);
    end loop;
end
$$;

create function episode_link_takes_keys() returns trigger
language plpgsql as
$$
begin
    select e.published_sort, e.number_sort, e.title, e.updated_at, e.status, e.published_at
      into new.published_sort, new.number_sort, new.title, new.updated_at, new.status, new.published_at
      from episodes e where e.id = new.episode_id;
    return new;
end
$$;
create trigger episode_guests_take_keys before insert or update of episode_id on episode_guests
    for each row execute function episode_link_takes_keys();
create trigger episode_topics_take_keys before insert or update of episode_id on episode_topics
    for each row execute function episode_link_takes_keys();

-- (owner, key, episode_id), with the visibility inputs included: anonymous pages filter in the index.
create index episode_guests_published_idx on episode_guests (guest_id, published_sort, episode_id) include (status, published_at);
create index episode_guests_number_idx on episode_guests (guest_id, number_sort, episode_id) include (status, published_at);
create index episode_guests_title_idx on episode_guests (guest_id, title, episode_id) include (status, published_at);
create index episode_guests_updated_idx on episode_guests (guest_id, updated_at, episode_id) include (status, published_at);
create index episode_topics_published_idx on episode_topics (topic_id, published_sort, episode_id) include (status, published_at);
create index episode_topics_number_idx on episode_topics (topic_id, number_sort, episode_id) include (status, published_at);
create index episode_topics_title_idx on episode_topics (topic_id, title, episode_id) include (status, published_at);
create index episode_topics_updated_idx on episode_topics (topic_id, updated_at, episode_id) include (status, published_at);
-- (guest_id, episode_id) and (topic_id, episode_id) served only lookups by owner, which every index above serves.
drop index episode_guests_guest_idx;
drop index episode_topics_topic_idx;

-- Guests and topics by -updatedAt.
create index guests_updated_idx on guests (updated_at, id);
create index topics_updated_idx on topics (updated_at, id);

-- Episode counts of guests, topics, shows and the whole catalog (kind 'catalog', owner 0), exact at
-- every read and sortable by an index, without a row that every writer updates:
-- - writes append deltas to episode_count_deltas (insert-only, so parallel imports into the same
--   guest never wait for each other or deadlock), from statement triggers on the link tables and on
--   episodes;
-- - catalog_fold_counts(), run by every instance every 250 ms (fm.catalog.episode.EpisodeCountFolding;
--   one at a time by an advisory lock, the others skip), moves them into episode_counts and sets
--   `visible`, the sort key of anonymous lists, for what is visible at that moment;
-- - a read (episode_count()) adds the deltas not folded yet and takes away the episodes not due yet,
--   so the count it answers is exact at its snapshot; only the order of -episodeCount lags, by the
--   fold's interval.
-- episodes counts every episode (what keyed readers see), listed those that are not drafts; visible
-- is listed less those not due yet (published_at in the future), as of the last fold.
create table episode_counts (
    kind     varchar(8) not null check (kind in ('guest', 'topic', 'show', 'catalog')),
    owner_id bigint     not null,
    episodes bigint     not null default 0,
    listed   bigint     not null default 0,
    visible  bigint     not null default 0,
    primary key (kind, owner_id)
);
create index episode_counts_visible_idx on episode_counts (kind, visible, owner_id);
create index episode_counts_episodes_idx on episode_counts (kind, episodes, owner_id);

-- A row with zero changes marks an owner whose episodes' dates moved: the fold sets its `visible` again.
create table episode_count_deltas (
    kind     varchar(8) not null,
    owner_id bigint     not null,
    episodes bigint     not null,
    listed   bigint     not null
);
create index episode_count_deltas_owner_idx on episode_count_deltas (kind, owner_id);

-- When the last fold ran: episodes that fell due since then change `visible` of their owners.
create table episode_counts_folded (at timestamptz not null);
insert into episode_counts_folded values (now());

-- Deltas of the link tables: one insert per statement, whatever its number of rows.
do $$
declare
    t text;
    owner text;
    kind text;
begin
    foreach t in array array['episode_guests', 'episode_topics'] loop
        owner := case t when 'episode_guests' then 'guest_id' else 'topic_id' end;
        kind := case t when 'episode_guests' then 'guest' else 'topic' end;
        execute format($f$
            create function %1$s_counted() returns trigger language plpgsql as
            $body$
            begin
                -- catalog_refresh_derived() recounts everything itself
                if current_setting('catalog.refreshing', true) = 'on' then
                    return null;
                end if;
                if tg_op = 'INSERT' then
                    insert into episode_count_deltas
                    select %3$L, %2$I, count(*), count(*) filter (where status <> 'draft') from new_links group by %2$I;
                elsif tg_op = 'DELETE' then
                    insert into episode_count_deltas
                    select %3$L, %2$I, -count(*), -count(*) filter (where status <> 'draft') from old_links group by %2$I;
                else
                    insert into episode_count_deltas
                    select %3$L, d.owner_id, sum(d.episodes), sum(d.listed)
                      from (select n.%2$I owner_id, 1 episodes, (n.status <> 'draft')::int listed
                              from new_links n join old_links o on o.id = n.id
                             where (n.%2$I, n.status, n.published_at) is distinct from (o.%2$I, o.status, o.published_at)
                            union all
                            select o.%2$I, -1, -(o.status <> 'draft')::int
                              from new_links n join old_links o on o.id = n.id
                             where (n.%2$I, n.status, n.published_at) is distinct from (o.%2$I, o.status, o.published_at)) d
                     group by d.owner_id;
                end if;
                return null;
            end
            $body$;
            create trigger %1$s_counted_insert after insert on %1$I referencing new table as new_links
                for each statement execute function %1$s_counted();
            create trigger %1$s_counted_delete after delete on %1$I referencing old table as old_links
                for each statement execute function %1$s_counted();
            create trigger %1$s_counted_update after update on %1$I referencing old table as old_links new table as new_links
                for each statement execute function %1$s_counted();
            $f$, t, owner, kind);
    end loop;
end
$$;

-- Deltas of episodes, for their shows and the catalog.
create function episodes_counted() returns trigger language plpgsql as
$$
begin
    if tg_op = 'INSERT' then
        insert into episode_count_deltas
        select 'show', show_id, count(*), count(*) filter (where status <> 'draft') from new_episodes group by show_id
        union all
        select 'catalog', 0, count(*), count(*) filter (where status <> 'draft') from new_episodes having count(*) > 0;
    else
        insert into episode_count_deltas
        select 'show', show_id, -count(*), -count(*) filter (where status <> 'draft') from old_episodes group by show_id
        union all
        select 'catalog', 0, -count(*), -count(*) filter (where status <> 'draft') from old_episodes having count(*) > 0;
    end if;
    return null;
end
$$;
create trigger episodes_counted_insert after insert on episodes referencing new table as new_episodes
    for each statement execute function episodes_counted();
create trigger episodes_counted_delete after delete on episodes referencing old table as old_episodes
    for each statement execute function episodes_counted();

-- An episode's keys, status or date changed: its link rows follow (one statement per table for all
-- the episodes a statement updated: an import updates hundreds at once), and its show and the catalog
-- count again.
create function episode_links_follow() returns trigger
language plpgsql as
$$
declare
    t text;
begin
    if current_setting('catalog.refreshing', true) = 'on' then
        return null;
    end if;
    foreach t in array array['episode_guests', 'episode_topics'] loop
        execute format(
            'update %I c set published_sort = n.published_sort, number_sort = n.number_sort, title = n.title, '
            'updated_at = n.updated_at, status = n.status, published_at = n.published_at '
            'from new_episodes n join old_episodes o on o.id = n.id where c.episode_id = n.id '
            'and (n.published_sort, n.number_sort, n.title, n.updated_at, n.status, n.published_at) '
            'is distinct from (o.published_sort, o.number_sort, o.title, o.updated_at, o.status, o.published_at)', t);
    end loop;
    insert into episode_count_deltas
    select d.kind, d.owner_id, sum(d.episodes), sum(d.listed)
      from (select 'show' kind, n.show_id owner_id, 1 episodes, (n.status <> 'draft')::int listed from new_episodes n join old_episodes o on o.id = n.id
             where (n.show_id, n.status, n.published_at) is distinct from (o.show_id, o.status, o.published_at)
            union all
            select 'show', o.show_id, -1, -(o.status <> 'draft')::int from new_episodes n join old_episodes o on o.id = n.id
             where (n.show_id, n.status, n.published_at) is distinct from (o.show_id, o.status, o.published_at)
            union all
            select 'catalog', 0, 0, (n.status <> 'draft')::int - (o.status <> 'draft')::int from new_episodes n join old_episodes o on o.id = n.id
             where (n.status, n.published_at) is distinct from (o.status, o.published_at)) d
     group by d.kind, d.owner_id;
    return null;
end
$$;
create trigger episodes_links_follow after update on episodes
    referencing old table as old_episodes new table as new_episodes
    for each statement execute function episode_links_follow();

-- Every guest, topic and show has its counter row from its first moment: lists sorted by count join them.
create function episode_count_owner() returns trigger language plpgsql as
$$
begin
    if tg_op = 'INSERT' then
        insert into episode_counts (kind, owner_id) select tg_argv[0], id from new_owners;
    else
        delete from episode_counts where kind = tg_argv[0] and owner_id in (select id from old_owners);
    end if;
    return null;
end
$$;
do $$
begin
    execute (select string_agg(format(
        'create trigger %1$s_counter_insert after insert on %1$I referencing new table as new_owners '
        'for each statement execute function episode_count_owner(%2$L); '
        'create trigger %1$s_counter_delete after delete on %1$I referencing old table as old_owners '
        'for each statement execute function episode_count_owner(%2$L)', owners, rtrim(owners, 's')), '; ')
        from unnest(array['guests', 'topics', 'shows']) owners);
end
$$;

-- How many of an owner's episodes are not drafts but not due yet: few, found by the date indexes.
create function episode_count_future(kind varchar, owner bigint) returns bigint language sql stable as
$$
select case kind
    when 'guest' then (select count(*) from episode_guests c where c.guest_id = owner and c.published_sort > now() and c.status <> 'draft')
    when 'topic' then (select count(*) from episode_topics c where c.topic_id = owner and c.published_sort > now() and c.status <> 'draft')
    when 'show' then (select count(*) from episodes e where e.show_id = owner and e.published_sort > now() and e.status <> 'draft')
    else (select count(*) from episodes e where e.published_sort > now() and e.status <> 'draft') end
$$;

-- The exact count at the caller's snapshot: what anonymous readers see (visible_only) or every episode.
create function episode_count(kind varchar, owner bigint, visible_only boolean) returns bigint language sql stable as
$$
select case when visible_only then n.listed + coalesce(d.listed, 0) - episode_count_future(n.kind, n.owner_id)
            else n.episodes + coalesce(d.episodes, 0) end
  from episode_counts n
  left join lateral (select sum(x.episodes) episodes, sum(x.listed) listed from episode_count_deltas x
                      where x.kind = n.kind and x.owner_id = n.owner_id) d on true
 where n.kind = episode_count.kind and n.owner_id = episode_count.owner
$$;

-- Folds the deltas into the counters and sets `visible` of every owner whose count or dates moved, or
-- whose episodes fell due since the last fold. One statement, so the deltas it takes and the counts it
-- writes are of one snapshot; one fold at a time (the others return at once). It sends no change
-- notice: counts answered are exact without it (the write that moved them sent one), and the lists
-- whose order it moves (-episodeCount) are never kept by the response cache (CachedReads).
create function catalog_fold_counts() returns integer language plpgsql as
$$
declare
    since timestamptz;
    moved integer;
begin
    if not pg_try_advisory_xact_lock(hashtext('catalog_fold_counts')) then
        return 0;
    end if;
    select at into since from episode_counts_folded;
    with taken as (delete from episode_count_deltas returning kind, owner_id, episodes, listed),
         sums as (select kind, owner_id, sum(episodes) episodes, sum(listed) listed from taken group by kind, owner_id),
         due as (select e.id, e.show_id from episodes e
                  where e.status in ('scheduled', 'published') and e.published_at > since and e.published_at <= now()),
         owners as (select kind, owner_id from sums
                    union select 'show', show_id from due
                    union select 'catalog', 0 from due
                    union select 'guest', c.guest_id from due join episode_guests c on c.episode_id = due.id
                    union select 'topic', c.topic_id from due join episode_topics c on c.episode_id = due.id),
         folded as (update episode_counts n
                       set episodes = n.episodes + coalesce(s.episodes, 0),
                           listed = n.listed + coalesce(s.listed, 0),
                           visible = n.listed + coalesce(s.listed, 0) - episode_count_future(n.kind, n.owner_id)
                      from owners o left join sums s on s.kind = o.kind and s.owner_id = o.owner_id
                     where n.kind = o.kind and n.owner_id = o.owner_id
                 returning 1)
    select count(*) into moved from folded;
    update episode_counts_folded set at = now();
    return moved;
end
$$;

-- Recomputes everything derived from the base tables: the keys the link rows copy from their
-- episodes, and every counter. Set-based and idempotent; for a catalog loaded with triggers off
-- (session_replication_role = replica), and as a repair. No fold runs meanwhile. Not for a catalog
-- being written: it updates every link row that differs, in no order a writer would share.
create function catalog_refresh_derived() returns void language plpgsql as
$$
declare
    links text;
begin
    perform pg_advisory_xact_lock(hashtext('catalog_fold_counts'));
    -- the triggers that keep these values in step stand aside while they are recomputed
    perform set_config('catalog.refreshing', 'on', true);
    foreach links in array array['episode_guests', 'episode_topics'] loop
        execute format(
            'update %I c set published_sort = e.published_sort, number_sort = e.number_sort, title = e.title, '
            'updated_at = e.updated_at, status = e.status, published_at = e.published_at '
            'from episodes e where e.id = c.episode_id '
            'and (c.published_sort, c.number_sort, c.title, c.updated_at, c.status, c.published_at) '
            'is distinct from (e.published_sort, e.number_sort, e.title, e.updated_at, e.status, e.published_at)', links);
    end loop;
    delete from episode_count_deltas;
    delete from episode_counts;
    insert into episode_counts (kind, owner_id, episodes, listed, visible)
    select o.kind, o.owner_id, coalesce(c.episodes, 0), coalesce(c.listed, 0), coalesce(c.visible, 0)
      from (select 'guest' kind, id owner_id from guests union all select 'topic', id from topics
            union all select 'show', id from shows union all select 'catalog', 0) o
      left join (select x.kind, x.owner_id, count(*) episodes, count(*) filter (where x.status <> 'draft') listed,
                        count(*) filter (where episode_visible(x.status, x.published_at)) visible
                   from (select 'guest' kind, guest_id owner_id, status, published_at from episode_guests
                         union all select 'topic', topic_id, status, published_at from episode_topics
                         union all select 'show', show_id, status, published_at from episodes
                         union all select 'catalog', 0, status, published_at from episodes) x
                  group by x.kind, x.owner_id) c on c.kind = o.kind and c.owner_id = o.owner_id;
    update episode_counts_folded set at = now();
    perform set_config('catalog.refreshing', 'off', true);
end
$$;

select catalog_refresh_derived();
