#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Holds N slow connections open against a server on loopback, the way a
slowloris client does: each sends the start of a request and then one
more header line every INTERVAL seconds, never finishing.  Prints "ready"
once all are connected, and how many the server closed when it ends
(after SECONDS, or on SIGTERM).

  slow_sockets.py PORT N INTERVAL SECONDS
"""
import signal
import socket
import sys
import time

port, count, interval, seconds = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
stop = False


def on_term(*_):
    global stop
    stop = True


signal.signal(signal.SIGTERM, on_term)
socks = []
for _ in range(count):
    s = socket.create_connection(("127.0.0.1", port))
    s.sendall(b"GET /api/search?q=news HTTP/1.1\r\nHost: 127.0.0.1\r\n")
    socks.append(s)
print("ready", flush=True)
closed = set()
end = time.monotonic() + seconds
line = 0
while not stop and time.monotonic() < end:
    time.sleep(interval)
    line += 1
    for i, s in enumerate(socks):
        if i in closed:
            continue
        try:
            s.sendall(b"X-Slow-%d: %d\r\n" % (line, i))
        except OSError:
            closed.add(i)
print(f"slow sockets: {count} held for {line} drips, {len(closed)} closed by the server", flush=True)
