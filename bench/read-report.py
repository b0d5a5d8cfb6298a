#!/usr/bin/env python3
"""Turns bench/read-load.sh's wrk outputs into the table between the markers of docs/benchmarks.md."""
import re, sys, statistics, datetime

out, tps16, tps64, hwm, episodes, warmup, duration, doc, cache = sys.argv[1:10]
suffix = "" if cache == "true" else "-uncached"
tps = {16: [float(x) for x in tps16.split()], 64: [float(x) for x in tps64.split()]}
NAMES = {"episode": "GET one episode (100 popular refs)", "episode-304": "the same, If-None-Match: 304",
         "first-page": "first page of episodes", "guest-episodes": "episodes of a guest (40 guests)",
         "topic-episodes": "episodes of a topic (20 topics)", "search": "`q` search, 25 rare terms (<1% each)"}

def parse(path):
    text = open(path).read()
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    def latency(p):
        m = re.search(rf"\s{p}%\s+([\d.]+)(us|ms|s)", text)
        return float(m.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[m.group(2)]
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    errors = re.search(r"Socket errors: (.*)", text)
    return rate, latency(50), latency(99), (int(bad.group(1)) if bad else 0), (errors.group(1) if errors else "")

rows = ["| read | conns | req/s | x pgbench -S | p50 ms | p99 ms | non-2xx/3xx |", "|---|---|---|---|---|---|---|"]
for name, label in NAMES.items():
    for c in (16, 64):
        rate, p50, p99, bad, errors = parse(f"{out}/{name}-c{c}.txt")
        base = statistics.mean(tps[c])
        rows.append(f"| {label} | {c} | {rate:,.0f} | {rate / base:.2f}x | {p50:.2f} | {p99:.2f} | {bad}{' ' + errors if errors else ''} |")
pg = "; ".join(f"{c} connections: " + " and ".join(f"{t:,.0f}" for t in tps[c]) + " TPS (before and after)" for c in (16, 64))
block = (f"Run of {datetime.date.today()}, response cache {'on' if cache == 'true' else 'off'}: {episodes} episodes, warm-up {warmup} s per read, {duration} s per figure; "
         f"`pgbench -S -M prepared` on the same PostgreSQL 15, {pg}; ratios use their mean. "
         f"Peak resident memory of the app (VmHWM) at the end: {int(hwm) / 1024:.0f} MiB with -Xmx256m.\n\n" + "\n".join(rows))
text = open(doc).read()
begin, end = f"<!-- read-load{suffix}:begin -->", f"<!-- read-load{suffix}:end -->"
if begin in text:
    text = text[:text.index(begin) + len(begin)] + "\n" + block + "\n" + text[text.index(end):]
else:
    text += f"\n### {'With' if cache == 'true' else 'Without'} the response cache\n\nWritten by `{'' if cache == 'true' else 'CACHE=false '}bench/read-load.sh`.\n\n{begin}\n{block}\n{end}\n"
open(doc, "w").write(text)
print(block)
