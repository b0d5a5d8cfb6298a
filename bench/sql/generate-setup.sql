-- Part 1 of bench/generate-catalog.sh: empties the catalog, drops its secondary indexes (rebuilt after
-- the load, which is several times faster than keeping them up to date row by row), and defines the
-- deterministic generator functions in schema bench_gen. psql variables: shows, guests, topics, episodes.
\set ON_ERROR_STOP on
set session_replication_role = replica;
set max_parallel_workers_per_gather = 0;
-- the JIT compiler spends seconds on these statements and saves nothing
set jit = off;

-- cascade: whatever else refers to the catalog (feed departures, V14) goes too
truncate shows, guests, topics, episodes, episode_guests, episode_topics, chapters, links cascade;

set client_min_messages = warning;
drop schema if exists bench_gen cascade;
create schema bench_gen;

-- Secondary indexes of the catalog's tables (not those of primary keys and unique constraints, which
-- catch a generator bug at once): saved here, dropped, and rebuilt by part 3 (two sessions at once).
create table bench_gen.saved_indexes as
select i.tablename, i.indexname, i.indexdef from pg_indexes i
 where i.schemaname = 'public'
   and i.tablename in ('shows', 'guests', 'topics', 'episodes', 'episode_guests', 'episode_topics', 'chapters', 'links')
   and not exists (select 1 from pg_constraint c where c.conname = i.indexname);
do $$
declare r record;
begin
    for r in select indexname from bench_gen.saved_indexes loop
        execute format('drop index public.%I', r.indexname);
    end loop;
end
$$;

-- A well-mixed deterministic hash in [0, 2^31) and the same as a fraction in [0, 1).
create function bench_gen.h(i bigint, salt int) returns bigint language sql immutable parallel safe as
$$ select hashint8(i * 1009 + salt)::bigint & 2147483647 $$;
create function bench_gen.u(i bigint, salt int) returns float8 language sql immutable parallel safe as
$$ select (hashint8(i * 1009 + salt)::bigint & 2147483647) / 2147483648.0 $$;

-- Search terms the benchmark asks for. Rare: term r is in the titles of (1 + r % 9) episodes in 1,000
-- (0.1% to 0.9%). Broad: in the summaries of 50%, 20%, 14%, 11% and 10% of episodes. Neither kind
-- occurs anywhere else (the vocabulary below leaves them out).
create function bench_gen.rare_terms() returns text[] language sql immutable as $$ select array[
  'amber', 'basalt', 'cobalt', 'dahlia', 'ember', 'fjord', 'garnet', 'harbor', 'indigo', 'juniper',
  'kestrel', 'lagoon', 'magnet', 'nectar', 'orchid', 'pewter', 'quartz', 'russet', 'saffron', 'tundra',
  'umber', 'velvet', 'willow', 'xenon', 'yarrow'] $$;
create function bench_gen.broad_terms() returns text[] language sql immutable as $$ select array[
  'mistake', 'leadership', 'startup', 'music', 'failure'] $$;
create function bench_gen.broad_every() returns int[] language sql immutable as $$ select array[2, 5, 7, 9, 10] $$;

-- Names: 100 first names x 1,000 last names (a 4-letter start, a 2-letter middle and an ending, so
-- every combination is a different word): 100,000 distinct guests, "Kevin Goldensmith".
create function bench_gen.guest_name(g int) returns text language sql immutable parallel safe as $$
select (array['Kevin','Maria','James','Aisha','Wei','Olga','Carlos','Priya','John','Fatima','Liam','Sofia','Noah','Elena','Omar',
  'Hannah','Diego','Yuki','Samuel','Chloe','Ahmed','Grace','Lucas','Zara','Ethan','Mei','Daniel','Amara','Felix','Ingrid',
  'Mateo','Leila','Oscar','Nadia','Hugo','Rosa','Victor','Anika','Isaac','Clara','Arjun','Freya','Leo','Imani','Marco',
  'Sara','Tomas','Lina','Ravi','Julia','Adam','Emma','Kofi','Alice','Ivan','Nora','Ben','Maya','Raj','Eva','Sean',
  'Lucy','Paulo','Ines','Kai','Ruth','Theo','Jade','Emil','Vera','Axel','Iris','Andre','Mila','Pedro','Alma','Jonas',
  'Lea','Marcus','Tara','Yusuf','Dana','Erik','Nia','Hiro','Zoe','Luis','Ana','Sven','Kim','Tariq','Beth','Rafael',
  'Gina','Otto','Hana','Simon','Rita','Nils','Dora'])[1 + g % 100]
  || ' ' || (array['Gold','Silv','Brad','Wint','Hart','Robe','Ashb','Kent','Morr','Lind'])[1 + (g / 100) % 10]
  || (array['en','er','in','ow','al','am','ed','ar','on','ut'])[1 + (g / 1000) % 10]
  || (array['smith','ford','ton','ley','man','wick','ster','field','wood','berg'])[1 + (g / 10000) % 10] $$;
create function bench_gen.slug(t text) returns text language sql immutable parallel safe as
$$ select trim(both '-' from regexp_replace(lower(t), '[^a-z0-9]+', '-', 'g')) $$;

-- Topics and shows: 40 adjectives x 50 nouns, "Remote Leadership".
create function bench_gen.pair_name(t int) returns text language sql immutable parallel safe as $$
select (array['Remote','Creative','Digital','Open','Modern','Global','Healthy','Early','Lean','Public','Personal','Urban',
  'Social','Local','Smart','Quiet','Bold','Green','Human','Hidden','Honest','Agile','Solid','Future','Ancient','Rapid',
  'Simple','Shared','Deep','Young','Wild','Natural','Practical','Small','Silent','Rural','Classic','Mobile','Modest','Clever'])[1 + t % 40]
  || ' ' || (array['Engineering','Marketing','Design','Finance','Parenting','Science','History','Writing','Sales','Health',
  'Management','Teams','Careers','Software','Hiring','Sports','Cooking','Travel','Investing','Education','Fitness','Art',
  'Product','Research','Media','Law','Policy','Climate','Energy','Retail','Coaching','Culture','Nonprofits','Gaming',
  'Film','Photography','Architecture','Farming','Medicine','Psychology','Economics','Philosophy','Journalism','Robotics',
  'Security','Data','Cities','Oceans','Space','Books'])[1 + (t / 40) % 50] $$;
create function bench_gen.topic_name(t int) returns text language sql immutable parallel safe as
$$ select bench_gen.pair_name(t) $$;

-- Words of show notes: 180 common ones, then a long tail of 6,000 made-up ones from syllables; picked
-- with a Zipf-like skew (the head often, the tail rarely), as in real text.
create table bench_gen.words (n int primary key, w text not null);
insert into bench_gen.words
select row_number() over () - 1, w from unnest(string_to_array(
  'story team product company people business years work time lesson learned company customers engineering growth '
  || 'market ideas culture change decision career podcast episode guest conversation experience question answer advice '
  || 'book world industry technology software build building leader manager role job hire hiring feedback trust '
  || 'value problem solution risk chance opportunity money funding investors founder founders strategy plan planning '
  || 'data research study science health mind habits focus energy time family friends community school college '
  || 'university teacher student writing author speaker conference talk audience share sharing learn learning teach '
  || 'teaching mentor coach coaching goals results success process quality design user users platform service tools '
  || 'system systems scale scaling hard easy early late first second next last best better worse honest open simple '
  || 'clear different important real true right wrong small large global local remote office home city country today '
  || 'future past history moment year month week day morning evening listen listeners question questions bigger '
  || 'organization organizations engineers developers artists musicians label labels distribution digital largest '
  || 'experienced invited extensive often drive driving leveraging helped helping started starting', ' ')) w;
insert into bench_gen.words
select 180 + n, w from (
  select row_number() over () - 1 n, w from (
    select distinct (array['ka','lo','mi','ten','bra','sol','vin','qua','dre','pol','zu','mer','tas','ni','gor','fe','lun','cha','ri','bo'])[1 + a]
        || (array['ra','len','so','mi','tor','ve','lin','da','ko','pe','zan','gu','ris','ta','mo','fel','ne','sar','tu','bi'])[1 + b]
        || (array['x','n','th','s','l','ck','m','nd','r','sk','','t','p','v','z'])[1 + c] w
      from generate_series(0, 19) a, generate_series(0, 19) b, generate_series(0, 14) c) d
   where w <> all(bench_gen.rare_terms() || bench_gen.broad_terms())
   order by w limit 6000) t;
create function bench_gen.word_count() returns int language sql stable as $$ select count(*)::int from bench_gen.words $$;

-- 5,000 sentences of 6 to 22 words: what descriptions, summaries, titles and chapters are made of.
select setseed(0.198);
create table bench_gen.sentences (n int primary key, txt text not null);
insert into bench_gen.sentences
select k, upper(left(s, 1)) || substr(s, 2) || '.' from (
  select k, (select string_agg(w.w, ' ' order by j) from generate_series(1, 6 + (bench_gen.h(k, 1) % 17)::int) j
                join bench_gen.words w on w.n = floor(6180 * power(bench_gen.u(k * 64 + j, 2), 2.2))::int) s
    from generate_series(0, 4999) k) x;

-- What one episode (0-based index i) is made of. Show i % shows, number i / shows + 1. Guests: the show's
-- host (guest index = show), then 0 to 2 others, skewed so that some guests are in many episodes.
create function bench_gen.guest_count(i bigint) returns int language sql immutable parallel safe as
$$ select (array[2, 1, 3, 2])[1 + (i % 4)::int] $$;
create function bench_gen.ep_guest(i bigint, k int) returns int language sql immutable parallel safe as $$
select case k when 0 then (i % :shows)::int
              when 1 then :shows + floor((:guests - :shows) * power(bench_gen.u(i, 5), 2))::int
              else :shows + ((floor((:guests - :shows) * power(bench_gen.u(i, 5), 2))::int + 1 + bench_gen.h(i, 6) % (:guests - :shows - 1)) % (:guests - :shows))::int end $$;
create function bench_gen.topic_count(i bigint) returns int language sql immutable parallel safe as
$$ select (2 + (i / 4) % 3)::int $$;
create function bench_gen.ep_topic(i bigint, k int) returns int language sql immutable parallel safe as
$$ select ((floor(:topics * power(bench_gen.u(i, 7), 1.5))::int + k * 617) % :topics)::int $$;
create function bench_gen.chapter_count(i bigint) returns int language sql immutable parallel safe as
$$ select (3 + (i / 12) % 5)::int $$;
create function bench_gen.link_count(i bigint) returns int language sql immutable parallel safe as
$$ select (1 + (i / 60) % 3)::int $$;
-- A sentence cut to at most n characters at a word boundary, without its full stop. Sentences are
-- looked up with scalar subqueries at each use (a SQL function with a FROM is not inlined, and its
-- calls would cost more than everything else).
create function bench_gen.cut(sentence text, n int) returns text language sql immutable parallel safe as
$$ select regexp_replace(left(rtrim(sentence, '.'), n + 1), '\s+\S*$', '') $$;
create function bench_gen.status(i bigint) returns text language sql immutable parallel safe as
$$ select case when bench_gen.h(i, 9) % 100 < 3 then 'draft' when bench_gen.h(i, 9) % 100 = 3 then 'scheduled' else 'published' end $$;

-- Shows, their hosts and every other guest, and topics.
insert into shows (id, slug, title, description, author, image_url, language, categories, explicit, website_url, created_at, updated_at, version)
select 1 + s, bench_gen.slug('The ' || bench_gen.pair_name(s * 4) || ' Show'), 'The ' || bench_gen.pair_name(s * 4) || ' Show',
       (select string_agg((select x.txt from bench_gen.sentences x where x.n = bench_gen.h(s * 8 + j, 10) % 5000), ' ') from generate_series(1, 6) j),
       bench_gen.guest_name(s), 'https://img.example.fm/shows/' || s || '.jpg', 'en', array['Business', 'Technology'], s % 10 = 0,
       'https://show' || s || '.example.fm', timestamptz '2005-01-01 00:00:00+00', timestamptz '2026-01-01 00:00:00+00', 0
  from generate_series(0, :shows - 1) s;

insert into guests (id, slug, name, headline, organization, bio, image_url, website_url, created_at, updated_at, version)
select 1000000 + g, bench_gen.slug(bench_gen.guest_name(g)), bench_gen.guest_name(g),
       (array['Founder and CEO', 'Chief technology officer', 'Author and speaker', 'Professor', 'Head of product',
              'Musician and producer', 'Investor', 'Executive coach'])[1 + g % 8] || ' at ' || bench_gen.pair_name(g / 7) || ' Labs',
       bench_gen.pair_name(g / 7) || ' Labs',
       (select string_agg((select x.txt from bench_gen.sentences x where x.n = bench_gen.h(g * 8 + j, 11) % 5000), ' ') from generate_series(1, 3 + g % 5) j),
       case when g % 3 > 0 then 'https://img.example.fm/guests/' || g || '.jpg' end,
       case when g % 2 = 0 then 'https://guest' || g || '.example.org' end,
       timestamptz '2010-01-01 00:00:00+00' + g * interval '1 minute', timestamptz '2010-01-01 00:00:00+00' + g * interval '1 minute', 0
  from generate_series(0, :guests - 1) g;

insert into topics (id, slug, name, description, created_at, updated_at, version)
select 100000 + t, bench_gen.slug(bench_gen.topic_name(t)), bench_gen.topic_name(t),
       case when t % 4 = 0 then (select x.txt from bench_gen.sentences x where x.n = bench_gen.h(t, 12) % 5000) end,
       timestamptz '2010-01-01 00:00:00+00', timestamptz '2010-01-01 00:00:00+00', 0
  from generate_series(0, :topics - 1) t;
