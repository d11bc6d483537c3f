#!/usr/bin/env python3
"""ping.py HOST: one ICMP echo (raw socket, needs root); exit 0 on a reply within 1 s, else 1."""
import os
import select
import socket
import struct
import sys
import time


def checksum(data):
    total = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    total = (total >> 16) + (total & 0xFFFF)
    total += total >> 16
    return ~total & 0xFFFF


host = sys.argv[1]
ident = os.getpid() & 0xFFFF
s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
body = b"kampung-ping"
header = struct.pack("!BBHHH", 8, 0, 0, ident, 1)
packet = struct.pack("!BBHHH", 8, 0, checksum(header + body), ident, 1) + body
s.sendto(packet, (host, 0))
deadline = time.monotonic() + 1.0
while time.monotonic() < deadline:
    ready, _, _ = select.select([s], [], [], max(0.0, deadline - time.monotonic()))
    if not ready:
        break
    reply = s.recv(2048)
    icmp = reply[(reply[0] & 0x0F) * 4:]
    kind, _, _, rid, _ = struct.unpack("!BBHHH", icmp[:8])
    if kind == 0 and rid == ident:
        sys.exit(0)
sys.exit(1)
