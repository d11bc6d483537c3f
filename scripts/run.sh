#!/usr/bin/env bash
# Builds Smart Kampung Gateway if needed and runs every enabled role on the embedded store,
# with config/kampung.yaml (or the file given with --config).
set -euo pipefail
cd "$(dirname "$0")/.."

jar=app/target/kampung.jar
if [[ ! -f $jar ]] || [[ -n $(find pom.xml */pom.xml */src config -newer "$jar" -print -quit) ]]; then
  echo "run.sh: building (first time or sources changed)..."
  ./mvnw -B -q -ntp package -DskipTests -Dspotless.check.skip=true
fi
exec java -jar "$jar" run "$@"
