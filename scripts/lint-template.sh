#!/usr/bin/env bash
# Checks template.yaml with cfn-lint from npm (the only linter the registries here offer). It predates Function URLs
# HTTP APIs, SAM functions' Layers and the newer stream-trigger options, so it checks a copy without those;
# everything else is checked.
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
# Properties newer than the linter: removed with everything indented under them; the rest is checked as written.
NEWER = {"FunctionUrlConfig", "ApiId", "ApiUrl", "ParallelizationFactor", "MaximumBatchingWindowInSeconds", "BisectBatchOnFunctionError", "MaximumRetryAttempts",
         "MaximumRecordAgeInSeconds", "FunctionResponseTypes", "DestinationConfig", "FilterCriteria",
         "SqsManagedSseEnabled", "Layers"}
text = open("template.yaml", encoding="utf-8").read()
# AWS::Serverless::HttpApi is newer too: drop its resource and lint its routes as REST API events instead
text = re.sub(r"\n  Api:\n    Type: AWS::Serverless::HttpApi\n(?:    [^\n]*\n)*", "\n", text)
text = text.replace("Type: HttpApi", "Type: Api")
out, skip_deeper_than = [], None
for line in text.splitlines():
    indent = len(line) - len(line.lstrip())
    if skip_deeper_than is not None:
        if not line.strip() or indent > skip_deeper_than:
            continue
        skip_deeper_than = None
    key = re.match(r"\s*([A-Za-z]+):", line)
    if key and key.group(1) in NEWER:
        skip_deeper_than = indent
        continue
    out.append(line)
text = "\n".join(out) + "\n"
# the output that reads the implicit <Function>Url resource SAM creates for FunctionUrlConfig
text = re.sub(r"\n  \w+Url:\n    Description: [^\n]*\n    Value: !GetAtt \w+FunctionUrl\.FunctionUrl", "", text)
# and a function's environment naming another's URL (the exchanger's IPN URL): a placeholder URL for the linter
text = re.sub(r"!GetAtt \w+FunctionUrl\.FunctionUrl", "'https://function-url.example/'", text)
open(sys.argv[1], "w", encoding="utf-8").write(text)
PY
"$tools/node_modules/.bin/cfn-lint" validate "$copy"
