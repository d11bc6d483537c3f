#!/usr/bin/env bash
# Runs every test of Smart Kampung Gateway, with the real parts the tests use.
#
# On Debian as root it installs what is missing (redis-server, freeradius-utils, python3-pyrad,
# chromium...), starts on free loopback ports a throwaway redis-server, a Sentinel set (master,
# replica, sentinel) and a Redis Cluster (3 masters + 3 replicas), runs the Maven build with every
# test, and stops what it started. Tests that need such a part fail (instead of
# skipping) when run as root or under CI, so a green run means they really ran.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(redis-server redis-sentinel redis-tools freeradius-utils freeradius python3 python3-pyrad chromium chromium-driver
  nftables iproute2 iperf3 curl dnsmasq-base dnsutils radsecproxy openssl)

missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if ((${#missing[@]})); then
  if [[ $EUID -eq 0 ]] && command -v apt-get >/dev/null; then
    echo "test.sh: installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "test.sh: missing Debian packages (${missing[*]}); tests that need them will say so" >&2
  fi
fi

# Tests that need an external part must not silently skip in CI or as root (where we install it).
require=${KAMPUNG_REQUIRE_EXTERNAL:-}
if [[ -z $require ]]; then
  if [[ -n ${CI:-} || $EUID -eq 0 ]]; then require=true; else require=false; fi
fi

pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  [[ -n ${workdir:-} ]] && rm -rf "$workdir"
}
trap cleanup EXIT

free_port() {
  /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# A free port whose cluster bus port (port + 10000) is free and valid too.
free_cluster_port() {
  /usr/bin/python3 -c '
import socket
while True:
    a = socket.socket(); a.bind(("127.0.0.1", 0)); p = a.getsockname()[1]
    if p + 10000 > 65535:
        a.close(); continue
    b = socket.socket()
    try:
        b.bind(("127.0.0.1", p + 10000))
    except OSError:
        a.close(); continue
    print(p); break'
}

# Waits until `redis-cli -p PORT ARGS...` prints a line matching PATTERN (at most ~20 s).
await_redis() {
  local port=$1 pattern=$2
  shift 2
  for _ in $(seq 1 200); do
    redis-cli -p "$port" "$@" 2>/dev/null | grep -q -- "$pattern" && return 0
    sleep 0.1
  done
  echo "test.sh: redis on port $port never showed '$pattern'" >&2
  return 1
}

# Starts a redis-server on PORT with extra options, in the background, and waits for PING.
start_redis() {
  local port=$1
  shift
  redis-server --port "$port" --bind 127.0.0.1 --save "" --appendonly no --dir "$workdir" \
    --daemonize no "$@" >"$workdir/redis-$port.log" 2>&1 &
  pids+=($!)
  await_redis "$port" PONG ping
}

workdir=$(mktemp -d)
if command -v redis-server >/dev/null; then
  port=$(free_port)
  start_redis "$port"
  export KAMPUNG_TEST_REDIS_URI="redis://127.0.0.1:$port"
  echo "test.sh: redis-server $(redis-server --version | awk '{print $3}') on $KAMPUNG_TEST_REDIS_URI"

  # A Sentinel set: the store contract suites also run against a Sentinel-managed master.
  master=$(free_port)
  start_redis "$master"
  replica=$(free_port)
  start_redis "$replica" --replicaof 127.0.0.1 "$master"
  await_redis "$master" "state=online" info replication
  sentinel=$(free_port)
  printf '%s\n' "port $sentinel" "bind 127.0.0.1" "dir $workdir" \
    "sentinel monitor kampung-test 127.0.0.1 $master 1" \
    "sentinel down-after-milliseconds kampung-test 1000" \
    "sentinel failover-timeout kampung-test 5000" >"$workdir/sentinel.conf"
  if command -v redis-sentinel >/dev/null; then
    redis-sentinel "$workdir/sentinel.conf" >"$workdir/sentinel.log" 2>&1 &
  else
    redis-server "$workdir/sentinel.conf" --sentinel >"$workdir/sentinel.log" 2>&1 &
  fi
  pids+=($!)
  await_redis "$sentinel" "$master" sentinel get-master-addr-by-name kampung-test
  export KAMPUNG_TEST_REDIS_SENTINEL="kampung-test@127.0.0.1:$sentinel"
  echo "test.sh: Sentinel set (master $master, replica $replica) at $KAMPUNG_TEST_REDIS_SENTINEL"

  # A Redis Cluster of 3 masters with one replica each.
  nodes=()
  for _ in 1 2 3 4 5 6; do
    p=$(free_cluster_port)
    start_redis "$p" --cluster-enabled yes --cluster-config-file "nodes-$p.conf" \
      --cluster-node-timeout 1000
    nodes+=("127.0.0.1:$p")
  done
  redis-cli --cluster create "${nodes[@]}" --cluster-replicas 1 --cluster-yes \
    >"$workdir/cluster-create.log" 2>&1 || { cat "$workdir/cluster-create.log" >&2; exit 1; }
  for node in "${nodes[@]}"; do
    await_redis "${node##*:}" "cluster_state:ok" cluster info
  done
  for node in "${nodes[@]}"; do
    # Each master's replica must be in sync, or the first WAIT 1 would time out.
    if redis-cli -p "${node##*:}" info replication | grep -q "role:master"; then
      await_redis "${node##*:}" "state=online" info replication
    fi
  done
  KAMPUNG_TEST_REDIS_CLUSTER=$(IFS=,; echo "${nodes[*]}")
  export KAMPUNG_TEST_REDIS_CLUSTER
  echo "test.sh: Redis Cluster at $KAMPUNG_TEST_REDIS_CLUSTER"
fi

./mvnw -B -ntp verify -Dkampung.requireExternal="$require" "$@"
