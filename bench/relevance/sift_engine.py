#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Sift in the known-item evaluation: indexes a corpus variant with
sift-index and answers every query with sift-releval-query (Sift's public
API, default search options), as a user of the programs would.

Writes OUT/index/sift-<corpus>/ and OUT/answers/<corpus>/sift.jsonl:
{"qid", "ids", "total", "warnings", "suggestion"?, "error"?} per query.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys


def index(sift_index, corpus_path, db):
    shutil.rmtree(db, ignore_errors=True)
    run = subprocess.run([sift_index, "--db", db, corpus_path], capture_output=True, text=True,
                         env=dict(os.environ, NO_COLOR="1"))
    if run.returncode != 0:
        sys.exit(f"sift_engine.py: sift-index failed ({run.returncode}) on {corpus_path}:\n"
                 f"{run.stderr}")


def answer(sift_query, db, queries):
    """One answer per query, in order."""
    text = "".join(q + "\n" for q in queries)
    run = subprocess.run([sift_query, "--db", db], input=text, capture_output=True,
                         text=True, encoding="utf-8")
    if run.returncode != 0:
        sys.exit(f"sift_engine.py: {sift_query} failed ({run.returncode}):\n{run.stderr}")
    answers = [json.loads(line) for line in run.stdout.splitlines()]
    if len(answers) != len(queries):
        sys.exit(f"sift_engine.py: {len(answers)} answers to {len(queries)} queries")
    return answers


def agree_with_sift_search(sift_search, db, queries, answers):
    """The driver must answer as sift-search --json does (same ids, same
    order), or the evaluation would score another program than users run."""
    for query, a in zip(queries, answers):
        run = subprocess.run([sift_search, "--db", db, "--json", "--", query],
                             capture_output=True, text=True, encoding="utf-8")
        expected = json.loads(run.stdout) if run.stdout.strip() else {}
        ids = [hit["id"] for hit in expected.get("hits", [])]
        if ids != a.get("ids", []):
            sys.exit(f"sift_engine.py: for {query!r} sift-search gives {ids}, "
                     f"sift-releval-query {a.get('ids')}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", required=True)
    ap.add_argument("--corpus", required=True, help="hidden or visible")
    ap.add_argument("--sift-index", required=True)
    ap.add_argument("--sift-query", required=True)
    ap.add_argument("--sift-search", help="check the first --agree answers against it")
    ap.add_argument("--agree", type=int, default=20)
    args = ap.parse_args()

    db = os.path.join(args.out, "index", f"sift-{args.corpus}")
    index(args.sift_index, os.path.join(args.out, f"corpus-{args.corpus}.jsonl"), db)
    with open(os.path.join(args.out, "queries.jsonl"), encoding="utf-8") as f:
        queries = [json.loads(line) for line in f if line.strip()]
    answers = answer(args.sift_query, db, [q["query"] for q in queries])
    if args.sift_search:
        # Spread over the variants: every 50th query, up to --agree of them.
        picked = list(range(0, len(queries), 50))[:args.agree]
        agree_with_sift_search(args.sift_search, db, [queries[i]["query"] for i in picked],
                               [answers[i] for i in picked])
    out = os.path.join(args.out, "answers", args.corpus)
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "sift.jsonl"), "w", encoding="utf-8") as f:
        for q, a in zip(queries, answers):
            a.pop("titles", None)
            f.write(json.dumps({"qid": q["qid"], **a}, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
