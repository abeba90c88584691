#!/usr/bin/env bash
# Prints the partner signature of a file, keyed with SECRET:
#   scripts/sign.sh SECRET FILE                      body scheme (the seed's): X-Signature = hex HMAC-SHA256 of the
#                                                    file's exact bytes
#   scripts/sign.sh --timestamped [TS] SECRET FILE   timestamped scheme: prints "X-Timestamp: TS" and
#                                                    "X-Signature: <hex HMAC-SHA256 of 'TS.' + the file's bytes>";
#                                                    TS defaults to now (Unix seconds) and must be within 300 s of
#                                                    the server's clock when sent
set -euo pipefail

usage() {
  echo "usage: scripts/sign.sh SECRET FILE" >&2
  echo "       scripts/sign.sh --timestamped [UNIX_SECONDS] SECRET FILE" >&2
  exit 2
}

timestamp=""
timestamped=false
if [[ ${1:-} == --timestamped ]]; then
  timestamped=true
  shift
  if [[ $# -eq 3 ]]; then
    timestamp=$1
    shift
  fi
  [[ -n $timestamp ]] || timestamp=$(date +%s)
  if [[ ! $timestamp =~ ^[0-9]{1,12}$ ]]; then
    echo "sign: the timestamp must be Unix seconds" >&2
    exit 2
  fi
fi
[[ $# -eq 2 ]] || usage
secret=$1
file=$2
if [[ ! -f $file ]]; then
  echo "sign: no file $file" >&2
  exit 2
fi

# -r prints "<hex> *stdin"; reading stdin keeps the file name out of it.
if $timestamped; then
  signature=$({ printf '%s.' "$timestamp"; cat "$file"; } | openssl dgst -sha256 -hmac "$secret" -r | cut -d' ' -f1)
  echo "X-Timestamp: $timestamp"
  echo "X-Signature: $signature"
else
  openssl dgst -sha256 -hmac "$secret" -r <"$file" | cut -d' ' -f1
fi
