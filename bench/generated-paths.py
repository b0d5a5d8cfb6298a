#!/usr/bin/env python3
"""Writes the request lists bench/read-load.sh rotates over for a generated catalog (bench/generate-catalog.sh),
chosen with SQL (psql, connection from PG* variables), and checks that the app answers each kind as expected."""
import base64, json, subprocess, sys, urllib.request

api, out = sys.argv[1], sys.argv[2]

def sql(query):
    return [line.split("\t") for line in subprocess.run(["psql", "-qAtF", "\t", "-c", query], check=True,
                                                         capture_output=True, text=True).stdout.splitlines() if line]

def get(path, headers=None):
    request = urllib.request.Request(api + path, headers=headers or {})
    with urllib.request.urlopen(request) as response:
        return json.loads(response.read()), response.headers

def write(name, lines):
    with open(f"{out}/{name}.paths", "w") as f:
        f.write("\n".join(lines) + "\n")

VISIBLE = "episode_visible(e.status, e.published_at)"
# 1,000 published episodes spread over the catalog (by a hash of their ids), each read by slug
episodes = [f"/v1/episodes/{s}" for (s,) in sql(f"select slug from episodes e where {VISIBLE} order by hashint8(id) limit 1000")]
write("episode", episodes)
write("episode-304", [p + "\t" + get(p)[1]["ETag"] for p in episodes])
write("first-page", ["/v1/episodes"])

# The deep page: the cursor after the 500,000th visible episode of the default order (-publishedAt, newest
# first), or after half the catalog when it has no full page beyond that, made as fm.catalog.common.paging.Cursor makes it: base64url of
# "sort\nid\nvalue" where value is the sort key as PostgreSQL prints it (cast(published_sort as text)).
visible = int(sql(f"select count(*) from episodes e where {VISIBLE}")[0][0])
episodes_all = sql("select count(*) from episodes")[0][0]
depth = 500_000 if visible > 500_000 + 20 else visible // 2  # a full page must follow the cursor
(last_id, last_value), (next_id,) = sql(f"select id, cast(published_sort as text) from episodes e where {VISIBLE} "
                                        f"order by published_sort desc, id desc offset {depth - 1} limit 1")[0], \
    sql(f"select id from episodes e where {VISIBLE} order by published_sort desc, id desc offset {depth} limit 1")[0]
cursor = base64.urlsafe_b64encode(f"-publishedAt\n{last_id}\n{last_value}".encode()).decode().rstrip("=")
deep = get(f"/v1/episodes?cursor={cursor}")[0]
assert deep["items"] and str(deep["items"][0]["id"]) == next_id, f"the deep cursor does not lead to episode {next_id}"
write("deep-page", [f"/v1/episodes?cursor={cursor}"])

# The 100 guests and the 100 topics with the most episodes (the hosts of shows come first: 2,000 each at 1M)
guests = sql("select g.slug from (select guest_id, count(*) n from episode_guests group by guest_id order by n desc, guest_id limit 100) x "
             "join guests g on g.id = x.guest_id order by x.n desc, g.id")
write("guest-episodes", [f"/v1/guests/{g}/episodes" for (g,) in guests])
# partner embeds of the same guests: the HTML card, and oEmbed for its URL (on the app's default base URL)
write("guest-card", [f"/embed/guests/{g}" for (g,) in guests])
write("oembed", [f"/oembed?format=json&url=http%3A%2F%2Flocalhost%3A8080%2Fembed%2Fguests%2F{g}" for (g,) in guests])
topics = sql("select t.slug from (select topic_id, count(*) n from episode_topics group by topic_id order by n desc, topic_id limit 100) x "
             "join topics t on t.id = x.topic_id order by x.n desc, t.id")
write("topic-episodes", [f"/v1/topics/{t}/episodes" for (t,) in topics])

# q: the generator's rare terms (each in under 1% of episodes) and its broad ones (10% or more), with their shares
terms = {}
for kind, function in (("search", "rare_terms"), ("search-broad", "broad_terms")):
    # shares of all episodes (drafts included), which the GIN index answers without reading rows
    rows = sql(f"select r, (select count(*) from episodes e where e.search_vector @@ websearch_to_tsquery('english', r)) "
               f"from unnest(bench_gen.{function}()) r")
    terms[kind] = {r: int(n) / int(episodes_all) for r, n in rows}
    write(kind, [f"/v1/episodes?q={r}" for r, _ in rows])
with open(f"{out}/terms.json", "w") as f:
    json.dump({"visible": visible, "depth": depth, "terms": terms}, f)
write("count", ["/v1/episodes?count=true"])
total = get("/v1/episodes?count=true")[0].get("total")
print(f"paths written: {visible:,} visible episodes, deep cursor after {depth:,}, count=true total {total}")
