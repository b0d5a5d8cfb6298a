#!/usr/bin/env python3
"""Writes bench/startup.sh's figures into docs/benchmarks.md between the startup (or warmup) markers."""
import datetime, re, statistics, sys

def replace(doc, marker, text):
    with open(doc) as f:
        content = f.read()
    begin, end = f"<!-- {marker}:begin -->", f"<!-- {marker}:end -->"
    block = f"{begin}\n{text}\n{end}"
    if begin in content:
        content = re.sub(re.escape(begin) + ".*?" + re.escape(end), lambda _: block, content, flags=re.S)
    else:
        content = content.rstrip("\n") + "\n\n" + block + "\n"
    with open(doc, "w") as f:
        f.write(content)
    print(text)

def flags(variant):
    name, jdk, extra = (variant.split("|") + [""])[:3]
    return name, f"`{jdk}/bin/java {JAVA_OPTS} {extra}`".replace("  ", " ").replace(" `", "`")

mode, data, doc, runs, JAVA_OPTS, *variants = sys.argv[1:]
today = datetime.date.today().isoformat()
if mode == "startup":
    rows = {}
    for line in open(data):
        name, _, ms, started = line.rstrip("\n").split("\t")
        rows.setdefault(name, ([], []))
        rows[name][0].append(int(ms))
        if started:
            rows[name][1].append(float(started))
    base = statistics.median(rows["today"][0])
    out = ["| variant | JVM and flags (run in target/quarkus-app) | to first ready, median (min-max) | ratio to today | Quarkus \"started in\", median |",
           "|---|---|---|---|---|"]
    for v in variants:
        name, cmd = flags(v)
        ms, st = rows[name]
        med = statistics.median(ms)
        out.append(f"| {name} | {cmd} | {med / 1000:.2f} s ({min(ms) / 1000:.2f}-{max(ms) / 1000:.2f}) | "
                   f"{med / base:.2f}x | {statistics.median(st):.2f} s |" if st else "| - |")
    head = (f"Run of {today}: `bench/startup.sh`, {runs} starts of each variant, alternating, against a migrated "
            f"PostgreSQL 15 on the same machine; time from launching the process to the first 200 of "
            f"`GET /q/health/ready`.\n\n")
    replace(doc, "startup", head + "\n".join(out))
