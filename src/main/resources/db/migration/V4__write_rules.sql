-- One definition of "an anonymous reader may see this episode", by the database's clock, for every
-- query that needs it (lists, reads by ref, counts, links of episodes). A simple SQL function, so
-- PostgreSQL inlines it into each query and its indexes still apply.
create function episode_visible(status varchar, published_at timestamptz) returns boolean
language sql stable as
$$ select status <> 'draft' and published_at <= now() $$;

-- Which request holds an Idempotency-Key claim. A retry that takes over an abandoned claim gives it a
-- new token, so the first request, should it still be alive, finds the claim no longer its own and
-- writes nothing.
alter table idempotency_keys add column claim_token uuid;
