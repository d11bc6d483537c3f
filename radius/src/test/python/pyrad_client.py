#!/usr/bin/python3
"""pyrad client for the RADIUS interop tests (run by PyradInteropTest).

usage: pyrad_client.py MODE PORT SECRET [ARGS...]
Prints "RESULT <name> <value>" lines the JUnit test reads. Any failed check exits non-zero.
pyrad 2.1 has no Message-Authenticator support, so it is added here by hand (RFC 3579).
"""
import hashlib
import hmac
import os
import socket
import sys

from pyrad import dictionary, packet

HERE = os.path.dirname(os.path.abspath(__file__))
DICT = dictionary.Dictionary(os.path.join(HERE, "dictionary"))


def add_message_authenticator(raw, secret, zero_authenticator=False):
    """Fills a zeroed Message-Authenticator attribute in an encoded request."""
    raw = bytearray(raw)
    pos = 20
    while pos < len(raw):
        if raw[pos] == 80:
            data = bytearray(raw)
            if zero_authenticator:
                data[4:20] = bytes(16)
            data[pos + 2:pos + 18] = bytes(16)
            raw[pos + 2:pos + 18] = hmac.new(secret, bytes(data), hashlib.md5).digest()
            if zero_authenticator:  # accounting: the authenticator is an MD5 over the result
                raw[4:20] = hashlib.md5(bytes(raw[:4]) + bytes(16) + bytes(raw[20:]) + secret).digest()
            return bytes(raw)
        pos += raw[pos + 1]
    return bytes(raw)


def reply_message_authenticator_ok(reply, request_auth, secret):
    pos = 20
    while pos < len(reply):
        if reply[pos] == 80:
            data = bytearray(reply)
            data[4:20] = request_auth
            data[pos + 2:pos + 18] = bytes(16)
            return hmac.compare_digest(
                hmac.new(secret, bytes(data), hashlib.md5).digest(), bytes(reply[pos + 2:pos + 18]))
        pos += reply[pos + 1]
    return False


def exchange(raw, port, timeout=2.0, sock=None):
    own = sock is None
    sock = sock or socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind(("127.0.0.1", 0)) if own else None
    sock.settimeout(timeout)
    sock.sendto(raw, ("127.0.0.1", port))
    try:
        data, _ = sock.recvfrom(4096)
        return data
    except socket.timeout:
        return None
    finally:
        if own:
            sock.close()


def report(request, raw_request, reply_raw, secret):
    if reply_raw is None:
        print("RESULT reply none")
        return
    reply = packet.Packet(packet=reply_raw, dict=DICT, secret=secret)
    print("RESULT reply %d" % reply.code)
    print("RESULT authenticator_ok %s" % request.VerifyReply(reply, reply_raw))
    print("RESULT ma_first %s" % (len(reply_raw) > 20 and reply_raw[20] == 80))
    print("RESULT ma_ok %s" % reply_message_authenticator_ok(reply_raw, raw_request[4:20], secret))
    for name in ("Reply-Message", "Class", "Session-Timeout", "Mikrotik-Rate-Limit"):
        if name in reply:
            value = reply[name][0]
            if isinstance(value, bytes):
                value = value.decode()
            print("RESULT %s %s" % (name, value))


def auth_packet(secret, user, with_ma):
    req = packet.AuthPacket(code=packet.AccessRequest, secret=secret, dict=DICT)
    req["User-Name"] = user
    if with_ma:
        req["Message-Authenticator"] = bytes(16)
    return req


def main():
    mode, port, secret = sys.argv[1], int(sys.argv[2]), sys.argv[3].encode()
    args = sys.argv[4:]
    if mode in ("pap", "pap-noma"):
        req = auth_packet(secret, args[0], mode == "pap")
        req["User-Password"] = req.PwCrypt(args[1])
        raw = add_message_authenticator(req.RequestPacket(), secret)
        report(req, raw, exchange(raw, port, 1.0 if mode == "pap-noma" else 2.0), secret)
    elif mode == "chap":
        req = auth_packet(secret, args[0], True)
        challenge = os.urandom(16)
        chap_id = b"\x11"
        req["CHAP-Challenge"] = challenge
        req["CHAP-Password"] = chap_id + hashlib.md5(chap_id + args[1].encode() + challenge).digest()
        raw = add_message_authenticator(req.RequestPacket(), secret)
        report(req, raw, exchange(raw, port), secret)
    elif mode == "retransmit":
        req = auth_packet(secret, args[0], True)
        req["User-Password"] = req.PwCrypt(args[1])
        raw = add_message_authenticator(req.RequestPacket(), secret)
        sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        sock.bind(("127.0.0.1", 0))
        first = exchange(raw, port, sock=sock)
        second = exchange(raw, port, sock=sock)
        report(req, raw, first, secret)
        print("RESULT identical %s" % (first is not None and first == second))
    elif mode == "acct":
        session, status = args[0], args[1]
        out_octets, out_giga, in_octets = int(args[2]), int(args[3]), int(args[4])
        req = packet.AcctPacket(secret=secret, dict=DICT)
        req["User-Name"] = "siti"
        req["Acct-Status-Type"] = status
        req["Acct-Session-Id"] = session
        req["Class"] = b"kampung:kemiren:siti"
        req["Calling-Station-Id"] = "AA-BB-CC-DD-EE-02"
        req["Acct-Output-Octets"] = out_octets
        req["Acct-Output-Gigawords"] = out_giga
        req["Acct-Input-Octets"] = in_octets
        req["Acct-Input-Gigawords"] = 0
        req["Acct-Session-Time"] = 60
        raw = req.RequestPacket()
        report(req, raw, exchange(raw, port), secret)
    elif mode == "status":
        req = packet.AuthPacket(code=12, secret=secret, dict=DICT)
        req["Message-Authenticator"] = bytes(16)
        raw = add_message_authenticator(req.RequestPacket(), secret)
        report(req, raw, exchange(raw, port), secret)
    else:
        sys.exit("unknown mode " + mode)


if __name__ == "__main__":
    main()
