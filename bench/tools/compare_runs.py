#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
# Before/after tables from two sift-bench JSON results of the quick mode
# (news-10000): indexing, ids-only latency against the lean raw-Xapian
# baseline of each run, and snippets over ids-only.  Used for bench/README.md.
import json, sys, re
def load(p):
    d = json.load(open(p))
    out = {}
    for b in d["benchmarks"]:
        name = b["name"]
        out[name.split("/iterations")[0].split("/manual_time")[0]] = b
    return out
before, after = load(sys.argv[1]), load(sys.argv[2])
C = "news-10000"
def g(t, key, field):
    b = t.get(key)
    if not b or b.get("error_occurred"): return None
    return b.get(field)
def f(v, d=0):
    return "–" if v is None else (f"{v:,.{d}f}")
print("#### Indexing news-10000 (before = format 1, after = format 2; same harness)\n")
print("| engine | threads | CPU s before | CPU s after | MB/s before | MB/s after | index MB before | index MB after | as the writer leaves it, MB before | after |")
print("|---|---|---|---|---|---|---|---|---|---|")
for e in ["sift", "xapian", "xapian-stored", "fts5", "clucene"]:
    for t in [1, 2]:
        k = f"index/{C}/{e}/threads:{t}"
        if g(after, k, "cpu_s") is None and g(before, k, "cpu_s") is None: continue
        mbs = lambda tab: (tab[k]["bytes_per_second"] / 1e6) if k in tab and not tab[k].get("error_occurred") else None
        print(f"| {e} | {t} | {f(g(before,k,'cpu_s'),1)} | {f(g(after,k,'cpu_s'),1)} | {f(mbs(before),2)} | {f(mbs(after),2)} | {f(g(before,k,'index_mb'),1)} | {f(g(after,k,'index_mb'),1)} | {f(g(before,k,'raw_mb'),1)} | {f(g(after,k,'raw_mb'),1)} |")
classes = ["rare","medium","common","and","or","phrase","stemmed_phrase","prefix","near","filtered","sort_date","mix"]
for field, title in [("cpu_p50_us", "CPU p50 µs"), ("p99_us", "p99 µs (wall)")]:
    print(f"\n#### Top-10 ids, news-10000: {title}, Sift before and after, and against the lean raw-Xapian baseline of the same run\n")
    print("| class | sift before | xapian (lean) before | ratio before | sift after | xapian (lean) after | ratio after | clucene after | fts5 after |")
    print("|---|---|---|---|---|---|---|---|---|")
    for c in classes:
        sb, xb = g(before, f"query/{C}/sift/{c}", field), g(before, f"query/{C}/xapian/{c}", field)
        sa, xa = g(after, f"query/{C}/sift/{c}", field), g(after, f"query/{C}/xapian/{c}", field)
        ca, fa = g(after, f"query/{C}/clucene/{c}", field), g(after, f"query/{C}/fts5/{c}", field)
        r = lambda a, b: f(a / b, 2) if a and b else "–"
        print(f"| {c} | {f(sb)} | {f(xb)} | {r(sb,xb)} | {f(sa)} | {f(xa)} | {r(sa,xa)} | {f(ca)} | {f(fa)} |")
print("\n#### Snippets for 10 hits, news-10000: CPU p50 µs and × ids-only (Sift)\n")
print("| class | before | × ids before | after | × ids after | xapian-stored after |")
print("|---|---|---|---|---|---|")
for c in ["medium","common","and","phrase","mix"]:
    sb, ib = g(before, f"snippets/{C}/sift/{c}", "cpu_p50_us"), g(before, f"query/{C}/sift/{c}", "cpu_p50_us")
    sa, ia = g(after, f"snippets/{C}/sift/{c}", "cpu_p50_us"), g(after, f"query/{C}/sift/{c}", "cpu_p50_us")
    xs = g(after, f"snippets/{C}/xapian-stored/{c}", "cpu_p50_us")
    r = lambda a, b: f(a / b, 2) if a and b else "–"
    print(f"| {c} | {f(sb)} | {r(sb,ib)} | {f(sa)} | {r(sa,ia)} | {f(xs)} |")
