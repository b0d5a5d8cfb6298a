-- When an episode last left a show's feed for good: deleted, or moved to another show. The feed's
-- Last-Modified is the newest change among the rows it is made of; a row that is gone leaves no
-- date behind, so without this a deletion could move Last-Modified back in time. Row triggers:
-- deletions and moves are rare next to inserts and updates, which do not fire them.
alter table shows add column episodes_left_at timestamptz;

create function note_episode_left_show() returns trigger
language plpgsql as
$$
begin
    update shows set episodes_left_at = now() where id = old.show_id;
    return null;
end
$$;

create trigger episodes_deleted_from_show after delete on episodes
    for each row execute function note_episode_left_show();
create trigger episodes_moved_from_show after update of show_id on episodes
    for each row when (old.show_id is distinct from new.show_id) execute function note_episode_left_show();
