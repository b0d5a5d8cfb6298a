#!/usr/bin/env python3
"""Turns bench/read-load.sh's wrk outputs into the tables between the markers of docs/benchmarks.md: one per
catalog size and cache setting, and for a generated catalog also the plans of its list queries."""
import json, os, re, sys, statistics, datetime

out, tps16, tps64, hwm, episodes, warmup, duration, doc, cache = sys.argv[1:10]
size, heap = (sys.argv[10:12] + ["", "256m"])[:2] if len(sys.argv) > 10 else ("", "256m")
suffix = "" if cache == "true" else "-uncached"
tps = {16: [float(x) for x in tps16.split()], 64: [float(x) for x in tps64.split()]}
if size:
    meta = json.load(open(f"{out}/terms.json"))
    share = lambda kind: f"{min(meta['terms'][kind].values()):.1%}-{max(meta['terms'][kind].values()):.1%}"
    NAMES = {"episode": "GET one episode (1,000 refs)", "episode-304": "the same, If-None-Match: 304",
             "first-page": "first page of episodes", "deep-page": f"a page after {meta['depth']:,} episodes (cursor)",
             "guest-episodes": "episodes of a guest (100 guests with the most)",
             "topic-episodes": "episodes of a topic (100 topics with the most)",
             "search": f"`q`, {len(meta['terms']['search'])} rare terms ({share('search')} of episodes each)",
             "search-broad": f"`q`, {len(meta['terms']['search-broad'])} broad terms ({share('search-broad')} each)",
             "count": "first page with `count=true`",
             "guest-card": "guest card, HTML embed (the same 100 guests)", "oembed": "oEmbed of a guest card URL (the same 100)"}
else:
    NAMES = {"episode": "GET one episode (100 popular refs)", "episode-304": "the same, If-None-Match: 304",
             "first-page": "first page of episodes", "guest-episodes": "episodes of a guest (40 guests)",
             "topic-episodes": "episodes of a topic (20 topics)", "search": "`q` search, 25 rare terms (<1% each)",
             "guest-card": "guest card, HTML embed (40 guests)", "oembed": "oEmbed of a guest card URL (40 guests)"}

def parse(path):
    text = open(path).read()
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    def latency(p):
        m = re.search(rf"\s{p}%\s+([\d.]+)(us|ms|s)", text)
        return float(m.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[m.group(2)]
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    errors = re.search(r"Socket errors: (.*)", text)
    return rate, latency(50), latency(99), (int(bad.group(1)) if bad else 0), (errors.group(1) if errors else "")

# this run's figures, kept so that a run of another size can be compared with it
results = {f"{name}-c{c}": parse(f"{out}/{name}-c{c}.txt") for name in NAMES for c in (16, 64)}
store = "target/bench/read-results"
os.makedirs(store, exist_ok=True)
if size:
    json.dump(results, open(f"{store}/{size}-{cache}.json", "w"))
small = f"{store}/10000-{cache}.json"
compare = json.load(open(small)) if size and size != "10000" and os.path.exists(small) else None

head = "| read | conns | req/s | x pgbench -S | p50 ms | p99 ms | non-2xx/3xx |"
if compare:
    head += " 10k req/s ÷ this | p99 ÷ 10k p99 |"
rows = [head, "|" + "---|" * (head.count("|") - 1)]
for name, label in NAMES.items():
    for c in (16, 64):
        rate, p50, p99, bad, errors = results[f"{name}-c{c}"]
        base = statistics.mean(tps[c])
        row = f"| {label} | {c} | {rate:,.0f} | {rate / base:.2f}x | {p50:.2f} | {p99:.2f} | {bad}{' ' + errors if errors else ''} |"
        if compare:
            other = compare.get(f"{name}-c{c}")
            # a read that timed out throughout has no rate or p99 to divide by
            row += (f" {other[0] / rate:.2f}x | {p99 / other[2]:.2f}x |" if other and rate and other[2] else " n/a | n/a |") if other else " | |"
        rows.append(row)
pg = "; ".join(f"{c} connections: " + " and ".join(f"{t:,.0f}" for t in tps[c]) + " TPS (before and after)" for c in (16, 64))
what = f"{int(episodes):,} generated episodes (`bench/generate-catalog.sh`)" if size else f"{episodes} episodes"
warm = (f"one warm-up of {warmup} s over every read at once" if size else f"warm-up {warmup} s per read")
notes = ""
if size:
    first, deep = results["first-page-c16"], results["deep-page-c16"]
    notes = (f"\n\nDeep page against first page at 16 connections: p50 {deep[1] / first[1]:.2f}x, p99 {deep[2] / first[2]:.2f}x "
             f"(goal: within 1.5x).")
    if compare:
        notes += " The last two columns compare with the latest 10,000-episode run of the same cache setting (goal: within 1.5x)."
block = (f"Run of {datetime.date.today()}, response cache {'on' if cache == 'true' else 'off'}: {what}, {warm}, {duration} s per figure; "
         f"`pgbench -S -M prepared` on the same PostgreSQL 15, {pg}; ratios use their mean. "
         f"Peak resident memory of the app (VmHWM) at the end: {int(hwm) / 1024:.0f} MiB with -Xmx{heap}.{notes}\n\n" + "\n".join(rows))

def put(text, marker, block, heading):
    begin, end = f"<!-- {marker}:begin -->", f"<!-- {marker}:end -->"
    if begin in text:
        return text[:text.index(begin) + len(begin)] + "\n" + block + "\n" + text[text.index(end):]
    return text + f"\n{heading}\n\n{begin}\n{block}\n{end}\n"

text = open(doc).read()
command = ("" if cache == "true" else "CACHE=false ") + (f"SIZE={size} " if size else "") + "bench/read-load.sh"
label = f"{int(size):,} generated episodes, response cache {'on' if cache == 'true' else 'off'}" if size else \
    ("With" if cache == "true" else "Without") + " the response cache"
text = put(text, f"read-load{'-' + size if size else ''}{suffix}", block, f"### {label}\n\nWritten by `{command}`.")
if size:
    plans = []
    for name, label in NAMES.items():
        path = f"{out}/explain-{name}.txt"
        if os.path.exists(path) and cache == "false":
            plans.append(f"#### {label}\n\n```\n{open(path).read().strip()}\n```")
    if plans:
        text = put(text, f"explain-{size}", f"Captured on {datetime.date.today()} by `{command}` (auto_explain, one cold request of each list).\n\n"
                   + "\n\n".join(plans), f"### Plans of the list queries at {int(size):,} episodes\n\nWritten by `SIZE={size} bench/read-load.sh`: "
                   "every list query the app ran for one request of each list, as `EXPLAIN (ANALYZE, BUFFERS)` (auto_explain with "
                   "`log_analyze` and `log_buffers`).")
open(doc, "w").write(text)
print(block)
