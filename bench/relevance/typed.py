#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Twenty queries typed the way people type them (case, hyphens, slashes,
option-like tokens, symbols, a half-typed last word, CJK), run through Sift
on the title-visible man-page index; prints a markdown table of what came
back: total, the top three titles, and Sift's warnings or error.

  typed.py --db OUT/index/sift-visible --sift-query PATH > typed.md
"""
import argparse
import json
import subprocess
import sys

# (query, the page a user most likely wants, or "" when none fits).
TYPED = [
    ("Change File Permissions", "chmod(2)"),
    ("chmod +x", "chmod(2)"),
    ("rm -r", "unlink(2)"),
    ("C++ name mangling", ""),
    ("x86_64 system calls", "syscall(2)"),
    ("x86-64 system calls", "syscall(2)"),
    ("set-user-ID", "setuid(2)"),
    ("read/write file offset", "lseek(2)"),
    ("non-blocking I/O", "fcntl(2)"),
    ("sleep for milliseconds?", "nanosleep(2)"),
    ("O_NONBLOCK", "open(2)"),
    ("EINTR", "signal(7)"),
    ("fork()", "fork(2)"),
    ("printf %s", "printf(3)"),
    ("UTF-8", "utf-8(7)"),
    ("timezone", "tzset(3)"),
    ("create a child proc", "fork(2)"),
    ("socket conne", "connect(2)"),
    ("memcpy vs memmove", "memmove(3)"),
    ("UTF-8 日本語", "utf-8(7)"),
]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", required=True)
    ap.add_argument("--sift-query", required=True)
    args = ap.parse_args()

    text = "".join(q + "\n" for q, _ in TYPED)
    # Ten hits, as sift-search shows: the total is an estimate that
    # depends on how many hits are asked for.
    run = subprocess.run([args.sift_query, "--db", args.db, "--limit", "10"], input=text,
                         capture_output=True, text=True, encoding="utf-8")
    if run.returncode != 0:
        sys.exit(f"typed.py: {args.sift_query} failed ({run.returncode}):\n{run.stderr}")
    answers = [json.loads(line) for line in run.stdout.splitlines()]
    print("| query | wanted | total | Sift's top 3 | warnings, suggestion or error |")
    print("|---|---|---|---|---|")
    for (query, wanted), a in zip(TYPED, answers):
        notes = a.get("warnings", []) + ([f"suggests: {a['suggestion']}"]
                                         if a.get("suggestion") else [])
        if "error" in a:
            notes = [f"error: {a['error']}"]
        cell = lambda s: s.replace("|", "\\|")
        top = ", ".join(a.get("titles", [])[:3]) or "(none)"
        print(f"| `{cell(query)}` | {wanted or '-'} | {a.get('total', 0)} | {cell(top)} | "
              f"{cell('; '.join(notes))} |")


if __name__ == "__main__":
    main()
