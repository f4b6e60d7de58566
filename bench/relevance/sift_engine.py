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


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", required=True)
    ap.add_argument("--corpus", required=True, help="hidden or visible")
    ap.add_argument("--sift-index", required=True)
    ap.add_argument("--sift-query", required=True)
    args = ap.parse_args()

    db = os.path.join(args.out, "index", f"sift-{args.corpus}")
    index(args.sift_index, os.path.join(args.out, f"corpus-{args.corpus}.jsonl"), db)
    with open(os.path.join(args.out, "queries.jsonl"), encoding="utf-8") as f:
        queries = [json.loads(line) for line in f if line.strip()]
    answers = answer(args.sift_query, db, [q["query"] for q in queries])
    out = os.path.join(args.out, "answers", args.corpus)
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "sift.jsonl"), "w", encoding="utf-8") as f:
        for q, a in zip(queries, answers):
            a.pop("titles", None)
            f.write(json.dumps({"qid": q["qid"], **a}, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
