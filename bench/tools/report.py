#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Turns sift-bench's Google Benchmark JSON into side-by-side Markdown tables.

  report.py RESULTS.json [MORE.json ...]   print the tables
  report.py --check RESULTS.json           exit 1 if a benchmark failed for a
                                           reason other than a documented
                                           unsupported feature

Benchmark names are KIND/CORPUS/ENGINE/... (see bench/src/suites.cc).
Ratios are Sift / peer: below 1 means Sift is faster (or smaller).
"""

import json
import sys
from collections import defaultdict

ENGINES = ["sift", "xapian", "fts5", "clucene"]
PEERS = ["xapian", "fts5", "clucene"]
CLASSES = ["rare", "medium", "common", "and", "or", "phrase", "stemmed_phrase",
           "prefix", "near", "filtered", "sort_date", "mix"]
ALLOWED_ERRORS = ("unsupported:", "the corpus is too small")


def load(paths):
    runs = []
    context = None
    for path in paths:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
        context = context or data.get("context", {})
        runs.extend(data.get("benchmarks", []))
    return context, runs


def parse(runs):
    """-> {(kind, corpus, engine, detail): run}"""
    table = {}
    for run in runs:
        parts = run["name"].split("/")
        kind, corpus = parts[0], parts[1]
        if kind == "analysis":
            key = (kind, corpus, parts[2], "")
        elif kind == "suggest":
            key = (kind, corpus, parts[2], "")
        else:
            key = (kind, corpus, parts[2], parts[3])
        table[key] = run
    return table


def fmt(value, digits=0):
    if value is None:
        return "–"
    if digits == 0:
        return f"{value:,.0f}"
    return f"{value:,.{digits}f}"


def ratio(a, b):
    if a is None or b is None or b == 0:
        return "–"
    return f"{a / b:.2f}"


def get(table, key, counter):
    run = table.get(key)
    if not run or run.get("error_occurred"):
        return None
    return run.get(counter)


def cell(table, key, counter, digits=0):
    run = table.get(key)
    if run is None:
        return "–"
    if run.get("error_occurred"):
        message = run.get("error_message", "")
        return "n/a" if message.startswith("unsupported") else "error"
    return fmt(run.get(counter), digits)


def engines_of(table, kind, corpus):
    """The main engines, then any lever variants present (sift-batch0, ...)."""
    present = {e for (k, c, e, _) in table if k == kind and c == corpus}
    return [e for e in ENGINES if e in present] + sorted(present - set(ENGINES))


def corpora_of(table):
    seen = []
    for (_, corpus, _, _) in table:
        if corpus not in seen:
            seen.append(corpus)
    return seen


def query_table(table, corpus, kind, counter, title):
    lines = [f"#### {title}", "",
             "| class | " + " | ".join(ENGINES) +
             " | Sift/Xapian | Sift/best peer |",
             "|---" * (len(ENGINES) + 3) + "|"]
    for c in CLASSES:
        if not any((kind, corpus, e, c) in table for e in ENGINES):
            continue
        values = {e: get(table, (kind, corpus, e, c), counter) for e in ENGINES}
        peers = [values[p] for p in PEERS if values[p] is not None]
        best = min(peers) if peers else None
        lines.append(f"| {c} | " +
                     " | ".join(cell(table, (kind, corpus, e, c), counter)
                                for e in ENGINES) +
                     f" | {ratio(values['sift'], values['xapian'])}"
                     f" | {ratio(values['sift'], best)} |")
    return lines + [""]


def snippet_table(table, corpus):
    lines = ["#### Snippets for 10 hits: p50 µs, and the cost over ids only", "",
             "| class | " + " | ".join(ENGINES) + " | " +
             " | ".join(f"{e} ×ids" for e in ENGINES) + " |",
             "|---" * (2 * len(ENGINES) + 1) + "|"]
    for c in CLASSES:
        if not any(("snippets", corpus, e, c) in table for e in ENGINES):
            continue
        cells = [cell(table, ("snippets", corpus, e, c), "p50_us") for e in ENGINES]
        factors = [ratio(get(table, ("snippets", corpus, e, c), "p50_us"),
                         get(table, ("query", corpus, e, c), "p50_us"))
                   for e in ENGINES]
        lines.append(f"| {c} | " + " | ".join(cells) + " | " +
                     " | ".join(factors) + " |")
    return lines + [""]


def index_table(table, corpus):
    lines = ["#### Indexing (end to end, durable commit) and index size", "",
             "| engine | threads | MB/s | docs/s | MB per CPU-s | peak RSS MB | index MB "
             "| terms+positions MB | stored MB | uncompacted MB | compaction s |",
             "|---" * 11 + "|"]
    for e in engines_of(table, "index", corpus):
        for threads in ("threads:1", "threads:2"):
            key = ("index", corpus, e, threads)
            run = table.get(key)
            if run is None:
                continue
            if run.get("error_occurred"):
                lines.append(f"| {e} | {threads[8:]} | n/a: "
                             f"{run.get('error_message', '')} |||||||||")
                continue
            mbs = run.get("bytes_per_second", 0) / (1024 * 1024)
            lines.append(
                f"| {e} | {threads[8:]} | {fmt(mbs, 2)} | {fmt(run.get('docs_per_s'))} "
                f"| {fmt(run.get('mb_per_cpu_s'), 2)} "
                f"| {fmt(run.get('peak_rss_mb'), 1)} | {fmt(run.get('index_mb'), 1)} "
                f"| {fmt(run.get('postings_mb'), 1)} | {fmt(run.get('stored_mb'), 1)} "
                f"| {fmt(run.get('raw_mb'), 1)} | {fmt(run.get('compact_s'), 2)} |")
    fts5 = get(table, ("index", corpus, "fts5", "threads:1"), "postings_mb")
    sift = get(table, ("index", corpus, "sift", "threads:1"), "postings_mb")
    lines.append("")
    lines.append(f"Sift terms+positions / FTS5 terms+positions: {ratio(sift, fts5)}"
                 " (target ≤ 1.5).")
    return lines + [""]


def analysis_table(table, corpus):
    rows = [(name, table[k]) for k in table if k[0] == "analysis" and k[1] == corpus
            for name in [k[2]]]
    if not rows:
        return []
    lines = ["#### Analysis alone (one core)", "", "| analyzer | MB/s |", "|---|---|"]
    for name, run in rows:
        mbs = None if run.get("error_occurred") else run.get("bytes_per_second", 0) / 2**20
        lines.append(f"| {name} | {fmt(mbs, 1)} |")
    return lines + [""]


def suggest_lines(table, corpus):
    run = table.get(("suggest", corpus, "sift", ""))
    if not run or run.get("error_occurred"):
        return []
    return [f"Suggestions (Sift only; no peer has a corrector in this setup): "
            f"p50 {fmt(run.get('p50_us'))} µs, p99 {fmt(run.get('p99_us'))} µs; "
            f"of {fmt(run.get('typos', 0))} one-edit typos, "
            f"{fmt(100 * run.get('suggested', 0), 1)}% got a suggestion and "
            f"{fmt(100 * run.get('corrected', 0), 1)}% got back the word they came from; "
            f"{fmt(100 * run.get('false_alarms', 0), 1)}% of "
            f"{fmt(run.get('correct_words', 0))} correct words got a suggestion.", ""]


def growth_table(table):
    news = sorted((c for c in corpora_of(table) if c.startswith("news-")),
                  key=lambda c: int(c.split("-")[1]))
    if len(news) < 2:
        return []
    lines = ["### Growth with corpus size (news corpora)", "",
             "p50 µs of the mix class, indexing MB/s and index MB:", "",
             "| engine | " + " | ".join(f"mix p50 {c}" for c in news) + " | " +
             " | ".join(f"MB/s {c}" for c in news) + " | " +
             " | ".join(f"index MB {c}" for c in news) + " |",
             "|---" * (3 * len(news) + 1) + "|"]
    for e in ENGINES:
        p50 = [cell(table, ("query", c, e, "mix"), "p50_us") for c in news]
        mbs = [fmt(None if get(table, ("index", c, e, "threads:1"), "bytes_per_second") is None
                   else get(table, ("index", c, e, "threads:1"), "bytes_per_second") / 2**20, 2)
               for c in news]
        size = [cell(table, ("index", c, e, "threads:1"), "index_mb", 1) for c in news]
        lines.append(f"| {e} | " + " | ".join(p50 + mbs + size) + " |")
    return lines + [""]


def report(paths):
    context, runs = load(paths)
    table = parse(runs)
    out = ["## Results", "",
           f"Machine: {context.get('num_cpus', '?')} CPUs at "
           f"{context.get('mhz_per_cpu', '?')} MHz, load average "
           f"{', '.join(f'{x:.2f}' for x in context.get('load_avg', []))} at the start; "
           f"run {context.get('date', '?')}.", ""]
    for corpus in corpora_of(table):
        out.append(f"### {corpus}")
        out.append("")
        out += index_table(table, corpus)
        out += query_table(table, corpus, "query", "p50_us", "Top-10 ids: p50 µs")
        out += query_table(table, corpus, "query", "p99_us", "Top-10 ids: p99 µs")
        out += query_table(table, corpus, "query", "cpu_p50_us",
                           "Top-10 ids: CPU p50 µs (thread CPU time, steadier on a shared machine)")
        out += snippet_table(table, corpus)
        out += analysis_table(table, corpus)
        out += suggest_lines(table, corpus)
    out += growth_table(table)
    print("\n".join(out))


def check(paths):
    _, runs = load(paths)
    failed = [r for r in runs if r.get("error_occurred")
              and not r.get("error_message", "").startswith(ALLOWED_ERRORS)]
    for run in failed:
        print(f"FAILED {run['name']}: {run.get('error_message')}", file=sys.stderr)
    ok = len(runs) - len([r for r in runs if r.get("error_occurred")])
    print(f"{ok} passed, {len(failed)} failed")
    return 1 if failed or not runs else 0


if __name__ == "__main__":
    args = sys.argv[1:]
    if not args:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    if args[0] == "--check":
        sys.exit(check(args[1:]))
    report(args)
