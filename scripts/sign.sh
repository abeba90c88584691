#!/usr/bin/env bash
# Prints the partner signature of a file: the lowercase hex HMAC-SHA256 of its exact bytes, keyed with SECRET.
set -euo pipefail

if [[ $# -ne 2 ]]; then
  echo "usage: scripts/sign.sh SECRET FILE" >&2
  exit 2
fi
if [[ ! -f $2 ]]; then
  echo "sign: no file $2" >&2
  exit 2
fi
# -r prints "<hex> *stdin"; reading stdin keeps the file name out of it.
openssl dgst -sha256 -hmac "$1" -r <"$2" | cut -d' ' -f1
