-- Every change to what the API shows sends a notice on channel catalog_changes, delivered when the
-- transaction commits to every app instance listening (fm.catalog.common.cache.ChangeNotices empties
-- its response cache). Row triggers, not statement triggers: a statement that changes no row (a job
-- finding nothing to do) must not empty every cache. PostgreSQL folds identical notices of one
-- transaction into one, so a large import sends one. TRUNCATE has no rows: a statement trigger.
create function notify_catalog_change() returns trigger
language plpgsql as
$$
begin
    perform pg_notify('catalog_changes', '');
    return null;
end
$$;

do $$
declare
    t text;
begin
    foreach t in array array['shows', 'guests', 'topics', 'episodes', 'episode_guests', 'episode_topics', 'chapters', 'links'] loop
        execute format('create trigger %I after insert or update or delete on %I for each row execute function notify_catalog_change()',
                       t || '_changed', t);
        execute format('create trigger %I after truncate on %I for each statement execute function notify_catalog_change()',
                       t || '_truncated', t);
    end loop;
end
$$;
