-- An episode's search document, built from parts so that an import can compute the costly ones (the
-- episode's own texts) before it knows the episode's guests and topics (see
-- fm.catalog.importing.SearchDocuments). The values are exactly those of V1's episode_document(): same
-- texts, weights and order (title, guests, summary, topics, chapter titles, description), so stored
-- documents stay valid and ranking does not change.

-- title (A), summary (B), chapter titles (C) and description (D), in that order
create function episode_text_parts(title text, summary text, chapters text, description text)
returns tsvector[] language sql immutable as
$$
select array[setweight(to_tsvector('english', coalesce(title, '')), 'A'),
             setweight(to_tsvector('english', coalesce(summary, '')), 'B'),
             setweight(to_tsvector('english', coalesce(chapters, '')), 'C'),
             setweight(to_tsvector('english', coalesce(description, '')), 'D')]
$$;

-- the document from those parts and the names of the episode's guests (A) and topics (B)
create function episode_document_from(parts tsvector[], guests text, topics text)
returns tsvector language sql immutable as
$$
select parts[1]
    || setweight(to_tsvector('english', coalesce(guests, '')), 'A')
    || parts[2]
    || setweight(to_tsvector('english', coalesce(topics, '')), 'B')
    || parts[3]
    || parts[4]
$$;

create or replace function episode_document(title text, guests text, summary text, topics text, chapters text, description text)
returns tsvector language sql immutable as
$$
select episode_document_from(episode_text_parts(title, summary, chapters, description), guests, topics)
$$;
