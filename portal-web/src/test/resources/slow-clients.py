#!/usr/bin/env python3
"""TEST FIXTURE: slowloris from its own process (a test JVM cannot hold 20,000 sockets and the
server's too under a 20,000 descriptor limit).

Usage: slow-clients.py PORT COUNT FIRST_SOURCE SOURCES
Opens COUNT connections to 127.0.0.1:PORT from 127.0.0.FIRST_SOURCE.. (SOURCES addresses in
turn), sends an unfinished request head on each, prints "opened N", then waits up to 60 s for
the server to close them and prints "closed N of COUNT"; exits 0 when the server closed all.
"""
import selectors
import socket
import sys
import time

port, count, first, sources = (int(a) for a in sys.argv[1:5])
head = b"GET / HTTP/1.1\r\nHost: portal.test\r\n"
selector = selectors.DefaultSelector()
opened = 0
for i in range(count):
    s = socket.socket()
    s.bind(("127.0.0.%d" % (first + i % sources), 0))
    try:
        s.connect(("127.0.0.1", port))
        s.sendall(head)
    except OSError:
        s.close()  # refused or reset at once: closed by the server too
        continue
    s.setblocking(False)
    selector.register(s, selectors.EVENT_READ)
    opened += 1
print("opened %d" % opened, flush=True)

closed = count - opened
deadline = time.monotonic() + 60
while closed < count and time.monotonic() < deadline:
    for key, _ in selector.select(timeout=1):
        try:
            data = key.fileobj.recv(4096)
        except OSError:
            data = b""
        if not data:
            selector.unregister(key.fileobj)
            key.fileobj.close()
            closed += 1
print("closed %d of %d" % (closed, count), flush=True)
sys.exit(0 if closed == count else 1)
