#!/usr/bin/env python3
"""A UDP stream the client asks for, to see whether a cut-off really stops it.

udp_stream.py serve PORT BITS_PER_SECOND SECONDS
    answers each datagram with a stream of 1200-byte datagrams to its sender
udp_stream.py receive HOST PORT SECONDS COUNT_FILE
    asks HOST:PORT for a stream and keeps the number of bytes received so far in COUNT_FILE
"""
import os
import socket
import sys
import time


def serve(port, bits_per_second, seconds):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("0.0.0.0", port))
    payload = b"x" * 1200
    interval = len(payload) * 8 / bits_per_second
    while True:
        _, peer = s.recvfrom(2048)
        end = time.monotonic() + seconds
        due = time.monotonic()
        while time.monotonic() < end:
            try:
                s.sendto(payload, peer)
            except OSError:
                pass
            due += interval
            wait = due - time.monotonic()
            if wait > 0:
                time.sleep(wait)


def receive(host, port, seconds, count_file):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.settimeout(0.05)
    s.sendto(b"mulai", (host, port))
    total = 0
    written_at = 0.0
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            total += len(s.recv(4096))
        except socket.timeout:
            pass
        if time.monotonic() - written_at >= 0.05:
            with open(count_file + ".tmp", "w") as f:
                f.write(str(total))
            os.replace(count_file + ".tmp", count_file)
            written_at = time.monotonic()


if sys.argv[1] == "serve":
    serve(int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]))
else:
    receive(sys.argv[2], int(sys.argv[3]), float(sys.argv[4]), sys.argv[5])
