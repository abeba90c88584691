#!/usr/bin/env bash
# Lints the public API's OpenAPI document (src/main/resources/openapi/openapi.json) with Redocly CLI from npm, the
# recommended ruleset (scripts/redocly.yaml says which rule is off and why); fails on any error or warning.
set -euo pipefail
cd "$(dirname "$0")/.."
tools=target/tools/redocly
if [ ! -x "$tools/node_modules/.bin/redocly" ]; then
  mkdir -p "$tools"
  npm install --prefix "$tools" --silent --no-audit --no-fund @redocly/cli@2.77.0 >/dev/null
fi
REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true "$tools/node_modules/.bin/redocly" lint \
  --config scripts/redocly.yaml --max-problems 1000 --format stylish src/main/resources/openapi/openapi.json 2>&1 \
  | tee target/lint-openapi.log
# redocly exits non-zero on errors only: a warning fails this lint too
if grep -qE '^ +[0-9]+:[0-9]+ +warning' target/lint-openapi.log; then
  echo "lint-openapi: warnings above" >&2
  exit 1
fi
