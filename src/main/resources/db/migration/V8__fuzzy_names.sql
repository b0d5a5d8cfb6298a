-- q on guests and topics forgives small typos and matches word prefixes (pg_trgm's word_similarity, the
-- <% operator: "kevn goldsmit" finds "Kevin Goldsmith"), from an index (fm.catalog.common.search.Search).
-- pg_trgm is contrib: the embedded PostgreSQL binaries (zonky) and the official postgres image ship it.
-- GIN rather than GiST: smaller and faster to search; relevance is ranked on the few rows that match.
create extension if not exists pg_trgm;
create index guests_name_trgm_idx on guests using gin (name gin_trgm_ops);
create index topics_name_trgm_idx on topics using gin (name gin_trgm_ops);
