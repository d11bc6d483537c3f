#!/usr/bin/env bash
# An evening of a kabupaten, fast-forwarded, against two RADIUS servers on a 3-master Redis
# Cluster (one replica each, so every accounting answer waits for a replica): HOTSPOTS hotspots of
# USERS villagers each over VILLAGES villages log in at once (the storm after maghrib), then report
# an Interim-Update every INTERIM_SECONDS (five minutes of the evening, shortened) INTERIMS times,
# then Stop. Prints the simulation's report: login storm rate and latency, accounting latency,
# failovers between the two servers, and whether the village totals in Redis are exact.
# Not part of CI (the suite runs EveningSimulationSmokeTest, the same code in miniature).
#
#   bench/scripts/evening-regency.sh [HOTSPOTS=1400] [USERS=30] [VILLAGES=189] [INTERIM_SECONDS=10] [INTERIMS=3]
#
# Needs redis-server and redis-cli, and the bench jar: ./mvnw -pl bench -am package -DskipTests
set -eu
HOTSPOTS=${1:-1400}; USERS=${2:-30}; VILLAGES=${3:-189}; INTERIM=${4:-10}; INTERIMS=${5:-3}
JAR=${JAR:-bench/target/benchmarks.jar}
D=$(mktemp -d)
pids=()
cleanup() { kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$D"; }
trap cleanup EXIT
free_cluster_port() {
  python3 -c '
import socket
while True:
    a = socket.socket(); a.bind(("127.0.0.1", 0)); p = a.getsockname()[1]
    if p + 10001 > 65535: a.close(); continue
    b = socket.socket()
    try: b.bind(("127.0.0.1", p + 10000))
    except OSError: a.close(); continue
    print(p); break'
}
nodes=()
for _ in 1 2 3 4 5 6; do
  p=$(free_cluster_port)
  redis-server --port "$p" --bind 127.0.0.1 --save "" --appendonly no --dir "$D" \
    --cluster-enabled yes --cluster-config-file "nodes-$p.conf" --cluster-node-timeout 1000 \
    >"$D/redis-$p.log" 2>&1 &
  pids+=($!)
  nodes+=("127.0.0.1:$p")
done
for n in "${nodes[@]}"; do
  for _ in $(seq 1 100); do redis-cli -p "${n##*:}" ping >/dev/null 2>&1 && break; sleep 0.1; done
done
redis-cli --cluster create "${nodes[@]}" --cluster-replicas 1 --cluster-yes >"$D/create.log"
for n in "${nodes[@]}"; do
  for _ in $(seq 1 200); do
    redis-cli -p "${n##*:}" cluster info | grep -q cluster_state:ok && break; sleep 0.1
  done
done
sleep 2 # replicas finish their first sync
REDIS="cluster:$(IFS=,; echo "${nodes[*]}")"
RUN=$(date +%s)
port_pair() { python3 -c '
import socket
while True:
    a = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); a.bind(("127.0.0.1", 0)); p = a.getsockname()[1]
    b = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try: b.bind(("127.0.0.1", p + 1))
    except OSError: a.close(); continue
    print(p); break'; }
A=$(port_pair); B=$(port_pair)
java -cp "$JAR" org.smartkampung.bench.regency.RegencyServer "$A" "$REDIS" "$RUN" "$VILLAGES" "$HOTSPOTS" "$USERS" seed >"$D/a.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 3000); do grep -q ready "$D/a.log" && break; sleep 0.2; done
grep -q ready "$D/a.log" || { cat "$D/a.log"; exit 1; }
java -cp "$JAR" org.smartkampung.bench.regency.RegencyServer "$B" "$REDIS" "$RUN" "$VILLAGES" "$HOTSPOTS" "$USERS" noseed >"$D/b.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 600); do grep -q ready "$D/b.log" && break; sleep 0.2; done
echo "# $(date -u +%FT%TZ) ${HOTSPOTS} hotspots x ${USERS} villagers, ${VILLAGES} villages, interim every ${INTERIM} s x ${INTERIMS}; load $(cut -d' ' -f1-3 /proc/loadavg)"
java -cp "$JAR" org.smartkampung.bench.regency.EveningSimulation \
  "127.0.0.1:$A,127.0.0.1:$B" "$REDIS" "$RUN" "$VILLAGES" "$HOTSPOTS" "$USERS" "$INTERIM" "$INTERIMS"
