#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Scores the known-item evaluation: success@1, success@10, MRR@10 and
zero-hit queries per engine, corpus variant and query variant.

  score.py --out OUT           writes OUT/results.json and OUT/results.md
  score.py --out OUT --check   also fails unless the numbers are sane: every
                               engine present for every corpus and query
                               variant, each metric between 0 and 1
  score.py --out OUT --baseline bench/relevance/before.json
                               adds Sift before -> now against the best peer

A query succeeds at k when one of its relevant pages (the page, or a page
with the same description) is among the first k answers; its reciprocal
rank is 1/rank of the first relevant page in the top 10, else 0.
"""
import argparse
import collections
import json
import os
import sys

ENGINES = ("sift", "xapian-and", "xapian-or", "fts5-and", "fts5-or")
CORPORA = ("hidden", "visible")
CORPUS_NAMES = {"hidden": "title hidden", "visible": "title visible"}
VARIANTS = ("full", "words", "typo", "hyphen", "hyphen-joined", "hyphen-split")
METRICS = (("s@1", "success@1"), ("s@10", "success@10"), ("mrr@10", "MRR@10"))


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def score(queries, answers):
    """{variant: {"n", "s@1", "s@10", "mrr@10", "zero", "errors"}} for one engine."""
    by_qid = {a["qid"]: a for a in answers}
    sums = collections.defaultdict(collections.Counter)
    for q in queries:
        a = by_qid.get(q["qid"])
        if a is None:
            raise SystemExit(f"score.py: no answer for query {q['qid']}")
        ids = a.get("ids", [])[:10]
        relevant = set(q["relevant"])
        rank = next((i + 1 for i, pid in enumerate(ids) if pid in relevant), None)
        s = sums[q["variant"]]
        s["n"] += 1
        s["s@1"] += rank == 1
        s["s@10"] += rank is not None
        s["mrr@10"] += 1 / rank if rank else 0
        s["zero"] += not ids
        s["errors"] += "error" in a
        s["suggested"] += bool(a.get("suggestion"))
    return {v: {"n": s["n"], "s@1": s["s@1"] / s["n"], "s@10": s["s@10"] / s["n"],
                "mrr@10": s["mrr@10"] / s["n"], "zero": s["zero"], "errors": s["errors"],
                "suggested": s["suggested"]}
            for v, s in sums.items()}


def rows(results, corpus, cell):
    """(query variant, n, one formatted cell per engine) for each query variant."""
    for variant in VARIANTS:
        row = results.get(corpus, {}).get("sift", {}).get(variant)
        if row is not None:
            yield variant, row["n"], [cell(results[corpus][e][variant]) for e in ENGINES]


def table(results, metric, title):
    """One metric, every corpus and query variant, engines side by side."""
    lines = [f"**{title}**", "", "| corpus | queries | n | " + " | ".join(ENGINES) + " |",
             "|" + "---|" * (3 + len(ENGINES))]
    cell = (lambda m: str(m[metric])) if metric == "zero" else (lambda m: f"{m[metric]:.3f}")
    for corpus in CORPORA:
        for variant, n, cells in rows(results, corpus, cell):
            lines.append(f"| {CORPUS_NAMES[corpus]} | {variant} | {n} | " + " | ".join(cells) +
                         " |")
    return "\n".join(lines)


def summary(results, corpus):
    """One corpus variant: every metric of every engine side by side."""
    lines = [f"**{CORPUS_NAMES[corpus]}: success@1 / success@10 / MRR@10 (zero-hit queries)**", "",
             "| queries | n | " + " | ".join(ENGINES) + " |", "|" + "---|" * (2 + len(ENGINES))]
    cell = lambda m: f"{m['s@1']:.3f} / {m['s@10']:.3f} / {m['mrr@10']:.3f} ({m['zero']})"
    for variant, n, cells in rows(results, corpus, cell):
        lines.append(f"| {variant} | {n} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def suggestions(results):
    """Sift's spelling suggestions per query variant: on every variant but
    typo the query is spelled as the page spells it, so a suggestion there
    is a false one (issue #12: at most 3 % of correct queries)."""
    lines = ["**Sift: queries with a spelling suggestion**", "",
             "| corpus | " + " | ".join(VARIANTS) + " |", "|" + "---|" * (1 + len(VARIANTS))]
    for corpus in CORPORA:
        sift = results.get(corpus, {}).get("sift", {})
        cells = [f"{sift[v]['suggested']} / {sift[v]['n']}" if v in sift else "-" for v in VARIANTS]
        lines.append(f"| {CORPUS_NAMES[corpus]} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def versus(results, baseline, corpus):
    """Sift before (baseline) and now against the best peer mode of this run,
    per metric: the comparison issue #12's targets ask for."""
    peers = [e for e in ENGINES if e != "sift"]
    lines = [f"**{CORPUS_NAMES[corpus]}: Sift before -> now (best peer now)**", "",
             "| queries | " + " | ".join(name for _, name in METRICS) + " | zero hits |",
             "|" + "---|" * (2 + len(METRICS))]
    for variant in VARIANTS:
        now = results.get(corpus, {}).get("sift", {}).get(variant)
        before = baseline.get(corpus, {}).get("sift", {}).get(variant)
        if now is None or before is None:
            continue
        cells = []
        for key, _ in METRICS:
            best = max(results[corpus][e][variant][key] for e in peers)
            cells.append(f"{before[key]:.3f} -> {now[key]:.3f} ({best:.3f})")
        cells.append(f"{before['zero']} -> {now['zero']}")
        lines.append(f"| {variant} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def check(results):
    problems = []
    for corpus in CORPORA:
        for engine in ENGINES:
            per_variant = results.get(corpus, {}).get(engine)
            if not per_variant:
                problems.append(f"{corpus}: no results for {engine}")
                continue
            for variant in ("full", "words", "typo"):
                if variant not in per_variant:
                    problems.append(f"{corpus}/{engine}: no {variant} queries")
            for variant, m in per_variant.items():
                for key, _ in METRICS:
                    if not 0 <= m[key] <= 1:
                        problems.append(f"{corpus}/{engine}/{variant}: {key} = {m[key]}")
                if m["s@1"] > m["s@10"] or m["mrr@10"] > m["s@10"] or m["mrr@10"] < m["s@1"]:
                    problems.append(f"{corpus}/{engine}/{variant}: inconsistent {m}")
                if m["zero"] > m["n"]:
                    problems.append(f"{corpus}/{engine}/{variant}: zero {m['zero']} > n {m['n']}")
        # Every engine finds something: a broken index or a broken driver
        # gives no successes at all.
        for engine, per_variant in results.get(corpus, {}).items():
            if per_variant.get("full", {}).get("s@10", 0) == 0:
                problems.append(f"{corpus}/{engine}: success@10 on full descriptions is 0")
    return problems


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", required=True)
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--baseline", help="an earlier results.json: adds Sift before -> now tables")
    args = ap.parse_args()

    queries = read_jsonl(os.path.join(args.out, "queries.jsonl"))
    results = {}
    for corpus in CORPORA:
        for engine in ENGINES:
            path = os.path.join(args.out, "answers", corpus, engine + ".jsonl")
            if os.path.exists(path):
                results.setdefault(corpus, {})[engine] = score(queries, read_jsonl(path))
    with open(os.path.join(args.out, "results.json"), "w", encoding="utf-8") as f:
        json.dump(results, f, indent=1)
    md = "\n\n".join([summary(results, corpus) for corpus in CORPORA if corpus in results] +
                     [table(results, key, name) for key, name in METRICS] +
                     [table(results, "zero", "queries with zero hits"), suggestions(results)])
    if args.baseline:
        with open(args.baseline, encoding="utf-8") as f:
            baseline = json.load(f)
        md = "\n\n".join([versus(results, baseline, c) for c in CORPORA if c in results] + [md])
    with open(os.path.join(args.out, "results.md"), "w", encoding="utf-8") as f:
        f.write(md + "\n")
    print(md)
    if args.check:
        problems = check(results)
        for p in problems:
            print("check:", p, file=sys.stderr)
        sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
