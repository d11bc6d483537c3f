#!/usr/bin/env bash
# Runs every test of Smart Kampung Gateway, with the real parts the tests use.
#
# On Debian as root it installs what is missing (redis-server, freeradius-utils, python3-pyrad,
# chromium...), starts a throwaway redis-server on a free loopback port, runs the Maven build
# with every test, and stops what it started. Tests that need such a part fail (instead of
# skipping) when run as root or under CI, so a green run means they really ran.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(redis-server redis-tools freeradius-utils freeradius python3 python3-pyrad chromium chromium-driver
  nftables iproute2 iperf3 curl dnsmasq-base dnsutils)

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

workdir=$(mktemp -d)
if command -v redis-server >/dev/null; then
  port=$(free_port)
  redis-server --port "$port" --bind 127.0.0.1 --save "" --appendonly no --dir "$workdir" \
    --daemonize no >"$workdir/redis.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 50); do
    redis-cli -p "$port" ping >/dev/null 2>&1 && break
    sleep 0.1
  done
  export KAMPUNG_TEST_REDIS_URI="redis://127.0.0.1:$port"
  echo "test.sh: redis-server $(redis-server --version | awk '{print $3}') on $KAMPUNG_TEST_REDIS_URI"
fi

./mvnw -B -ntp verify -Dkampung.requireExternal="$require" "$@"
