#!/usr/bin/env python3
"""Loads one show of N episodes through the import API, in batches of 1,000, for bench/feed-load.sh."""
import json, sys, urllib.request

api, key, episodes = sys.argv[1], sys.argv[2], int(sys.argv[3])

def call(method, path, body):
    request = urllib.request.Request(api + path, method=method, data=json.dumps(body).encode())
    request.add_header("Content-Type", "application/json")
    request.add_header("Authorization", "Bearer " + key)
    with urllib.request.urlopen(request, timeout=600) as response:
        return json.loads(response.read())

call("POST", "/v1/shows", {"slug": "feed-show", "title": "My Favorite Mistake", "description": "Leaders and their mistakes.",
                           "author": "Mark Graban", "imageUrl": "https://img.example.org/show.jpg", "language": "en",
                           "categories": ["Business", "Management"], "websiteUrl": "https://example.org"})
WORDS = "mistake lesson startup product team leader career music platform growth culture failure".split()
for start in range(0, episodes, 1000):
    items = []
    for i in range(start, min(start + 1000, episodes)):
        words = " ".join(WORDS[(i * 7 + k) % len(WORDS)] for k in range(6))
        items.append({"guid": f"feed-{i}", "title": f"Episode {i}: the {words}", "status": "published", "number": i + 1,
                      "season": 1 + i // 100, "type": "full", "publishedAt": f"{2000 + i // 300}-{1 + i % 12:02d}-{1 + i % 28:02d}T10:00:00Z",
                      "summary": "What we learned about " + words + ".", "description": ("Show notes, " + words + ". ") * 8,
                      "durationSeconds": 1800 + i, "imageUrl": f"https://img.example.org/{i}.jpg",
                      "audio": {"url": f"https://cdn.example.org/{i}.mp3", "mimeType": "audio/mpeg", "sizeBytes": 30000000 + i},
                      "guests": [{"name": f"Guest Number {i % 400}", "role": "guest", "imageUrl": f"https://img.example.org/g{i % 400}.jpg"},
                                 {"name": "Mark Graban", "role": "host"}],
                      "chapters": [{"title": f"Part {c}", "startTime": c * 300} for c in range(3)],
                      "links": [{"kind": "website", "url": f"https://example.org/{i}"}, {"kind": "video", "url": f"https://video.example.org/{i}"}]})
    result = call("POST", "/v1/imports/episodes", {"show": "feed-show", "episodes": items})
    assert result["failed"] == 0, result
