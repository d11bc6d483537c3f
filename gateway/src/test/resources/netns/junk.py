#!/usr/bin/env python3
"""junk.py HOST PORT COUNT: COUNT datagrams of random bytes to HOST:PORT."""
import os
import socket
import sys

s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
for i in range(int(sys.argv[3])):
    s.sendto(os.urandom(5 + i % 40), (sys.argv[1], int(sys.argv[2])))
