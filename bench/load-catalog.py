#!/usr/bin/env python3
"""Loads a small catalog through the API and writes the request lists bench/read-load.sh rotates over."""
import json, sys, urllib.request

api, key, episodes, out = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
# Rare terms: each in 2 of every 300 episodes (under 1%), the goal's kind of search.
RARE = ["amber", "basalt", "cobalt", "dahlia", "ember", "fjord", "garnet", "harbor", "indigo", "juniper",
        "kestrel", "lagoon", "magnet", "nectar", "orchid", "pewter", "quartz", "russet", "saffron", "tundra",
        "umber", "velvet", "willow", "xenon", "yarrow"]
WORDS = "mistake lesson startup product team leader career music platform growth culture failure".split()

def call(method, path, body=None, auth=True):
    request = urllib.request.Request(api + path, method=method, data=None if body is None else json.dumps(body).encode())
    request.add_header("Content-Type", "application/json")
    if auth:
        request.add_header("Authorization", "Bearer " + key)
    with urllib.request.urlopen(request) as response:
        return json.loads(response.read() or b"null"), response.headers

call("POST", "/v1/shows", {"slug": "bench-show", "title": "My Favorite Mistake"})
guests = [call("POST", "/v1/guests", {"slug": f"guest-{g}", "name": f"Guest Number {g}", "headline": "Founder and author",
                                     "bio": "A bio of a few sentences, as guests have. " * 8})[0]["slug"] for g in range(40)]
topics = [call("POST", "/v1/topics", {"slug": f"topic-{t}", "name": f"Topic {t}"})[0]["slug"] for t in range(20)]
slugs = []
for i in range(episodes):
    words = " ".join(WORDS[(i * 7 + k) % len(WORDS)] for k in range(6))
    rare = RARE[i % 150] if i % 150 < len(RARE) else ""
    body = {"show": "bench-show", "slug": f"episode-{i}", "title": f"Episode {i}: the {words} {rare}".strip(),
            "status": "published", "publishedAt": f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}T10:00:00Z", "number": i + 1,
            "summary": ("What we learned about " + words + ". ") * 6, "description": ("Show notes, " + words + ". ") * 60,
            "durationSeconds": 1800 + i, "audio": {"url": f"https://cdn.example.org/{i}.mp3", "mimeType": "audio/mpeg", "sizeBytes": 30000000 + i},
            "guests": [{"ref": guests[i % 40], "role": "guest"}, {"ref": guests[(i + 1) % 40], "role": "host"}],
            "topics": [topics[i % 20], topics[(i + 3) % 20], topics[(i + 7) % 20]],
            "chapters": [{"title": f"Part {c}", "startTime": c * 300} for c in range(5)],
            "links": [{"kind": "website", "url": f"https://example.org/{i}"}, {"kind": "article", "url": f"https://example.org/a/{i}"}]}
    slugs.append(call("POST", "/v1/episodes", body)[0]["slug"])

def write(name, lines):
    with open(f"{out}/{name}.paths", "w") as f:
        f.write("\n".join(lines) + "\n")

popular = [f"/v1/episodes/{s}" for s in slugs[:100]]
write("episode", popular)
write("episode-304", [p + "\t" + call("GET", p, auth=False)[1]["ETag"] for p in popular])
write("first-page", ["/v1/episodes"])
write("guest-episodes", [f"/v1/guests/{g}/episodes" for g in guests])
# partner embeds of the same guests: the HTML card, and oEmbed for its URL (on the app's default base URL)
write("guest-card", [f"/embed/guests/{g}" for g in guests])
write("oembed", [f"/oembed?format=json&url=http%3A%2F%2Flocalhost%3A8080%2Fembed%2Fguests%2F{g}" for g in guests])
write("topic-episodes", [f"/v1/topics/{t}/episodes" for t in topics])
write("search", [f"/v1/episodes?q={w}" for w in RARE])
