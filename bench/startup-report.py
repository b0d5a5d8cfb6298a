#!/usr/bin/env python3
"""Writes bench/startup.sh's figures into docs/benchmarks.md between the startup (or warmup) markers."""
import datetime, os, re, statistics, sys

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
    name, jdk, extra, appdir = (variant.split("|") + ["", ""])[:4]
    where = f" in `{os.path.relpath(appdir)}`" if appdir else ""
    return name, f"`{jdk}/bin/java {JAVA_OPTS} {extra}`".replace("  ", " ").replace(" `", "`") + where

mode, data, doc, runs, JAVA_OPTS, *variants = sys.argv[1:]
today = datetime.date.today().isoformat()
load = (f" Load averages (1, 5, 15 min) at the start of the run: {os.environ.get('LOAD_START', '?')}, "
        f"when this table was written: {' '.join(open('/proc/loadavg').read().split()[:3])} (2 cores).")
if mode == "startup":
    rows = {}
    for line in open(data):
        name, _, ms, started = line.rstrip("\n").split("\t")
        rows.setdefault(name, ([], []))
        rows[name][0].append(int(ms))
        if started:
            rows[name][1].append(float(started))
    base = statistics.median(rows["today"][0])
    # the jar issue 9 was filed on, when the run has it: its goal is a ratio to that start
    issue = statistics.median(rows["issue-9"][0]) if "issue-9" in rows else None
    out = ["| variant | JVM and flags (run in target/quarkus-app unless said) | to first ready, median (min-max) | ratio to today's jar | "
           + ("ratio to issue 9's jar | " if issue else "") + "Quarkus \"started in\", median |",
           "|---|---|---|---|" + ("---|" if issue else "") + "---|"]
    for v in variants:
        name, cmd = flags(v)
        ms, st = rows[name]
        med = statistics.median(ms)
        out.append(f"| {name} | {cmd} | {med / 1000:.2f} s ({min(ms) / 1000:.2f}-{max(ms) / 1000:.2f}) | "
                   f"{med / base:.2f}x | " + (f"{med / issue:.2f}x | " if issue else "")
                   + (f"{statistics.median(st):.2f} s |" if st else "- |"))
    head = (f"Run of {today}: `bench/startup.sh`, {runs} starts of each variant, alternating, against a migrated "
            f"PostgreSQL 15 on the same machine; time from launching the process to the first 200 of "
            f"`GET /q/health/ready`." + load + "\n\n")
    replace(doc, "startup", head + "\n".join(out))
else:  # warmup: rate per interval. The machine is shared, so single intervals jump: steady is the median of
    # the last 60 s, and "for good" is judged on the median of 3 intervals in a row
    interval = int(runs)
    series = {}
    for line in open(data):
        name, t, rate = line.rstrip("\n").split("\t")
        series.setdefault(name, []).append((int(t), float(rate)))
    hwm_file = os.path.join(os.path.dirname(data), "warmup-hwm.tsv")
    hwm = dict(line.split() for line in open(hwm_file)) if os.path.exists(hwm_file) else {}
    out = ["| variant | JVM and flags | first 5 s | 25-30 s | 55-60 s | steady (median of the last 60 s) | first interval at 90% of steady | from when the 3-interval median stays within 10% | VmHWM at the end |",
           "|---|---|---|---|---|---|---|---|---|"]
    lines = []
    for v in variants:
        name, cmd = flags(v)
        if name not in series:
            continue
        s = series[name]
        steady = statistics.median([r for _, r in s[-(60 // interval):]])
        smooth = [statistics.median(r for _, r in s[max(0, i - 1):i + 2]) for i in range(len(s))]
        reach = next((t - interval for t, r in s if r >= 0.9 * steady), None)
        stays = next((s[i][0] - interval for i in range(len(s)) if all(abs(m - steady) <= 0.1 * steady for m in smooth[i:])), None)
        rate_at = lambda sec: next(r for t, r in s if t >= sec)
        secs = lambda x: "never" if x is None else f"{x} s"
        out.append(f"| {name} | {cmd} | {s[0][1]:,.0f} req/s | {rate_at(30):,.0f} | {rate_at(60):,.0f} | {steady:,.0f} req/s | {secs(reach)} | {secs(stays)} | "
                   + (f"{int(hwm[name]) // 1024} MiB |" if name in hwm else "- |"))
        lines.append(f"{name}: " + " ".join(f"{r:.0f}" for _, r in s))
    head = (f"Run of {today}: `MODE=warmup bench/startup.sh`, each variant from a fresh start against the same "
            f"catalog ({os.environ.get('EPISODES', '300')} episodes, `bench/load-catalog.py`), `wrk -t2 -c16` on one episode in {interval}-s runs "
            f"back to back for {s[-1][0]} s; the seconds are counted from the first successful `/q/health/ready`." + load + "\n\n")
    replace(doc, "warmup", head + "\n".join(out) + "\n\nRequests per second in each interval:\n\n```\n" + "\n".join(lines) + "\n```")
