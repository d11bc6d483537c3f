#!/usr/bin/env bash
# RadSec side by side on loopback: our listener vs FreeRADIUS 3.2's tls listener (Debian package),
# the same PKI (kampung pki, P-256), the same voucher (PAP, password compared as given; FreeRADIUS:
# files Cleartext-Password), the same load generator: bench RadSecLoad keeping WINDOW
# Access-Requests in flight on each of CONNECTIONS TLS connections, every answer checked.
# usage: bench/scripts/radsec-vs-freeradius.sh [CONNECTIONS] [WINDOW] [SECONDS] [RUNS]
#        (run from the repo root, as root; RUNS rounds are interleaved, take the medians)
set -euo pipefail
CONNECTIONS=${1:-4}
WINDOW=${2:-64}
SECONDS_EACH=${3:-8}
RUNS=${4:-3}
CODE=KMR$(date +%s)
OURS_PORT=28420
FR_TLS_PORT=28522
FR_UDP_PORT=28520
JAR=bench/target/benchmarks.jar

dpkg -s freeradius >/dev/null 2>&1 || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq freeradius >/dev/null
[ -f "$JAR" ] || ./mvnw -B -q -pl bench -am package -DskipTests -Dspotless.check.skip=true

WORK=$(mktemp -d /tmp/kampung-radsec-bench.XXXXXX)
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT

# Ours first: it makes the PKI in $WORK/pki (CA, server for 127.0.0.1, hotspot "bench").
java -Dkampung.bench.radsec-dir="$WORK/pki" -cp "$JAR" org.smartkampung.bench.radius.RadiusBenchServer \
  "$OURS_PORT" benchsecret "$CODE" > "$WORK/ours.log" 2>&1 &
PIDS+=($!)
for i in $(seq 1 150); do grep -q ready "$WORK/ours.log" 2>/dev/null && break; sleep 0.2; done
OURS_TLS=$(sed -n 's/.*radsec=\([0-9]*\).*/\1/p' "$WORK/ours.log")

# FreeRADIUS: stock Debian configuration, UDP listeners moved to loopback ports of our own, one
# user in the files module, and a tls listener with the same server certificate and CA.
cp -rL /etc/freeradius/3.0 "$WORK/raddb"
sed -i "s|^raddbdir = .*|raddbdir = $WORK/raddb|" "$WORK/raddb/radiusd.conf"
{ printf '%s Cleartext-Password := "%s"\n' "$CODE" "$CODE"; cat "$WORK/raddb/mods-config/files/authorize"; } \
  > "$WORK/authorize" && mv "$WORK/authorize" "$WORK/raddb/mods-config/files/authorize"
python3 - "$WORK/raddb/sites-enabled/default" "$FR_UDP_PORT" <<'PY'
import re, sys
path, port = sys.argv[1], int(sys.argv[2])
text = open(path).read()
def fix(block):
    body = block.group(0)
    if re.search(r"(?m)^\s*ipv6addr\s*=", body):
        return ""
    kind = re.search(r"(?m)^\s*type\s*=\s*(\w+)", body).group(1)
    body = re.sub(r"(?m)^(\s*)ipaddr\s*=\s*\*", r"\1ipaddr = 127.0.0.1", body)
    return re.sub(r"(?m)^(\s*)port\s*=\s*0", r"\g<1>port = %d" % (port if kind == "auth" else port + 1), body)
text = re.sub(r"(?ms)^listen \{.*?^\}", fix, text)
open(path, "w").write(text)
PY
rm -f "$WORK/raddb/sites-enabled/inner-tunnel"
cat > "$WORK/raddb/sites-enabled/tls" <<CONF
listen {
	ipaddr = 127.0.0.1
	port = $FR_TLS_PORT
	type = auth
	proto = tcp
	virtual_server = default
	clients = radsec
	limit {
		max_connections = 64
		lifetime = 0
		idle_timeout = 30
	}
	tls {
		private_key_file = $WORK/pki/server.key
		certificate_file = $WORK/pki/server.pem
		ca_file = $WORK/pki/ca.pem
		fragment_size = 8192
		cipher_list = "DEFAULT"
		tls_min_version = "1.2"
		tls_max_version = "1.3"
		require_client_cert = yes
		cache {
			enable = no
		}
	}
}
clients radsec {
	client loopback {
		ipaddr = 127.0.0.1
		proto = tls
		secret = radsec
	}
}
CONF
chmod -R a+rX "$WORK"
freeradius -f -d "$WORK/raddb" -l "$WORK/freeradius.log" &
PIDS+=($!)
for i in $(seq 1 150); do grep -q "Ready to process" "$WORK/freeradius.log" 2>/dev/null && break; sleep 0.2; done

P=$WORK/pki
load() { java -cp "$JAR" org.smartkampung.bench.radius.RadSecLoad 127.0.0.1 "$1" "$P/ca.pem" \
  "$P/hotspots/bench.pem" "$P/hotspots/bench.key" "$CODE" "$CODE" "$CONNECTIONS" "$WINDOW" "$2"; }
echo "# $(date -u +%FT%TZ) $(nproc) cores, load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# $CONNECTIONS connections x $WINDOW in flight, ${SECONDS_EACH}s per load"
# Warm-up (the JVM compiles its hot paths; on a busy machine that takes a while).
load "$FR_TLS_PORT" 5 > /dev/null
load "$OURS_TLS" 20 > /dev/null
for run in $(seq 1 "$RUNS"); do
  echo "# run $run of $RUNS, $(date -u +%T), load average: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "freeradius $(load "$FR_TLS_PORT" "$SECONDS_EACH") (tls listener, files Cleartext-Password)"
  echo "kampung    $(load "$OURS_TLS" "$SECONDS_EACH") (RadSec listener, embedded store)"
done
