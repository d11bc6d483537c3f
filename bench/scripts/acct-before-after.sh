#!/usr/bin/env bash
# Accounting mix on Redis: before issue 10 (OLD jar) vs after (NEW jar), same redis-server, interleaved.
set -u
OLD=$1; NEW=$2; ROUNDS=${3:-3}; SECS=${4:-10}
P=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
D=$(mktemp -d)
redis-server --port $P --bind 127.0.0.1 --save '' --appendonly no --daemonize yes --dir $D --pidfile $D/r.pid >/dev/null
sleep 0.5
java -cp $OLD org.smartkampung.bench.radius.RadiusBenchServer 42000 benchsecret BENCHCODE redis://127.0.0.1:$P > $D/old.log 2>&1 & O=$!
java -cp $NEW org.smartkampung.bench.radius.RadiusBenchServer 42100 benchsecret BENCHCODE redis://127.0.0.1:$P > $D/new.log 2>&1 & N=$!
for i in $(seq 1 100); do grep -q ready $D/old.log && grep -q ready $D/new.log && break; sleep 0.2; done
load() { java -cp $NEW org.smartkampung.bench.radius.RadiusLoad "$@"; }
echo "# $(date -u +%FT%TZ) load $(cut -d' ' -f1-3 /proc/loadavg)"
load acct 127.0.0.1 42001 benchsecret x x 32 3 >/dev/null
load acct 127.0.0.1 42101 benchsecret x x 32 3 >/dev/null
for r in $(seq 1 $ROUNDS); do
  echo "before $(load acct 127.0.0.1 42001 benchsecret x x 32 $SECS)"
  echo "after  $(load acct 127.0.0.1 42101 benchsecret x x 32 $SECS)"
done
kill $O $N; kill $(cat $D/r.pid); rm -rf $D
