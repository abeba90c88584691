#!/usr/bin/env bash
# Invokes one function locally with an event file, like `sam local invoke -e`: prints the answer's JSON on stdout,
# exits non-zero if the invocation fails. Uses the build, the DynamoDB Local and the SMTP sink of a running
# scripts/run-local.sh, with callbacks to http on loopback allowed as there.
set -euo pipefail

if [[ $# -ne 2 ]]; then
  echo "usage: scripts/invoke.sh FUNCTION EVENT_FILE   (e.g. admin src/test/resources/events/admin/stock-report.json)" >&2
  exit 2
fi
function_name=$1
if [[ ! -f $2 ]]; then
  echo "invoke: no event file $2" >&2
  exit 2
fi
event_file="$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"
cd "$(dirname "$0")/.."

if [[ ! -f target/local/dynamodb.endpoint || ! -f target/local/classpath.txt ]]; then
  echo "invoke: scripts/run-local.sh is not running; start it in another terminal first" >&2
  exit 2
fi

exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
  -cp "target/test-classes:target/classes:$(cat target/local/classpath.txt)" \
  cc.marix.reseller.local.LocalInvoke "$function_name" "$event_file"
