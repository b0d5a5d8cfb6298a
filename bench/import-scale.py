#!/usr/bin/env python3
"""The import at scale (bench/import-scale.sh): POST /v1/imports/episodes of 500 episodes into two apps at once
running, one on an empty catalog and one on the generated one, alternating, after dry-run warm-ups; then the
statements that grew, from pg_stat_statements of each database. Writes OUT/import-scale.md."""
import json, re, statistics, subprocess, sys, time, urllib.request

empty_api, full_api, key, reps, warmups, out = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]), sys.argv[6]
EPISODES, GUEST_POOL, TOPIC_POOL = 500, 100, 10

def call(api, method, path, body):
    request = urllib.request.Request(api + path, method=method, data=json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json", "Authorization": "Bearer " + key})
    with urllib.request.urlopen(request, timeout=600) as response:
        return json.loads(response.read() or b"null")

def sql(db, query):
    return [l.split("\t") for l in subprocess.run(["psql", "-d", db, "-qAtF", "\t", "-c", query], check=True,
                                                  capture_output=True, text=True).stdout.splitlines() if l]

def batch(tag, show, host):
    """500 episodes like bench's ImportBenchmark: a host by ref, a guest and two topics by name, 3 chapters, a link."""
    items = []
    for i in range(EPISODES):
        items.append({"guid": f"{tag}-{i}", "number": i + 1, "title": f"{tag} episode {i + 1}: what we learned from mistake number {i}",
                      "summary": "A guest tells the story of a mistake and what it taught them. " * 3,
                      "description": f"Show notes for episode {i}. " + "Questions, topics and links from the conversation. " * 20,
                      "status": "published", "publishedAt": f"2021-{1 + i % 12:02d}-{1 + i % 28:02d}T10:00:00Z",
                      "durationSeconds": 1800 + i, "audio": {"url": f"https://audio.example.org/{tag}/{i}.mp3", "mimeType": "audio/mpeg", "sizeBytes": 30000000 + i},
                      "guests": [{"ref": host, "role": "host"}, {"name": f"{tag} Guest {i % GUEST_POOL}", "role": "guest"}],
                      "topics": [{"name": f"{tag} Topic {i % TOPIC_POOL}"}, {"name": f"{tag} Topic {(i + 7) % TOPIC_POOL}"}],
                      "chapters": [{"title": "Introduction", "startTime": 0}, {"title": "The mistake", "startTime": 300},
                                   {"title": "What was learned", "startTime": 1200}],
                      "links": [{"kind": "blog", "title": f"Post {i}", "url": f"https://blog.example.org/{tag}/{i}"}]})
    return {"show": show, "episodes": items}

def prepare(api, tag):
    show = call(api, "POST", "/v1/shows", {"slug": f"{tag}-show", "title": f"{tag} show"})["slug"]
    host = call(api, "POST", "/v1/guests", {"slug": f"{tag}-host", "name": f"{tag} Host"})["slug"]
    return batch(tag, show, host)

apps = {"empty": (empty_api, "empty"), "full": (full_api, "catalog")}
run = str(int(time.time()))
for name, (api, _) in apps.items():
    body = prepare(api, f"scale{run}w{name}")
    body["dryRun"] = True
    for _ in range(warmups):
        call(api, "POST", "/v1/imports/episodes", body)
sizes = {name: int(sql(db, "select count(*) from episodes")[0][0]) for name, (_, db) in apps.items()}
for _, db in apps.values():
    sql(db, "select pg_stat_statements_reset()")
    sql(db, "vacuum analyze")
times = {name: [] for name in apps}
for r in range(reps):
    for name, (api, _) in (list(apps.items()) if r % 2 == 0 else list(reversed(apps.items()))):
        body = prepare(api, f"scale{run}r{r}")
        start = time.perf_counter()
        result = call(api, "POST", "/v1/imports/episodes", body)
        times[name].append(time.perf_counter() - start)
        assert result["created"] == EPISODES, result

lines = [f"Run of {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}: {EPISODES} episodes per import (a host by ref, a guest and two topics "
         f"by name, 3 chapters, a link), {warmups} dry runs on each app first, then {reps} imports into each, alternating "
         f"(each into a new show with new guests and topics). Catalogs before the measured imports: {sizes['empty']:,} and {sizes['full']:,} episodes.", "",
         "| catalog | seconds per import | mean | median | episodes/s (median) |", "|---|---|---|---|---|"]
for name in apps:
    t = times[name]
    lines.append(f"| {'empty' if name == 'empty' else 'generated'} ({sizes[name]:,} episodes) | {', '.join(f'{x:.2f}' for x in t)} | "
                 f"{statistics.mean(t):.2f} | {statistics.median(t):.2f} | {EPISODES / statistics.median(t):,.0f} |")
ratio = statistics.median(times["full"]) / statistics.median(times["empty"])
lines += ["", f"Generated catalog ÷ empty, medians: **{ratio:.2f}x** (goal: within 1.5x).", ""]

# where the time went, per statement, in each database over the measured imports
stats = {}
for name, (_, db) in apps.items():
    for query, calls, total, rows, blks in sql(db, "select regexp_replace(left(query, 200), '\\s+', ' ', 'g'), calls, total_exec_time, rows, "
                                                "shared_blks_hit + shared_blks_read from pg_stat_statements where dbid = "
                                                "(select oid from pg_database where datname = current_database()) and query !~* 'pg_stat_statements|vacuum'"):
        # the foreign-key checks' text differs by a constant between the databases
        query = re.sub(r"^SELECT (\$\d+|1) FROM ONLY", "SELECT 1 FROM ONLY", query)
        stats.setdefault(query, {})[name] = (int(calls), float(total), int(blks))
top = sorted(stats.items(), key=lambda kv: -kv[1].get("full", (0, 0, 0))[1])[:15]
lines += ["Statements by server time during the measured imports (pg_stat_statements, top-level and nested, both databases):", "",
          "| statement | calls | ms, empty | ms, generated | ratio | buffers, empty | buffers, generated |", "|---|---|---|---|---|---|---|"]
for query, s in top:
    e, f = s.get("empty", (0, 0.0, 0)), s.get("full", (0, 0.0, 0))
    lines.append(f"| `{query.replace('|', '/')}` | {f[0]} | {e[1]:,.0f} | {f[1]:,.0f} | {f'{f[1] / e[1]:.2f}x' if e[1] >= 1 else '-'} | {e[2]:,} | {f[2]:,} |")
open(f"{out}/import-scale.md", "w").write("\n".join(lines) + "\n")
print("\n".join(lines))
