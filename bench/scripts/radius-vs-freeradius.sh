#!/usr/bin/env bash
# Side-by-side RADIUS load test on loopback: our server vs FreeRADIUS 3.2 (Debian package),
# same users and secret, same load generator (bench RadiusLoad), one after the other:
#   auth voucher     PAP with a password compared as given (FreeRADIUS: files, Cleartext-Password)
#   auth subscriber  ours only: PAP against the shipped PBKDF2-SHA256 hash (310,000 iterations),
#                    1,000 users, password cache off (Debian's FreeRADIUS 3.2.1 took neither
#                    PBKDF2-Password nor Password-With-Header {PBKDF2} from the files module here)
#   auth cached      one subscriber logging in again and again (ours: remembered check)
#   acct             the real mix over 1,000 users: Start, 3 Interim-Updates, Stop per session
#                    (FreeRADIUS: rlm_redis INCRBY per Interim/Stop; ours: embedded and Redis ledger)
#   storm            ours: OUTSTANDING PBKDF2 logins in flight while vouchers and accounting at
#                    100/s each are measured (p99, lost)
# usage: bench/scripts/radius-vs-freeradius.sh [OUTSTANDING] [SECONDS] [RUNS]
#        (run from the repo root, as root; RUNS rounds are interleaved, take the medians)
set -euo pipefail
OUTSTANDING=${1:-32}
SECONDS_EACH=${2:-10}
RUNS=${3:-1}
SECRET=benchsecret
CODE=KMR$(date +%s)
OURS_PORT=28120
FR_PORT=28220
JAR=bench/target/benchmarks.jar

missing=()
for p in freeradius freeradius-redis redis-server; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if ((${#missing[@]})); then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
[ -f "$JAR" ] || ./mvnw -B -q -pl bench -am package -DskipTests -Dspotless.check.skip=true

WORK=$(mktemp -d /tmp/kampung-radius-bench.XXXXXX)
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT

# FreeRADIUS: the stock Debian configuration, with one client and one user in the files module.
cp -rL /etc/freeradius/3.0 "$WORK/raddb"
sed -i "s|^raddbdir = .*|raddbdir = $WORK/raddb|" "$WORK/raddb/radiusd.conf"
printf 'client bench {\n  ipaddr = 127.0.0.1\n  secret = %s\n  require_message_authenticator = yes\n}\n' \
  "$SECRET" > "$WORK/raddb/clients.conf"
{ printf '%s Cleartext-Password := "%s"\n' "$CODE" "$CODE"; cat "$WORK/raddb/mods-config/files/authorize"; } \
  > "$WORK/authorize" && mv "$WORK/authorize" "$WORK/raddb/mods-config/files/authorize"
# Listen on 127.0.0.1 only, on our ports (-i/-p would bypass the default virtual server).
python3 - "$WORK/raddb/sites-enabled/default" "$FR_PORT" <<'PY'
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
# Accounting with a Redis counter update: rlm_redis (Debian freeradius-redis) does one INCRBY of
# the record's input octets per Interim-Update and Stop (a Start carries no octets), on the same
# throwaway redis-server as ours.
REDIS_PORT=28379
redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --save '' --appendonly no > "$WORK/redis.log" 2>&1 &
PIDS+=($!)
if [ -f "$WORK/raddb/mods-available/redis" ]; then
  sed -i "s|^\(\s*\)port = 6379|\1port = $REDIS_PORT|" "$WORK/raddb/mods-available/redis"
  ln -sf ../mods-available/redis "$WORK/raddb/mods-enabled/redis"
  python3 - "$WORK/raddb/sites-enabled/default" <<'PY'
import re, sys
path = sys.argv[1]
text = open(path).read()
incr = ('accounting {\n\tif (&Acct-Status-Type == Interim-Update || &Acct-Status-Type == Stop) {\n'
        '\t\tupdate control {\n\t\t\tTmp-Integer-9 := '
        '"%{redis:INCRBY kampung-bench:%{User-Name} %{%{Acct-Input-Octets}:-0}}"\n\t\t}\n\t}\n')
text = re.sub(r"(?m)^accounting \{\n", incr, text, count=1)
open(path, "w").write(text)
PY
  FR_ACCT="rlm_redis INCRBY per Interim/Stop"
else
  echo "# freeradius-redis is not installed: FreeRADIUS accounting runs without Redis" >&2
  FR_ACCT="stock accounting: detail file, no Redis"
fi
chmod -R a+rX "$WORK"
freeradius -f -d "$WORK/raddb" -l "$WORK/freeradius.log" &
PIDS+=($!)

# Ours: a voucher whose PAP password is the code and the subscribers warga, warga-000..999
# (kampung123, shipped PBKDF2); embedded stores; a second instance on the throwaway redis-server for
# accounting with Redis counter updates; a third with the password cache off for PBKDF2 and storm.
java -cp "$JAR" org.smartkampung.bench.radius.RadiusBenchServer "$OURS_PORT" "$SECRET" "$CODE" \
  > "$WORK/ours.log" 2>&1 &
PIDS+=($!)
java -cp "$JAR" org.smartkampung.bench.radius.RadiusBenchServer "$((OURS_PORT + 10))" "$SECRET" "$CODE" \
  "redis://127.0.0.1:$REDIS_PORT" > "$WORK/ours-redis.log" 2>&1 &
PIDS+=($!)
java -Dkampung.bench.password-cache-minutes=0 -cp "$JAR" org.smartkampung.bench.radius.RadiusBenchServer \
  "$((OURS_PORT + 20))" "$SECRET" "$CODE" > "$WORK/ours-nocache.log" 2>&1 &
PIDS+=($!)

for i in $(seq 1 150); do
  grep -q ready "$WORK/ours.log" 2>/dev/null && grep -q ready "$WORK/ours-redis.log" 2>/dev/null \
    && grep -q ready "$WORK/ours-nocache.log" 2>/dev/null \
    && grep -q "Ready to process" "$WORK/freeradius.log" 2>/dev/null && break
  sleep 0.2
done

load() { java -cp "$JAR" org.smartkampung.bench.radius.RadiusLoad "$@"; }
# CPU time (user + system, clock ticks) a process has used so far.
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
# measured SERVER_PID REDIS_PID LOAD-ARGS...: the load's result line, then the CPU microseconds
# the server and the redis-server spent per answered request (0 for a server without Redis).
measured() {
  local server=$1 redis=$2; shift 2
  local s0 r0 out s1 r1 ok hz
  hz=$(getconf CLK_TCK)
  s0=$(ticks "$server"); r0=$(ticks "$redis")
  out=$(load "$@")
  s1=$(ticks "$server"); r1=$(ticks "$redis")
  ok=$(sed -n 's/.* ok=\([0-9]*\).*/\1/p' <<< "$out")
  echo "$out cpu_us_per_req=$(( (s1 - s0) * 1000000 / hz / (ok > 0 ? ok : 1) )) redis_us_per_req=$(( (r1 - r0) * 1000000 / hz / (ok > 0 ? ok : 1) ))"
}
REDIS_PID=${PIDS[0]}; FR_PID=${PIDS[1]}; OURS_PID=${PIDS[2]}; OURS_REDIS_PID=${PIDS[3]}
# Slow logins queue for seconds by design: wait for them instead of calling them lost after 1 s.
slow() { java -Dkampung.bench.timeout-millis=30000 -cp "$JAR" org.smartkampung.bench.radius.RadiusLoad "$@"; }
# Logins still queued on the password lane after a slow run finish before the next measurement.
drain() { sleep $((OUTSTANDING / 4 + 2)); }
A=127.0.0.1
echo "# $(date -u +%FT%TZ) $(nproc) cores, load average: $(cut -d' ' -f1-3 /proc/loadavg)"
# Warm-up of every server and path: every session's first record, and the JIT's compilations (a
# server runs for months; C2 still compiling during a short first run would measure start-up).
WARM=${WARM_SECONDS:-20}
load auth $A "$FR_PORT" "$SECRET" "$CODE" "$CODE" "$OUTSTANDING" "$WARM" > /dev/null
load auth $A "$OURS_PORT" "$SECRET" "$CODE" "$CODE" "$OUTSTANDING" "$WARM" > /dev/null
load auth $A "$OURS_PORT" "$SECRET" warga kampung123 1 2 > /dev/null
load auth $A "$OURS_PORT" "$SECRET" warga kampung123 "$OUTSTANDING" 2 > /dev/null
slow auth $A "$((OURS_PORT + 20))" "$SECRET" 'warga-*' kampung123 1 3 > /dev/null
load acct $A "$((FR_PORT + 1))" "$SECRET" x x "$OUTSTANDING" "$WARM" > /dev/null
load acct $A "$((OURS_PORT + 1))" "$SECRET" x x "$OUTSTANDING" "$WARM" > /dev/null
load acct $A "$((OURS_PORT + 11))" "$SECRET" x x "$OUTSTANDING" "$WARM" > /dev/null

for run in $(seq 1 "$RUNS"); do
  echo "# run $run of $RUNS, $(date -u +%T), load average: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "freeradius $(measured "$FR_PID" "$REDIS_PID" auth $A "$FR_PORT" "$SECRET" "$CODE" "$CODE" "$OUTSTANDING" "$SECONDS_EACH") (voucher, files Cleartext-Password)"
  echo "kampung    $(measured "$OURS_PID" "$REDIS_PID" auth $A "$OURS_PORT" "$SECRET" "$CODE" "$CODE" "$OUTSTANDING" "$SECONDS_EACH") (voucher, embedded store)"
  echo "kampung    $(slow auth $A "$((OURS_PORT + 20))" "$SECRET" 'warga-*' kampung123 "$OUTSTANDING" "$SECONDS_EACH") (subscriber, PBKDF2, cache off)"
  drain
  echo "kampung    $(load auth $A "$OURS_PORT" "$SECRET" warga kampung123 "$OUTSTANDING" "$SECONDS_EACH") (subscriber repeated, cached)"
  echo "freeradius $(measured "$FR_PID" "$REDIS_PID" acct $A "$((FR_PORT + 1))" "$SECRET" x x "$OUTSTANDING" "$SECONDS_EACH") ($FR_ACCT)"
  echo "kampung    $(measured "$OURS_PID" "$REDIS_PID" acct $A "$((OURS_PORT + 1))" "$SECRET" x x "$OUTSTANDING" "$SECONDS_EACH") (embedded ledger)"
  echo "kampung    $(measured "$OURS_REDIS_PID" "$REDIS_PID" acct $A "$((OURS_PORT + 11))" "$SECRET" x x "$OUTSTANDING" "$SECONDS_EACH") (Redis ledger)"
  slow storm $A "$((OURS_PORT + 20))" "$SECRET" 'warga-*' kampung123 "$OUTSTANDING" "$SECONDS_EACH" "$CODE" \
    | sed 's/^/kampung    /'
  drain
done
