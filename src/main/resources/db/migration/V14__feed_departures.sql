-- When episodes left a show's feed for good (deleted, or moved to another show), kept apart from the
-- show's row. V11 wrote the show's row from a trigger on episodes, which locked it behind the episode:
-- a show deleted with its episodes (it locks the show, then its episodes) against one of them deleted
-- on its own (the episode, then the show) deadlocked. Appending rows takes no lock that another writer
-- waits for. Deletions and moves are rare next to inserts and updates, so the table stays small; the
-- feed reads the newest row of its show by the index.
create table feed_departures (
    show_id bigint      not null references shows (id) on delete cascade,
    left_at timestamptz not null
);
create index feed_departures_show_idx on feed_departures (show_id, left_at desc);

insert into feed_departures (show_id, left_at) select id, episodes_left_at from shows where episodes_left_at is not null;

drop trigger episodes_deleted_from_show on episodes;
drop trigger episodes_moved_from_show on episodes;
drop function note_episode_left_show();
alter table shows drop column episodes_left_at;

-- A delete of many episodes (a show deleted with them) writes one row per show, not one per episode.
create function note_episodes_deleted() returns trigger
language plpgsql as
$$
begin
    insert into feed_departures (show_id, left_at) select distinct show_id, now() from gone;
    return null;
end
$$;

create trigger episodes_deleted_from_show after delete on episodes
    referencing old table as gone
    for each statement execute function note_episodes_deleted();

-- Transition tables cannot go with a column list (update of show_id), so a move is noted per row.
create function note_episode_moved() returns trigger
language plpgsql as
$$
begin
    insert into feed_departures (show_id, left_at) values (old.show_id, now());
    return null;
end
$$;

create trigger episodes_moved_from_show after update of show_id on episodes
    for each row when (old.show_id is distinct from new.show_id) execute function note_episode_moved();
