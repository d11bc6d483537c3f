#!/usr/bin/env bash
# Runs the Redis quota-ledger benchmarks against a throwaway redis-server on a free loopback port:
# the JMH charge path (RedisQuotaLedger, one EVALSHA per charge) and redis-benchmark sending EVALSHA
# of the SAME script with the same number of connections, side by side; then the near-cache hit.
#
# Usage: bench/redis-ledger-bench.sh [THREADS] [REQUESTS]
#   THREADS   JMH threads = redis-benchmark connections (default 4)
#   REQUESTS  redis-benchmark requests (default 200000)
# Env: JMH_OPTS to override the (short) iteration settings, e.g. "-wi 3 -w 5s -i 5 -r 10s -f 2".
set -euo pipefail

THREADS="${1:-4}"
REQUESTS="${2:-200000}"
JMH_OPTS="${JMH_OPTS:--wi 2 -w 3s -i 3 -r 5s -f 1}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
JAR="$ROOT/bench/target/benchmarks.jar"
SCRIPT="$ROOT/core/src/main/resources/org/smartkampung/core/quota/ledger.lua"

if [[ ! -f "$JAR" ]]; then
  (cd "$ROOT" && ./mvnw -B -q -pl bench -am package -DskipTests)
fi

PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
DIR="$(mktemp -d)"
redis-server --port "$PORT" --bind 127.0.0.1 --save '' --appendonly no --dir "$DIR" \
  --daemonize yes --pidfile "$DIR/redis.pid" --logfile "$DIR/redis.log"
cleanup() {
  if [[ -f "$DIR/redis.pid" ]]; then kill "$(cat "$DIR/redis.pid")" 2>/dev/null || true; fi
  rm -rf "$DIR"
}
trap cleanup EXIT
for _ in $(seq 1 100); do
  redis-cli -p "$PORT" ping >/dev/null 2>&1 && break
  sleep 0.1
done
export KAMPUNG_REDIS="redis://127.0.0.1:$PORT"
echo "redis-server $(redis-server --version | sed 's/.*v=\([^ ]*\).*/\1/') on $KAMPUNG_REDIS, $THREADS threads/connections, $(nproc) cores"

echo "== JMH: RedisQuotaLedger.charge (Throughput + SampleTime) and raw Jedis EVALSHA baseline =="
# shellcheck disable=SC2086
java -jar "$JAR" 'RedisChargeBenchmark' -t "$THREADS" $JMH_OPTS 

echo "== redis-benchmark: EVALSHA of the same script, -c $THREADS =="
SHA="$(redis-cli -p "$PORT" SCRIPT LOAD "$(cat "$SCRIPT")")"
DAY="$(TZ=Asia/Jakarta date +%Y%m%d)"
MONTH="$(TZ=Asia/Jakarta date +%Y%m)"
HOUR="$(TZ=Asia/Jakarta date +%Y%m%d%H)"
redis-benchmark -h 127.0.0.1 -p "$PORT" -c "$THREADS" -n "$REQUESTS" \
  EVALSHA "$SHA" 7 "{v:rb}:vd:$DAY" "{v:rb}:vm:$MONTH" "{v:rb}:ud:$DAY:user" "{v:rb}:dev:user" \
  "{v:rb}:s:rb-1" "{v:rb}:vh:$HOUR" "{v:rb}:ut:user" \
  charge 1500 200 1 aa:00:00:00:00:01 rb-1 90000 2700000 172800 691200 7776000 "" 0 0 0 0

echo "== JMH: near-cache hit (isExhausted) =="
# shellcheck disable=SC2086
java -jar "$JAR" 'NearCacheBenchmark' -t 1 $JMH_OPTS
