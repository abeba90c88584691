#!/usr/bin/env bash
# Checks template.yaml with cfn-lint from npm. That linter predates Lambda Function URLs, so it is given a copy
# without FunctionUrlConfig and the output that reads the implicit <Function>Url resource; everything else is checked.
set -euo pipefail
cd "$(dirname "$0")/.."
tools=target/tools/cfn-lint
if [ ! -x "$tools/node_modules/.bin/cfn-lint" ]; then
  mkdir -p "$tools"
  npm install --prefix "$tools" --silent --no-audit --no-fund cfn-lint@1.9.7 >/dev/null
fi
copy=target/template.lint.yaml
python3 - "$copy" <<'PY'
import re, sys
text = open("template.yaml", encoding="utf-8").read()
text = re.sub(r"\n      FunctionUrlConfig:\n        AuthType: NONE", "", text)
text = re.sub(r"\n  \w+Url:\n    Description: [^\n]*\n    Value: !GetAtt \w+FunctionUrl\.FunctionUrl", "", text)
open(sys.argv[1], "w", encoding="utf-8").write(text)
PY
"$tools/node_modules/.bin/cfn-lint" validate "$copy"
