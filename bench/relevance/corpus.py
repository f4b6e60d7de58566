#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Renders the English man pages of Debian's manpages and manpages-dev with
man(1) and writes the evaluation corpus (bench/relevance/README.md).

Writes into OUT:
  rendered/<page>.txt    man's plain-text rendering, cached: a rerun reuses it
  corpus-hidden.jsonl    {"id", "body"}: no title
  corpus-visible.jsonl   {"id", "title", "body"}: the NAME line as the title,
                         "chmod, fchmod, fchmodat - change permissions of a file"
  items.jsonl            {"id", "names", "description"}: the hidden NAME line

A page is a regular file under /usr/share/man/man<N>/ of either package that
is not a ".so" alias; symlinked aliases are left out too, so every page is
one document.  The body is the rendered page without its NAME section and
without the header and footer lines (which repeat the page name), with
each blank-line-separated block reflowed into one paragraph line, as
someone turning man pages into documents would do.
"""
import argparse
import concurrent.futures
import gzip
import json
import os
import random
import re
import subprocess
import sys

PACKAGES = ("manpages", "manpages-dev")
PAGE_PATH = re.compile(r"^/usr/share/man/man(\d)/([^/]+)\.(\d\w*)\.gz$")
# The NAME line's separator: " - ", or the same with the minus or hyphen
# characters groff writes in UTF-8.
NAME_SEPARATOR = re.compile(r"\s[-\u2010\u2212\u2013]\s")


def page_files():
    """(id, path) of each real page, sorted by id."""
    listing = subprocess.run(["dpkg", "-L", *PACKAGES], check=True, capture_output=True,
                             text=True).stdout.splitlines()
    pages = []
    for path in listing:
        m = PAGE_PATH.match(path)
        if not m or os.path.islink(path) or not os.path.isfile(path):
            continue
        with gzip.open(path, "rb") as f:
            if f.read(200).lstrip().startswith(b".so "):
                continue
        pages.append((f"{m.group(2)}.{m.group(3)}", path))
    return sorted(pages)


def render(path, target):
    """man's rendering at 80 columns, without hyphenation or overstrikes."""
    env = dict(os.environ, LANG="C.UTF-8", LC_ALL="C.UTF-8", MANWIDTH="80", MANPAGER="cat",
               PAGER="cat", MANROFFOPT="-rHY=0")
    text = subprocess.run(["sh", "-c", 'man -l "$1" 2>/dev/null | col -bx', "sh", path],
                          check=True, capture_output=True, env=env).stdout.decode(
                              "utf-8", errors="replace")
    tmp = target + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, target)


def join_lines(lines):
    """Lines of one paragraph as one line.  groff breaks lines after a
    word's own hyphen ("floating-" / "point"; hyphenation is off), so a
    line ending in letter-hyphen joins the next without a space."""
    text = ""
    for line in lines:
        line = " ".join(line.split())
        if not line:
            continue
        if text and not (re.search(r"[^\W\d_][-\u2010]$", text) and line[0].isalpha()):
            text += " "
        text += line
    return text


def split_page(text):
    """(names, description, paragraphs) of a rendered page."""
    lines = text.splitlines()
    nonblank = [i for i, line in enumerate(lines) if line.strip()]
    if len(nonblank) >= 2:  # header and footer repeat the page name
        lines = lines[nonblank[0] + 1:nonblank[-1]]
    name_lines, kept, in_name = [], [], False
    for line in lines:
        heading = bool(line) and not line[0].isspace()
        if heading:
            in_name = line.strip() == "NAME"
            if in_name:
                continue
        (name_lines if in_name else kept).append(line)
    name = join_lines(name_lines)
    names, description = name, ""
    m = NAME_SEPARATOR.search(name)
    if m:
        names, description = name[:m.start()].strip(), name[m.end():].strip()
    paragraphs, block = [], []
    for line in kept + [""]:
        heading = bool(line) and not line[0].isspace()
        if line.strip() and not heading:
            block.append(line.strip())
            continue
        if block:
            paragraphs.append(join_lines(block))
            block = []
        if heading:  # a section heading is a paragraph of its own
            paragraphs.append(" ".join(line.split()))
    return names, description, paragraphs


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", required=True)
    ap.add_argument("--limit", type=int, default=0,
                    help="a seeded sample of this many pages (0: all)")
    ap.add_argument("--seed", default="sift-releval")
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()

    pages = page_files()
    if not pages:
        sys.exit("corpus.py: no man pages found (are manpages and manpages-dev installed?)")
    if args.limit and args.limit < len(pages):
        pages = sorted(random.Random(args.seed).sample(pages, args.limit))
    cache = os.path.join(args.out, "rendered")
    os.makedirs(cache, exist_ok=True)
    todo = [(path, os.path.join(cache, pid + ".txt")) for pid, path in pages
            if not os.path.exists(os.path.join(cache, pid + ".txt"))]
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        for future in [pool.submit(render, path, target) for path, target in todo]:
            future.result()

    empty = 0
    with open(os.path.join(args.out, "corpus-hidden.jsonl"), "w", encoding="utf-8") as hidden, \
         open(os.path.join(args.out, "corpus-visible.jsonl"), "w", encoding="utf-8") as visible, \
         open(os.path.join(args.out, "items.jsonl"), "w", encoding="utf-8") as items:
        for pid, _ in pages:
            with open(os.path.join(cache, pid + ".txt"), encoding="utf-8") as f:
                names, description, paragraphs = split_page(f.read())
            if not paragraphs:
                empty += 1
                continue
            body = "\n".join(paragraphs)
            name, section = pid.rsplit(".", 1)
            hidden.write(json.dumps({"id": pid, "body": body}, ensure_ascii=False) + "\n")
            # The NAME line is what whatis(1) and apropos(1) show for a
            # page: the title someone indexing man pages would give it.
            title = f"{names} - {description}" if description else names
            visible.write(json.dumps({"id": pid, "title": title or f"{name}({section})",
                                      "body": body}, ensure_ascii=False) + "\n")
            items.write(json.dumps({"id": pid, "names": names, "description": description},
                                   ensure_ascii=False) + "\n")
    print(f"corpus: {len(pages) - empty} pages ({len(todo)} rendered now, "
          f"{len(pages) - len(todo)} from the cache, {empty} empty left out) -> {args.out}")


if __name__ == "__main__":
    main()
