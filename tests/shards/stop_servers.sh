#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# ctest cleanup fixture: stops xapian-tcpsrv process groups that a shard
# test recorded in DIR (one file per group, named by its id) and did not
# stop itself (a crash, a timeout).  Only recorded groups whose leader is
# still xapian-tcpsrv are killed.
dir=$1
[ -d "$dir" ] || exit 0
for file in "$dir"/*; do
  [ -f "$file" ] || continue
  pgid=$(cat "$file")
  if [ "$(cat /proc/"$pgid"/comm 2>/dev/null)" = "xapian-tcpsrv" ]; then
    kill -CONT -- "-$pgid" 2>/dev/null
    kill -KILL -- "-$pgid" 2>/dev/null
    echo "stopped leftover xapian-tcpsrv process group $pgid"
  fi
  rm -f "$file"
done
exit 0
