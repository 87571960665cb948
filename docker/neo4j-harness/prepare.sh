#!/usr/bin/env bash
# Fetch the jars of the Neo4j test harness (an in-process Neo4j 5.26 with a Bolt port) into deps/.
#
# Idempotent and cached: Maven keeps its downloads in ~/.m2, and deps/ is refilled only when
# pom.xml changed since the last successful run (deps/.pom.sha256 records it). Needs Java 17+
# and Maven; the tests (tests/conftest.py) and benchmarks/bench_push.py then start the server
# with `java ... Launcher.java`. Usage: bash docker/neo4j-harness/prepare.sh
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"

command -v java >/dev/null || { echo "prepare.sh: java not found (the Neo4j test server needs Java 17+)" >&2; exit 1; }
stamp="deps/.pom.sha256"
want="$(sha256sum pom.xml | cut -d' ' -f1)"
if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
    echo "prepare.sh: Neo4j harness jars up to date in $here/deps"
    exit 0
fi
command -v mvn >/dev/null || { echo "prepare.sh: mvn not found (needed once to fetch the Neo4j harness jars)" >&2; exit 1; }

mkdir -p target
tmp="$(mktemp -d "$here/target/deps.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
mvn -B -q -f pom.xml dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$tmp"
echo "$want" >"$tmp/.pom.sha256"
rm -rf deps
mv "$tmp" deps
trap - EXIT
echo "prepare.sh: fetched $(ls deps/*.jar | wc -l) jars into $here/deps"
