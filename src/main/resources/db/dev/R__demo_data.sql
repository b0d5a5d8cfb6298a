-- Demo data for dev mode only (quarkus.flyway.locations adds db/dev in the dev profile), built from
-- shared/seeds/episode-198-show-notes.txt. The notes carry no URLs or dates: the links below point
-- at the guest's site and at a search for the talk, and the publication date is illustrative.

insert into shows (slug, title, description, author, language, categories, explicit, website_url, created_at, updated_at, version)
values ('my-favorite-mistake', 'My Favorite Mistake',
        'Business leaders and other people talk about their favorite mistakes and what they learned. Part of the Lean Communicators network.',
        'Mark Graban', 'en', '{Business,Management}', false, 'https://www.markgraban.com', now(), now(), 0);

insert into guests (slug, name, headline, organization, bio, website_url, created_at, updated_at, version)
values ('mark-graban', 'Mark Graban', 'Host of My Favorite Mistake', null, null, 'https://www.markgraban.com', now(), now(), 0),
       ('kevin-goldsmith', 'Kevin Goldsmith', 'Chief technology officer at DistroKid', 'DistroKid',
        'An experienced leader of high-profile, high-performing product, research, and shared technology engineering organizations. '
        || 'An often-invited speaker on building strong engineering teams at conferences internationally, often talking about learning from failure. '
        || 'Has extensive experience building products using Lean, Kanban, Scrum, and Extreme Programming methodologies.',
        'https://kevingoldsmith.com', now(), now(), 0);

insert into topics (slug, name, description, created_at, updated_at, version)
values ('learning-from-failure', 'Learning from failure', 'Turning mistakes into organizational learning.', now(), now(), 0),
       ('experimentation', 'Experimentation', 'Testing ideas with real users and being surprised by the results.', now(), now(), 0),
       ('retrospectives', 'Retrospectives', 'Looking back on everything to remove the stigma of failure.', now(), now(), 0),
       ('engineering-culture', 'Engineering culture', 'Handling failure well, accountability and blame.', now(), now(), 0);

insert into episodes (show_id, guid, slug, number, season, type, title, summary, description, status, published_at,
                      duration_seconds, explicit, language, created_at, updated_at, version)
select s.id, 'my-favorite-mistake-198', 'kevin-goldsmith-spotify-distrokid', 198, null, 'full',
       'CTO Kevin Goldsmith on Leveraging Failure to Drive Success at Spotify and Distrokid',
       'Kevin Goldsmith, CTO at DistroKid, tells his favorite mistake story about the launch of "Spotify Now" when he was an engineering leader at Spotify.',
       'My guest for Episode #198 of the My Favorite Mistake podcast is Kevin Goldsmith, the chief technology officer at DistroKid, '
       || 'the world''s largest distributor of digital music. In this episode, Kevin tells his favorite mistake story about the launch of '
       || '"Spotify Now" when he was an engineering leader at Spotify. Why was there pressure to launch? What mistake did Kevin and team '
       || 'make regarding data from a small group of initial users? How did Spotify leverage its culture of "handling failure well"? '
       || 'What did Kevin learn?',
       'published', timestamptz '2023-01-16 09:00:00+00', null, false, 'en', now(), now(), 0
from shows s where s.slug = 'my-favorite-mistake';

insert into episode_guests (episode_id, guest_id, role, position)
select e.id, g.id, v.role, v.position
from episodes e, (values ('mark-graban', 'host', 0), ('kevin-goldsmith', 'guest', 1)) as v(slug, role, position)
join guests g on g.slug = v.slug
where e.slug = 'kevin-goldsmith-spotify-distrokid';

insert into episode_topics (episode_id, topic_id, position)
select e.id, t.id, v.position
from episodes e, (values ('learning-from-failure', 0), ('experimentation', 1), ('retrospectives', 2), ('engineering-culture', 3)) as v(slug, position)
join topics t on t.slug = v.slug
where e.slug = 'kevin-goldsmith-spotify-distrokid';

-- "Questions and Topics" and its bullets: show-notes chapters, without times.
insert into chapters (episode_id, position, title, start_seconds)
select e.id, v.position, v.title, null
from episodes e, (values
    (0, 'Questions and Topics'),
    (1, 'How do you balance the cost of lost customers vs. the cost of embarrassment?'),
    (2, 'Being surprised by the results of experiments'),
    (3, 'Was Spotify Now a problem of a bad concept or bad execution? Or bad design?'),
    (4, 'Losing customers as "the cost of learning"'),
    (5, 'Organizational learning to not get into this situation again?'),
    (6, 'Doing retrospectives on EVERYTHING to remove the stigma?'),
    (7, 'The Forbes article that Kevin was quoted in'),
    (8, 'People who strongly believe in "accountability" (punishing failures): can you change their minds?'),
    (9, 'Failure vs. mistake? How would you compare those words?'),
    (10, 'Tell us a little bit more about DistroKid: strengthening this culture of learning from mistakes?')
) as v(position, title)
where e.slug = 'kevin-goldsmith-spotify-distrokid';

insert into links (slug, kind, title, url, position, episode_id, created_at, updated_at, version)
select v.slug, v.kind, v.title, v.url, v.position, e.id, now(), now(), 0
from episodes e, (values
    ('fail-fast-fail-smart-succeed', 'video', 'Fail Fast, Fail Smart… Succeed! by Kevin Goldsmith',
     'https://www.youtube.com/results?search_query=Fail+Fast+Fail+Smart+Succeed+Kevin+Goldsmith', 0),
    ('spotify-now-blog-post', 'blog', 'Blog post version of the story at Spotify', 'https://kevingoldsmith.com', 1)
) as v(slug, kind, title, url, position)
where e.slug = 'kevin-goldsmith-spotify-distrokid';

insert into links (slug, kind, title, url, position, guest_id, created_at, updated_at, version)
select 'kevin-goldsmith-website', 'website', 'kevingoldsmith.com', 'https://kevingoldsmith.com', 0, g.id, now(), now(), 0
from guests g where g.slug = 'kevin-goldsmith';

select refresh_episode_search(array(select id from episodes));
