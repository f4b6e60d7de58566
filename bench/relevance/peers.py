#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""The peer engines of the known-item evaluation, each used the way its own
documentation shows, sharing nothing with Sift (bench/relevance/README.md).

  xapian-and, xapian-or  python3-xapian: TermGenerator with the English
      stemmer (STEM_SOME), QueryParser with default flags and default_op
      OP_AND or OP_OR.  A title is indexed with prefix S (title:) and once
      more without a prefix at wdf x3, the way Omega weights titles.
  fts5-and, fts5-or  SQLite FTS5 (python3's sqlite3), tokenizer
      "porter unicode61", ranked by bm25() with the title column weighted x3.
      Each whitespace-separated word is quoted (so no query is a syntax
      error; a quoted hyphenated word is a phrase), words without a letter
      or digit are dropped, and the words are joined by spaces (AND) or by
      OR.

Writes OUT/answers/<corpus>/<engine>.jsonl: {"qid", "ids", "error"?} per query,
in the order of queries.jsonl.
"""
import argparse
import json
import os
import shutil
import sqlite3

import xapian

TITLE_WEIGHT = 3


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def xapian_index(docs, path):
    shutil.rmtree(path, ignore_errors=True)
    db = xapian.WritableDatabase(path, xapian.DB_CREATE_OR_OVERWRITE)
    tg = xapian.TermGenerator()
    tg.set_stemmer(xapian.Stem("english"))
    tg.set_stemming_strategy(xapian.TermGenerator.STEM_SOME)
    for d in docs:
        doc = xapian.Document()
        tg.set_document(doc)
        title = d.get("title", "")
        if title:
            tg.index_text(title, 1, "S")
            tg.index_text(title, TITLE_WEIGHT)
            tg.increase_termpos()
        tg.index_text(d["body"])
        doc.set_data(d["id"])
        doc.add_boolean_term("Q" + d["id"])
        db.replace_document("Q" + d["id"], doc)
    db.commit()
    db.close()


def xapian_search(path, queries, default_op):
    db = xapian.Database(path)
    qp = xapian.QueryParser()
    qp.set_stemmer(xapian.Stem("english"))
    qp.set_stemming_strategy(xapian.QueryParser.STEM_SOME)
    qp.set_database(db)
    qp.add_prefix("title", "S")
    qp.set_default_op(default_op)
    enquire = xapian.Enquire(db)
    for q in queries:
        try:
            enquire.set_query(qp.parse_query(q["query"]))
        except xapian.QueryParserError as e:
            yield {"qid": q["qid"], "ids": [], "error": str(e)}
            continue
        yield {"qid": q["qid"], "ids": [m.document.get_data().decode() for m in
                                        enquire.get_mset(0, 10)]}


def fts5_index(docs, path):
    if os.path.exists(path):
        os.remove(path)
    con = sqlite3.connect(path)
    con.execute("CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, title, body, "
                "tokenize='porter unicode61')")
    con.executemany("INSERT INTO docs(id, title, body) VALUES (?, ?, ?)",
                    ((d["id"], d.get("title", ""), d["body"]) for d in docs))
    con.commit()
    con.close()


def fts5_match(query, joiner):
    words = [w for w in query.split() if any(c.isalnum() for c in w)]
    return joiner.join('"' + w.replace('"', '""') + '"' for w in words)


def fts5_search(path, queries, joiner):
    con = sqlite3.connect(path)
    sql = (f"SELECT id FROM docs WHERE docs MATCH ? ORDER BY bm25(docs, 0.0, {TITLE_WEIGHT}.0, 1.0)"
           " LIMIT 10")
    for q in queries:
        match = fts5_match(q["query"], joiner)
        if not match:
            yield {"qid": q["qid"], "ids": [], "error": "no words"}
            continue
        try:
            ids = [row[0] for row in con.execute(sql, (match,))]
        except sqlite3.Error as e:
            yield {"qid": q["qid"], "ids": [], "error": str(e)}
            continue
        yield {"qid": q["qid"], "ids": ids}


def write(path, answers):
    with open(path, "w", encoding="utf-8") as f:
        for a in answers:
            f.write(json.dumps(a, ensure_ascii=False) + "\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", required=True)
    ap.add_argument("--corpus", required=True, help="hidden or visible")
    args = ap.parse_args()

    docs = read_jsonl(os.path.join(args.out, f"corpus-{args.corpus}.jsonl"))
    queries = read_jsonl(os.path.join(args.out, "queries.jsonl"))
    answers = os.path.join(args.out, "answers", args.corpus)
    os.makedirs(answers, exist_ok=True)
    xdb = os.path.join(args.out, "index", f"xapian-{args.corpus}")
    xapian_index(docs, xdb)
    for name, op in (("xapian-and", xapian.Query.OP_AND), ("xapian-or", xapian.Query.OP_OR)):
        write(os.path.join(answers, name + ".jsonl"), xapian_search(xdb, queries, op))
    fdb = os.path.join(args.out, "index", f"fts5-{args.corpus}.sqlite")
    fts5_index(docs, fdb)
    write(os.path.join(answers, "fts5-and.jsonl"), fts5_search(fdb, queries, " "))
    write(os.path.join(answers, "fts5-or.jsonl"), fts5_search(fdb, queries, " OR "))


if __name__ == "__main__":
    main()
