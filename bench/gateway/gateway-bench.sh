#!/usr/bin/env bash
# Gateway benchmarks in network namespaces (docs/BENCHMARKS.md, section "Gateway"). Run as root
# from the repository root after `./mvnw -B -q -pl app -am package -DskipTests`.
#
#   1. iperf3 throughput client -> gateway -> upstream, rounds alternating between plain
#      forwarding (no rules) and the running gateway's nftables tables with the client in its
#      authenticated sets (THROUGHPUT_ROUNDS, default ROUNDS).
#   2. captive redirects/s with wrk: our interceptor against nginx returning the same 302.
#
# Needs: nftables iproute2 iperf3 wrk nginx (or nginx-light) openjdk-17. Everything it starts
# lives in the three namespaces it creates, which it deletes on exit.
set -euo pipefail
cd "$(dirname "$0")/../.."

seconds=${SECONDS_PER_RUN:-10}
connections=${WRK_CONNECTIONS:-50}
jar=${JAR:-app/target/kampung.jar} # JAR=another.jar compares builds
[[ -f $jar ]] || { echo "build first: ./mvnw -B -q -pl app -am package -DskipTests" >&2; exit 2; }

p=kgwb$$
c=$p-c g=$p-g u=$p-u
work=$(mktemp -d)
cleanup() {
  for ns in $c $g $u; do
    for pid in $(ip netns pids "$ns" 2>/dev/null); do kill -9 "$pid" 2>/dev/null || true; done
    ip netns del "$ns" 2>/dev/null || true
  done
  rm -rf "$work"
}
trap cleanup EXIT

for ns in $c $g $u; do ip netns add "$ns"; ip -n "$ns" link set lo up; done
ip link add cg0 netns $c type veth peer name gc0 netns $g
ip link add gu0 netns $g type veth peer name ug0 netns $u
ip -n $c addr add 10.77.0.2/24 dev cg0; ip -n $c link set cg0 up
ip -n $g addr add 10.77.0.1/24 dev gc0; ip -n $g link set gc0 up
ip -n $g addr add 192.168.77.1/24 dev gu0; ip -n $g link set gu0 up
ip -n $u addr add 192.168.77.2/24 dev ug0; ip -n $u link set ug0 up
ip -n $c route add default via 10.77.0.1
ip -n $u route add 10.77.0.0/24 via 192.168.77.1
ip netns exec $g sysctl -qw net.ipv4.ip_forward=1

ip netns exec $u iperf3 -s -D -B 192.168.77.2 --logfile "$work/iperf3.log"
sleep 0.5
iperf() { # prints Gbit/s received by the client (download, -R) over $seconds
  ip netns exec $c iperf3 -c 192.168.77.2 -R -t "$seconds" -O 1 -J |
    python3 -c 'import json,sys; print(round(json.load(sys.stdin)["end"]["sum_received"]["bits_per_second"]/1e9, 2))'
}

cat >"$work/kampung.yaml" <<YAML
regency: {id: banyuwangi, name: Kabupaten Banyuwangi}
store: {type: embedded, data-dir: $work/data}
radius: {enabled: false}
portal: {enabled: false}
villages: [{id: kemiren, name: Kemiren}]
gateway:
  enabled: true
  id: bench-gw
  village: kemiren
  client-interface: gc0
  upstream-interface: gu0
  client-subnet: 10.77.0.0/24
  portal-url: http://10.77.0.1:8080/hotspot/gateway
  signing-key: bench-signing-key-0123456789
  radius-secret: unused
  upstream-dns: 192.168.77.2
  masquerade: false
  shaping: false
YAML
# JFR=path records a CPU profile of the gateway during the runs (dumped before the namespaces go).
# The JVM flags of config/gateway/kampung.service unless GATEWAY_JAVA_OPTS says otherwise.
ip netns exec $g java ${GATEWAY_JAVA_OPTS:--Xmx256m} ${JFR:+-XX:StartFlightRecording=settings=${JFR_SETTINGS:-profile}} -jar "$jar" run \
  --config "$work/kampung.yaml" >"$work/gateway.log" 2>&1 &
gateway_pid=$!
for _ in $(seq 1 60); do
  ip netns exec $g nft list table inet kampung_gateway >/dev/null 2>&1 && ss -N $g -ltn | grep -q ':8002 ' && break
  sleep 0.5
done
# The client as the gateway lets it through after an Access-Accept: both counter sets (the
# sending side keyed by address and MAC) and a quota far out of reach, so its lookup is paid too.
mac=$(ip netns exec $c cat /sys/class/net/cg0/address)
ip netns exec $g nft -f - <<NFT
add element inet kampung_gateway clients_up { 10.77.0.2 . $mac }
add element inet kampung_gateway clients_down { 10.77.0.2 }
add quota inet kampung_gateway qt_bench { over 1000000000000 bytes }
add element inet kampung_gateway quota_total_up { 10.77.0.2 . $mac : "qt_bench" }
add element inet kampung_gateway quota_total_down { 10.77.0.2 : "qt_bench" }
NFT

# Rounds alternate between plain forwarding (the gateway's tables taken out of the kernel for the
# round, then put back as they were) and forwarding through them, so drift hits both alike.
ip netns exec $g nft list table inet kampung_gateway >"$work/table.nft"
ip netns exec $g nft list table inet kampung_gateway_ipv6 >"$work/table6.nft"
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
plain=() gated=()
for r in $(seq 1 "${THROUGHPUT_ROUNDS:-${ROUNDS:-3}}"); do
  ip netns exec $g nft delete table inet kampung_gateway
  ip netns exec $g nft delete table inet kampung_gateway_ipv6
  plain+=("$(iperf)")
  ip netns exec $g nft -f "$work/table.nft"
  ip netns exec $g nft -f "$work/table6.nft"
  gated+=("$(iperf)")
done
echo "== throughput (iperf3 download), ${#plain[@]} alternating rounds of ${seconds}s"
echo "plain forwarding (no rules):                        ${plain[*]} Gbit/s -> median $(median "${plain[@]}")"
echo "through the gateway's tables (authenticated client): ${gated[*]} Gbit/s -> median $(median "${gated[@]}")"
ip netns exec $g nft list set inet kampung_gateway clients_down | grep -o 'counter packets [0-9]* bytes [0-9]*' || true
python3 -c "print('gateway/plain = %.0f%%' % (100*$(median "${gated[@]}")/$(median "${plain[@]}")))"

ip netns exec $g nft delete element inet kampung_gateway clients_up "{ 10.77.0.2 . $mac }"
ip netns exec $g nft delete element inet kampung_gateway clients_down '{ 10.77.0.2 }'

cat >"$work/nginx.conf" <<NGINX
worker_processes 2;
daemon off;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 4096; }
http {
  access_log off;
  server {
    listen 10.77.0.1:8004;
    location / {
      add_header Cache-Control no-store;
      return 302 "http://10.77.0.1:8080/hotspot/gateway?gw=bench-gw&ip=\$remote_addr&mac=&url=http%3A%2F%2F\$host\$request_uri&op=redirect&ts=1772366400&sig=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    }
  }
}
NGINX
ip netns exec $g nginx -c "$work/nginx.conf" &
nginx_pid=$!
sleep 1
wrk_rps() { ip netns exec $c wrk -t2 -c"$connections" -d"${seconds}s" "$1" | awk '/Requests\/sec/ {print int($2)}'; }
# CPU time (clock ticks, user + system) of processes: on a shared machine the CPU a server spends
# per redirect is steadier than its redirects/s, which also depend on what else gets the cores.
ticks() { local t=0 p; for p in "$@"; do t=$((t + $(awk '{print $14 + $15}' /proc/"$p"/stat))); done; echo $t; }
gateway_pids() { echo "$gateway_pid"; }
nginx_pids() { echo "$nginx_pid" $(pgrep -P "$nginx_pid"); }
measure() { # url pids-function -> "redirects/s CPU-microseconds-per-redirect"
  local before after rps
  before=$(ticks $($2)); rps=$(wrk_rps "$1"); after=$(ticks $($2))
  awk -v r="$rps" -v t=$((after - before)) -v hz="$(getconf CLK_TCK)" -v s="$seconds" \
    'BEGIN {printf "%d %.1f\n", r, t * 1e6 / hz / (r * s)}'
}
# Warm the JVM first: C2 needs a while on a loaded box, and the first seconds are not steady state.
ip netns exec $c wrk -t2 -c"$connections" -d"${WARMUP_SECONDS:-20}s" http://10.77.0.1:8002/ >/dev/null
ip netns exec $c wrk -t2 -c"$connections" -d5s http://10.77.0.1:8004/ >/dev/null
# Rounds alternate between the two servers, so drift on a shared machine hits both alike.
rounds=${ROUNDS:-3}
ours=() theirs=() nft=() ours_cpu=() theirs_cpu=()
for r in $(seq 1 "$rounds"); do
  read -r rps cpu < <(measure http://10.77.0.1:8002/ gateway_pids); ours+=("$rps"); ours_cpu+=("$cpu")
  read -r rps cpu < <(measure http://10.77.0.1:8004/ nginx_pids); theirs+=("$rps"); theirs_cpu+=("$cpu")
  read -r rps cpu < <(measure http://192.168.77.2/ gateway_pids); nft+=("$rps")
done
echo "== redirects/s, $connections connections, $rounds alternating rounds of ${seconds}s"
echo "ours (Netty interceptor, HMAC-signed Location): ${ours[*]} -> median $(median "${ours[@]}")"
echo "nginx returning the same 302 (fixed signature):  ${theirs[*]} -> median $(median "${theirs[@]}")"
echo "ours through the nft redirect of port 80:        ${nft[*]} -> median $(median "${nft[@]}")"
python3 -c "print('ours/nginx = %.0f%%' % (100*$(median "${ours[@]}")/$(median "${theirs[@]}")))"
echo "server CPU per redirect, microseconds: ours ${ours_cpu[*]} -> median $(median "${ours_cpu[@]}"), nginx ${theirs_cpu[*]} -> median $(median "${theirs_cpu[@]}")"
if [[ -n ${JFR:-} ]]; then
  jcmd "$gateway_pid" JFR.dump filename="$JFR" >/dev/null && echo "profile: $JFR"
fi
