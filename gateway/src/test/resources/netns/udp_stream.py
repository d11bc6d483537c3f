#!/usr/bin/env python3
"""A UDP stream the client asks for, to see whether a cut-off really stops it.

udp_stream.py serve PORT
    answers each datagram "BITS_PER_SECOND SECONDS" with such a stream of 1200-byte datagrams
udp_stream.py receive HOST PORT BITS_PER_SECOND STREAM_SECONDS SECONDS COUNT_FILE
    asks HOST:PORT for a stream, listens SECONDS and keeps the bytes received so far in COUNT_FILE
"""
import os
import socket
import sys
import threading
import time


def stream(s, peer, bits_per_second, seconds):
    payload = b"x" * 1200
    interval = len(payload) * 8 / bits_per_second
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


def serve(port):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("0.0.0.0", port))
    while True:
        request, peer = s.recvfrom(2048)
        bits_per_second, seconds = (float(x) for x in request.split())
        threading.Thread(target=stream, args=(s, peer, bits_per_second, seconds)).start()


def receive(host, port, bits_per_second, stream_seconds, seconds, count_file):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.settimeout(0.05)
    s.sendto(("%s %s" % (bits_per_second, stream_seconds)).encode(), (host, port))
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
    with open(count_file + ".tmp", "w") as f:
        f.write(str(total))
    os.replace(count_file + ".tmp", count_file)


if sys.argv[1] == "serve":
    serve(int(sys.argv[2]))
else:
    receive(sys.argv[2], int(sys.argv[3]), *sys.argv[4:6], float(sys.argv[6]), sys.argv[7])
