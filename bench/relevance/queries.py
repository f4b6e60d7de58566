#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Makes the known-item queries from each page's hidden NAME-line
description (bench/relevance/README.md, "Queries").

Reads OUT/items.jsonl, writes OUT/queries.jsonl: one object per query,
{"qid", "variant", "query", "relevant": [page ids]}.

One query per distinct description and variant: pages that share a
description (case and spacing folded) are one known item, and a hit on any
of them counts.  Every random choice is seeded by (seed, variant, description),
so the queries do not change when other pages come or go.
"""
import argparse
import collections
import json
import os
import random
import re
import string

# Left out of the short queries: words that say nothing about a page.
STOPWORDS = frozenset("""a an and are as at be by for from in into is it its of on or
that the this to with""".split())
# A hyphenated word: letters or digits on both sides of each hyphen.
HYPHENATED = re.compile(r"[^\W_]+(?:[-\u2010][^\W_]+)+")
PUNCTUATION = string.punctuation + "\u2010\u2013\u2014\u2018\u2019\u201c\u201d"


def short_query(description, rng):
    """2-4 of the description's content words, in their order."""
    words = [w.strip(PUNCTUATION) for w in description.split()]
    content = [w for w in words if any(c.isalnum() for c in w) and w.lower() not in STOPWORDS]
    if len(content) < 2:
        return None
    k = min(rng.randint(2, 4), len(content))
    return " ".join(content[i] for i in sorted(rng.sample(range(len(content)), k)))


def typo_query(description, rng):
    """The description with one edit (delete, insert, substitute or swap two
    neighbours) in one word of five or more letters; the first letter is
    kept, as most typos do."""
    words = description.split()
    candidates = []
    for i, w in enumerate(words):
        core = w.strip(PUNCTUATION)
        if len(core) >= 5 and core.isascii() and core.isalpha():
            candidates.append(i)
    if not candidates:
        return None
    i = rng.choice(candidates)
    word = words[i]
    core = word.strip(PUNCTUATION)
    start = word.index(core)
    letters = list(core)
    pos = rng.randrange(1, len(letters))
    op = rng.choice(("delete", "insert", "substitute", "swap"))
    if op == "swap" and (pos + 1 >= len(letters) or letters[pos] == letters[pos + 1]):
        op = "substitute"
    if op == "delete":
        del letters[pos]
    elif op == "insert":
        letters.insert(pos, rng.choice(string.ascii_lowercase))
    elif op == "substitute":
        letters[pos] = rng.choice([c for c in string.ascii_lowercase if c != letters[pos].lower()])
    else:
        letters[pos], letters[pos + 1] = letters[pos + 1], letters[pos]
    words[i] = word[:start] + "".join(letters) + word[start + len(core):]
    return " ".join(words)


def hyphen_queries(description):
    """(as written, joined, split) for a description with a hyphenated word."""
    if not HYPHENATED.search(description):
        return None

    def rewrite(sep):
        return HYPHENATED.sub(lambda m: re.sub(r"[-\u2010]", sep, m.group(0)), description)

    return description, rewrite(""), rewrite(" ")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", default="sift-releval")
    args = ap.parse_args()

    groups = collections.OrderedDict()
    with open(os.path.join(args.out, "items.jsonl"), encoding="utf-8") as f:
        for line in f:
            item = json.loads(line)
            if not item["description"]:
                continue
            key = " ".join(item["description"].casefold().split())
            groups.setdefault(key, (item["description"], []))[1].append(item["id"])

    counts = collections.Counter()
    with open(os.path.join(args.out, "queries.jsonl"), "w", encoding="utf-8") as out:
        for key, (description, relevant) in groups.items():
            variants = {"full": description}
            rng = lambda variant: random.Random(f"{args.seed}\0{variant}\0{key}")
            variants["words"] = short_query(description, rng("words"))
            variants["typo"] = typo_query(description, rng("typo"))
            hyphens = hyphen_queries(description)
            if hyphens:
                for name, query in zip(("hyphen", "hyphen-joined", "hyphen-split"), hyphens):
                    variants[name] = query
            for variant, query in variants.items():
                if query is None:
                    continue
                counts[variant] += 1
                out.write(json.dumps({"qid": f"{variant}:{relevant[0]}", "variant": variant,
                                      "query": query, "relevant": relevant},
                                     ensure_ascii=False) + "\n")
    shared = sum(1 for _, ids in groups.values() if len(ids) > 1)
    print(f"queries: {sum(counts.values())} from {len(groups)} descriptions "
          f"({shared} shared by several pages): " +
          ", ".join(f"{v} {n}" for v, n in counts.items()))


if __name__ == "__main__":
    main()
