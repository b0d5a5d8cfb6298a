-- An episode's search document in two parts, so that an import can compute the costly part before it
-- knows the episode's guests and topics (see fm.catalog.importing.SearchDocuments):
--  - the episode's own texts: title (weight A), summary (B), chapter titles (C), description (D);
--  - the names of its guests (A) and topics (B).
-- The weights are those of V1; only the order of the parts changes, which moves word positions and
-- nothing else: matches and ts_rank stay the same.
create function episode_text_document(title text, summary text, chapters text, description text)
returns tsvector language sql immutable as
$$
select setweight(to_tsvector('english', coalesce(title, '')), 'A')
    || setweight(to_tsvector('english', coalesce(summary, '')), 'B')
    || setweight(to_tsvector('english', coalesce(chapters, '')), 'C')
    || setweight(to_tsvector('english', coalesce(description, '')), 'D')
$$;

create function episode_people_document(guests text, topics text)
returns tsvector language sql immutable as
$$
select setweight(to_tsvector('english', coalesce(guests, '')), 'A')
    || setweight(to_tsvector('english', coalesce(topics, '')), 'B')
$$;

create or replace function episode_document(title text, guests text, summary text, topics text, chapters text, description text)
returns tsvector language sql immutable as
$$
select episode_text_document(title, summary, chapters, description) || episode_people_document(guests, topics)
$$;

select refresh_episode_search(array(select id from episodes));
