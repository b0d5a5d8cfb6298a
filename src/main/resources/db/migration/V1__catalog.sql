-- The catalog schema. The database holds every invariant (unique slugs, one guid per show,
-- owners, enum values) so that no code path, import or script can break them.
-- Plain PostgreSQL 14+ features only: it runs on the embedded 18 and on Debian's 15.

-- One sequence for every table: ids are unique across the catalog, and Hibernate can take them
-- fifty at a time, which lets it batch inserts.
create sequence catalog_seq increment by 50;

-- lowercase letters, digits and single dashes, with at least one letter so that a ref made of
-- digits only is always an id
create function is_slug(s text) returns boolean language sql immutable as
$$ select s ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and s ~ '[a-z]' $$;

create table shows (
    id           bigint primary key default nextval('catalog_seq'),
    slug         varchar(120)  not null unique check (is_slug(slug)),
    title        varchar(300)  not null,
    description  text,
    author       varchar(300),
    image_url    varchar(2048),
    language     varchar(35),
    categories   text[]        not null default '{}',
    explicit     boolean       not null default false,
    website_url  varchar(2048),
    created_at   timestamptz   not null,
    updated_at   timestamptz   not null,
    version      bigint        not null
);
create index shows_title_idx on shows (title, id);
create index shows_updated_idx on shows (updated_at, id);

create table guests (
    id            bigint primary key default nextval('catalog_seq'),
    slug          varchar(120)  not null unique check (is_slug(slug)),
    name          varchar(300)  not null,
    headline      varchar(500),
    organization  varchar(300),
    bio           text,
    image_url     varchar(2048),
    website_url   varchar(2048),
    created_at    timestamptz   not null,
    updated_at    timestamptz   not null,
    version       bigint        not null,
    search_vector tsvector generated always as (
        to_tsvector('simple', coalesce(name, '') || ' ' || coalesce(headline, '') || ' ' || coalesce(organization, ''))
    ) stored
);
create index guests_name_idx on guests (name, id);
create index guests_search_idx on guests using gin (search_vector);

create table topics (
    id            bigint primary key default nextval('catalog_seq'),
    slug          varchar(120)  not null unique check (is_slug(slug)),
    name          varchar(300)  not null,
    description   text,
    created_at    timestamptz   not null,
    updated_at    timestamptz   not null,
    version       bigint        not null,
    search_vector tsvector generated always as (
        to_tsvector('simple', coalesce(name, '') || ' ' || coalesce(description, ''))
    ) stored
);
create index topics_name_idx on topics (name, id);
create index topics_search_idx on topics using gin (search_vector);

create table episodes (
    id               bigint primary key default nextval('catalog_seq'),
    show_id          bigint        not null references shows (id),
    guid             varchar(500)  not null,
    slug             varchar(120)  not null unique check (is_slug(slug)),
    number           integer       check (number >= 0),
    season           integer       check (season >= 0),
    type             varchar(16)   not null check (type in ('full', 'trailer', 'bonus')),
    title            varchar(300)  not null,
    summary          varchar(4000),
    description      text,
    status           varchar(16)   not null check (status in ('draft', 'scheduled', 'published')),
    published_at     timestamptz,
    duration_seconds integer       check (duration_seconds >= 0),
    audio_url        varchar(2048),
    audio_mime_type  varchar(100),
    audio_size_bytes bigint        check (audio_size_bytes >= 0),
    image_url        varchar(2048),
    explicit         boolean       not null default false,
    language         varchar(35),
    created_at       timestamptz   not null,
    updated_at       timestamptz   not null,
    version          bigint        not null,
    -- Keyset paging needs non-null sort keys: episodes without a date or number sort as the
    -- lowest value (last in the default newest-first order).
    published_sort   timestamptz generated always as (coalesce(published_at, timestamptz '1970-01-01 00:00:00+00')) stored,
    number_sort      integer     generated always as (coalesce(number, -1)) stored,
    -- Maintained by refresh_episode_search(): it spans chapters, guests and topics.
    search_vector    tsvector      not null default ''::tsvector,
    constraint episodes_show_guid_key unique (show_id, guid),
    constraint episodes_scheduled_has_date check (status = 'draft' or published_at is not null)
);
create index episodes_published_idx on episodes (published_sort, id);
create index episodes_number_idx on episodes (number_sort, id);
create index episodes_title_idx on episodes (title, id);
create index episodes_updated_idx on episodes (updated_at, id);
create index episodes_show_published_idx on episodes (show_id, published_sort, id);
create index episodes_season_idx on episodes (season);
create index episodes_status_idx on episodes (status, published_at);
create index episodes_guid_idx on episodes (guid);
create index episodes_search_idx on episodes using gin (search_vector);

create table episode_guests (
    id         bigint primary key default nextval('catalog_seq'),
    episode_id bigint      not null references episodes (id) on delete cascade,
    guest_id   bigint      not null references guests (id),
    role       varchar(16) not null check (role in ('host', 'cohost', 'guest', 'guest-host')),
    position   integer     not null,
    constraint episode_guests_once unique (episode_id, guest_id)
);
create index episode_guests_guest_idx on episode_guests (guest_id, episode_id);

create table episode_topics (
    id         bigint primary key default nextval('catalog_seq'),
    episode_id bigint  not null references episodes (id) on delete cascade,
    topic_id   bigint  not null references topics (id),
    position   integer not null,
    constraint episode_topics_once unique (episode_id, topic_id)
);
create index episode_topics_topic_idx on episode_topics (topic_id, episode_id);

create table chapters (
    id            bigint primary key default nextval('catalog_seq'),
    episode_id    bigint       not null references episodes (id) on delete cascade,
    position      integer      not null,
    title         varchar(500) not null,
    start_seconds integer      check (start_seconds >= 0)
);
create index chapters_episode_idx on chapters (episode_id, position);

create table links (
    id          bigint primary key default nextval('catalog_seq'),
    slug        varchar(120)  not null unique check (is_slug(slug)),
    kind        varchar(16)   not null check (kind in ('video', 'blog', 'article', 'website', 'social', 'audio', 'transcript', 'support', 'other')),
    title       varchar(300),
    url         varchar(2048) not null check (url ~* '^https?://'),
    position    integer       not null default 0,
    episode_id  bigint references episodes (id) on delete cascade,
    guest_id    bigint references guests (id) on delete cascade,
    show_id     bigint references shows (id) on delete cascade,
    created_at  timestamptz   not null,
    updated_at  timestamptz   not null,
    version     bigint        not null,
    constraint links_one_owner check (num_nonnulls(episode_id, guest_id, show_id) = 1)
);
create index links_episode_idx on links (episode_id, position, id) where episode_id is not null;
create index links_guest_idx on links (guest_id, position, id) where guest_id is not null;
create index links_show_idx on links (show_id, position, id) where show_id is not null;

-- The search document of an episode: title and guest names weigh most, then summary and topic names,
-- then chapter titles, then the description. refresh_episode_search() rebuilds it from the rows;
-- imports compute it from the same texts as they insert.
create function episode_document(title text, guests text, summary text, topics text, chapters text, description text)
returns tsvector language sql immutable as
$$
select setweight(to_tsvector('english', coalesce(title, '')), 'A')
    || setweight(to_tsvector('english', coalesce(guests, '')), 'A')
    || setweight(to_tsvector('english', coalesce(summary, '')), 'B')
    || setweight(to_tsvector('english', coalesce(topics, '')), 'B')
    || setweight(to_tsvector('english', coalesce(chapters, '')), 'C')
    || setweight(to_tsvector('english', coalesce(description, '')), 'D')
$$;

create function refresh_episode_search(ids bigint[]) returns integer language sql as
$$
with refreshed as (
update episodes e set search_vector = episode_document(
        e.title,
        (select string_agg(g.name, ' ' order by eg.position) from episode_guests eg join guests g on g.id = eg.guest_id where eg.episode_id = e.id),
        e.summary,
        (select string_agg(t.name, ' ' order by et.position) from episode_topics et join topics t on t.id = et.topic_id where et.episode_id = e.id),
        (select string_agg(c.title, ' ' order by c.position) from chapters c where c.episode_id = e.id),
        e.description)
 where e.id = any(ids)
returning 1)
select count(*)::integer from refreshed
$$;
