#!/usr/bin/env python3
"""One request of each list with auto_explain logging every statement's plan (EXPLAIN ANALYZE, BUFFERS), then
writes the plans of the list queries (those that page with limit or count) to OUT/explain-<name>.txt."""
import re, subprocess, sys, time, urllib.request

api, out, log, names = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
LISTS = [n for n in names if n not in ("episode", "episode-304")]

def setting(value):
    subprocess.run(["psql", "-qAt", "-c", f"alter system set auto_explain.log_min_duration = {value}", "-c", "select pg_reload_conf()"],
                   check=True, capture_output=True)
    time.sleep(0.5)

setting(0)
try:
    for name in LISTS:
        path = open(f"{out}/{name}.paths").readline().rstrip("\n").split("\t")[0]
        start = open(log, "rb").seek(0, 2)
        urllib.request.urlopen(api + path).read()
        time.sleep(0.3)
        with open(log, "rb") as f:
            f.seek(start)
            text = f.read().decode(errors="replace")
        # each entry: "... LOG:  duration: x ms  plan:\n\tQuery Text: ...\n\t<plan lines>"
        plans = []
        for entry in re.split(r"\n(?=\S)", text):
            if "plan:" not in entry or "Query Text:" not in entry:
                continue
            body = entry.split("plan:", 1)[1]
            query = body.split("Query Text:", 1)[1].split("\n", 1)[0]
            if re.search(r"\blimit\b|count\(\*\)", query, re.I) and "pg_" not in query:
                plans.append("\n".join(line[1:] if line.startswith("\t") else line for line in body.strip("\n").splitlines()))
        with open(f"{out}/explain-{name}.txt", "w") as f:
            f.write(f"GET {path}\n\n" + "\n\n".join(plans) + "\n")
finally:
    setting(-1)
