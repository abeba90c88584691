#!/usr/bin/env bash
# Checks that a running stack works, from the outside, as a partner and a reseller would use it:
#   scripts/smoke.sh [--flows] BASE_URL [ENV_FILE]
# BASE_URL is the public API (run-local's front, or the deployed stack's ApiUrl output). Prints one line per check,
# "ok", "skip" or "FAIL" with what it saw, and exits 1 if any check failed (2 for a usage error). Needs bash, curl
# and openssl (as scripts/sign.sh), nothing else.
#
# Always (each needs the ENV_FILE values it names; a check whose values are missing is a FAIL saying which):
#   - the partner webhook answers a signed order.paid with the code (200), answers its replay (same X-Event-Id)
#     byte for byte with Idempotent-Replayed: true, and refuses a wrong signature (401). Delivers one real code.
#   - the catalog reads: the product by slug in x-language en and ru (its names, when ENV_FILE gives them), and
#     the category list.
#   - a sandbox order (isMock: true) completes with a fake code: charges nothing, takes no stock; safe in production.
#   - with TRIBUTE_SANDBOX_URL: the README's order paid through the Tribute sandbox (pending_payment, order-pay,
#     the sandbox's pay page, then completed with its code; the balance unchanged). Skipped, saying so, without it
#     (a deployed stack talks to the real Tribute).
# With --flows, the rest of the README's flows, asserting the outcome, not only the status (needs the sandbox and
# mail values below, so a local run; `FAULTS=... scripts/run-local.sh` then this proves "slower, never wrong"):
#   - the same externalOrderId under a fresh X-Event-Id answers the first order and code; the same X-Event-Id with
#     another body is 422 idempotency_key_reused;
#   - an e-mail order (202, replayed identically) is mailed exactly once and called back exactly once, signed;
#   - top-ups through the Tribute, exchanger and merchant gateway sandboxes each complete and credit the balance by
#     exactly their amount;
#   - an order paid from the balance, sent twice at once with one idempotencyKey and once more after: one order,
#     one code, charged exactly its price once, nothing left reserved.
#   The sandboxes make the money up. With run-local's demo data (a 4990.00 rub product, an empty balance) the top-ups
#   come to exactly the order's price, so the rub balance ends at zero again and the next run's Tribute order still
#   waits for its payment.
# Every request answered 503 (or 429) is sent again as a client would, after its Retry-After (at most 5 s), up to
# 30 times; anything else is the answer.
#
# ENV_FILE: NAME=value, one a line, no quotes; '#' lines are comments; names not listed here are ignored, and the
# file is read, never executed. run-local writes one: target/local/demo.env (demo secrets only).
#   BASE_URL               the public API (the argument wins; here for `scripts/smoke.sh "$BASE_URL" ENV_FILE`)
#   PARTNER_WEBHOOK_URL    the partner webhook's base URL (the stack's PartnerWebhookBaseUrl output; default BASE_URL)
#   PARTNER                the partner's slug (use a partner kept for smoke checks, not a real partner's)
#   PARTNER_SECRET         its signing secret
#   PARTNER_SIGNATURE_SCHEME  body (default) or timestamped, as the partner is set up
#   API_KEY                an API user's key (createApiUser), for the catalog and the orders
#   PRODUCT_ID             a product on the partner's whitelist, in stock: each run delivers one code of it (three
#                          with --flows), so give a deployed stack a product with test codes
#   PRODUCT_SLUG           its slug
#   PRODUCT_NAME_RU        its name in ru and en (optional: compared when given)
#   PRODUCT_NAME_EN
#   TRIBUTE_SANDBOX_URL    run-local's Tribute, exchanger and merchant gateway sandboxes (absent: those parts are
#   EXCHANGER_SANDBOX_URL  skipped, and --flows fails saying what is missing)
#   MERCHANT_SANDBOX_URL
#   MAIL_API_URL           run-local's GreenMail REST API (the e-mail order's mailbox is read there)
#   CALLBACK_SINK_URL      run-local's partner callback sink, ending in /callbacks/ (the e-mail order's callbackUrl;
#                          a GET on it counts the callbacks that came)
set -uo pipefail

usage() {
  echo "usage: scripts/smoke.sh [--flows] BASE_URL [ENV_FILE]" >&2
  exit 2
}

FLOWS=false
if [[ ${1:-} == --flows ]]; then
  FLOWS=true
  shift
fi
[[ $# -eq 1 || $# -eq 2 ]] || usage
[[ $1 =~ ^https?://[^[:space:]]+$ ]] || usage

KNOWN_NAMES=" BASE_URL PARTNER_WEBHOOK_URL PARTNER PARTNER_SECRET PARTNER_SIGNATURE_SCHEME API_KEY PRODUCT_ID
  PRODUCT_SLUG PRODUCT_NAME_RU PRODUCT_NAME_EN TRIBUTE_SANDBOX_URL EXCHANGER_SANDBOX_URL MERCHANT_SANDBOX_URL
  MAIL_API_URL CALLBACK_SINK_URL "
for name in $KNOWN_NAMES; do
  printf -v "$name" '%s' ""
done
if [[ $# -eq 2 ]]; then
  if [[ ! -r $2 ]]; then
    echo "smoke: cannot read $2" >&2
    exit 2
  fi
  while IFS= read -r line || [[ -n $line ]]; do
    line=${line%$'\r'}
    [[ $line =~ ^([A-Z][A-Z0-9_]*)=(.*)$ ]] || continue
    [[ $KNOWN_NAMES == *[[:space:]]${BASH_REMATCH[1]}[[:space:]]* ]] || continue
    printf -v "${BASH_REMATCH[1]}" '%s' "${BASH_REMATCH[2]}"
  done <"$2"
fi
BASE_URL=${1%/}
PARTNER_WEBHOOK_URL=${PARTNER_WEBHOOK_URL:-$BASE_URL}
PARTNER_WEBHOOK_URL=${PARTNER_WEBHOOK_URL%/}
PARTNER_SIGNATURE_SCHEME=${PARTNER_SIGNATURE_SCHEME:-body}
for name in TRIBUTE_SANDBOX_URL EXCHANGER_SANDBOX_URL MERCHANT_SANDBOX_URL MAIL_API_URL CALLBACK_SINK_URL; do
  printf -v "$name" '%s' "${!name%/}"
done

RETRIES=30
# How long a paid order or top-up, or an e-mail order's callback, may take: a lost exchanger IPN is recovered by
# payment-reconcile, which asks about a top-up 2 minutes after it was made.
POLL_SECONDS=150
WORK=$(mktemp -d "${TMPDIR:-/tmp}/smoke.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
RUN="smoke-$(date -u +%Y%m%dT%H%M%S)-$(openssl rand -hex 3)"
CHECKS=0
FAILURES=0

# --- reporting ---------------------------------------------------------------------------------------------------

ok() {
  CHECKS=$((CHECKS + 1))
  echo "ok    $1"
}

fail() {
  CHECKS=$((CHECKS + 1))
  FAILURES=$((FAILURES + 1))
  echo "FAIL  $1"
}

skip() {
  echo "skip  $1"
}

# An answer's status and, for an error, its code, for FAIL lines (never the whole body: it may hold a code).
seen() {
  local error
  error=$(json_get error)
  [[ $error != null ]] || error=""
  echo "HTTP $STATUS${error:+ $error}"
}

# Fails the check named $1 unless every variable named after it is set; says which are missing.
require() {
  local check=$1 missing="" name
  shift
  for name in "$@"; do
    [[ -n ${!name} ]] || missing+=" $name"
  done
  if [[ -n $missing ]]; then
    fail "$check: ENV_FILE does not give${missing}"
    return 1
  fi
}

# --- HTTP ----------------------------------------------------------------------------------------------------------

# send PREFIX METHOD URL [CURL_ARGS...]: one request, its answer in PREFIX.status, PREFIX.body, PREFIX.headers;
# a 503 or 429 is sent again after its Retry-After (at most 5 s), up to RETRIES times in all.
send() {
  local prefix=$1 method=$2 url=$3 attempt status wait
  shift 3
  for ((attempt = 1; attempt <= RETRIES; attempt++)); do
    status=$(curl -sS -o "$prefix.body" -D "$prefix.headers" -w '%{http_code}' --max-time 60 -X "$method" \
      "$@" "$url" 2>"$prefix.curl") || status=000
    echo "$status" >"$prefix.status"
    [[ $status == 503 || $status == 429 ]] || return 0
    echo "$status" >>"$WORK/retried"
    wait=$(header_in "$prefix.headers" Retry-After)
    [[ $wait =~ ^[0-9]+$ ]] || wait=1
    ((wait <= 5)) || wait=5
    sleep "$wait"
  done
}

# request METHOD URL [CURL_ARGS...]: send, then STATUS, BODY and HEADERS (a file) hold the answer.
request() {
  send "$WORK/last" "$@"
  STATUS=$(<"$WORK/last.status")
  BODY=$(<"$WORK/last.body")
  HEADERS=$WORK/last.headers
  if [[ $STATUS == 000 ]]; then
    BODY="{\"error\":\"no answer: $(tr -d '"\n' <"$WORK/last.curl")\"}"
  fi
}

api() { # api METHOD PATH [CURL_ARGS...]: a request to the public API with the key
  local method=$1 path=$2
  shift 2
  request "$method" "$BASE_URL$path" -H "Authorization: Bearer $API_KEY" "$@"
}

header_in() { # header_in FILE NAME: the value of the last header NAME in a curl -D file (case-insensitive)
  local value
  value=$(grep -i "^$2:" "$1" 2>/dev/null | tail -n 1)
  value=${value#*:}
  value=${value//$'\r'/}
  value=${value# }
  printf '%s' "$value"
}

# json_get FIELD [TEXT]: the first value of "FIELD" in compact JSON (TEXT, default BODY): a string's characters
# (escapes left as they are), else the literal (number, true, false, null). Enough for our own compact answers.
json_get() {
  local text=${2-$BODY} match
  match=$(grep -oE "\"$1\":(\"([^\"\\\\]|\\\\.)*\"|[^,}]*)" <<<"$text" | head -n 1)
  match=${match#\"$1\":}
  match=${match#\"}
  match=${match%\"}
  printf '%s' "$match"
}

# cents AMOUNT: a decimal with 2 places ("4990.00", "-0.50") in hundredths, for exact comparison in bash.
cents() {
  if [[ $1 =~ ^(-?)([0-9]+)\.([0-9]{2})$ ]]; then
    echo "${BASH_REMATCH[1]}$((10#${BASH_REMATCH[2]} * 100 + 10#${BASH_REMATCH[3]}))"
  else
    echo "not-an-amount:$1"
  fi
}

amount() { # amount CENTS: back to "4990.00"
  local sign="" value=$1
  if ((value < 0)); then
    sign=- value=$((-value))
  fi
  printf '%s%d.%02d' "$sign" $((value / 100)) $((value % 100))
}

has_code() { # has_code [TEXT]: the (first) item's externalData holds a code
  [[ $(json_get externalData "${1-$BODY}") =~ ^\[\"[^\"]+\" ]]
}

new_uuid() {
  local hex
  hex=$(openssl rand -hex 16)
  printf '%s-%s-4%s-a%s-%s' "${hex:0:8}" "${hex:8:4}" "${hex:13:3}" "${hex:17:3}" "${hex:20:12}"
}

# --- the partner webhook -------------------------------------------------------------------------------------------

# notify FILE EVENT_ID [SECRET]: POSTs the notification in FILE, signed in the partner's scheme.
notify() {
  local file=$1 event_id=$2 secret=${3:-$PARTNER_SECRET} signature
  local headers=(-H 'Content-Type: application/json' -H "X-Event-Id: $event_id")
  if [[ $PARTNER_SIGNATURE_SCHEME == timestamped ]]; then
    local now
    now=$(date +%s)
    signature=$({ printf '%s.' "$now"; cat "$file"; } | openssl dgst -sha256 -hmac "$secret" -r | cut -d' ' -f1)
    headers+=(-H "X-Timestamp: $now")
  else
    signature=$(openssl dgst -sha256 -hmac "$secret" -r <"$file" | cut -d' ' -f1)
  fi
  request POST "$PARTNER_WEBHOOK_URL/api/orders/webhooks/$PARTNER/notification" "${headers[@]}" \
    -H "X-Signature: $signature" --data-binary @"$file"
}

notification() { # notification EXTERNAL_ORDER_ID [EXTRA_JSON_FIELDS]: writes an order.paid body, prints its file
  local file="$WORK/notification-$1.json"
  printf '{"event":"order.paid","externalOrderId":"%s","productId":"%s","qty":1%s}' "$1" "$PRODUCT_ID" "${2:-}" \
    >"$file"
  echo "$file"
}

SYNC_ORDER=""
SYNC_CODE=""
SYNC_FILE=""
SYNC_EVENT=""

check_partner_webhook() {
  local check="partner webhook"
  require "$check" PARTNER PARTNER_SECRET PRODUCT_ID || return
  SYNC_FILE=$(notification "$RUN-SYNC")
  SYNC_EVENT=$(new_uuid)
  notify "$SYNC_FILE" "$SYNC_EVENT"
  SYNC_ORDER=$(json_get orderId)
  SYNC_CODE=$(json_get value)
  if [[ $STATUS != 200 || $(json_get status) != fulfilled || -z $SYNC_ORDER || -z $SYNC_CODE ]]; then
    fail "$check: a signed order.paid was not fulfilled with a code ($(seen))"
    return
  fi
  cp "$WORK/last.body" "$WORK/sync.first"
  ok "$check: a signed order.paid is fulfilled (200, order $SYNC_ORDER, one code)"

  notify "$SYNC_FILE" "$SYNC_EVENT"
  if [[ $STATUS != 200 ]] || ! cmp -s "$WORK/last.body" "$WORK/sync.first"; then
    fail "$check: its replay (same X-Event-Id) did not answer the first answer byte for byte ($(seen))"
  elif [[ $(header_in "$HEADERS" Idempotent-Replayed) != true ]]; then
    fail "$check: its replay answered the same body without Idempotent-Replayed: true"
  else
    ok "$check: its replay answers the first answer byte for byte, Idempotent-Replayed: true"
  fi

  notify "$SYNC_FILE" "$(new_uuid)" "not-$PARTNER_SECRET"
  if [[ $STATUS == 401 ]]; then
    ok "$check: a wrong signature is refused (401 $(json_get error))"
  else
    fail "$check: a wrong signature was not refused with 401 ($(seen))"
  fi
}

# --- the catalog ---------------------------------------------------------------------------------------------------

PRICE=""
CURRENCY=""

check_catalog() {
  local check="catalog"
  require "$check" API_KEY PRODUCT_ID PRODUCT_SLUG || return
  local language name expected
  for language in en ru; do
    api GET "/api/products/$PRODUCT_SLUG" -H "x-language: $language"
    name=$(json_get name)
    expected=PRODUCT_NAME_$(tr '[:lower:]' '[:upper:]' <<<"$language")
    if [[ $STATUS != 200 || $(json_get id) != "$PRODUCT_ID" ]]; then
      fail "$check: product $PRODUCT_SLUG in x-language $language was not answered as $PRODUCT_ID ($(seen))"
    elif [[ -n ${!expected} && $name != "${!expected}" ]]; then
      fail "$check: product $PRODUCT_SLUG in x-language $language is named \"$name\", not \"${!expected}\""
    else
      ok "$check: product $PRODUCT_SLUG in x-language $language: \"$name\", $(json_get price) $(json_get currency)"
      PRICE=$(json_get price)
      CURRENCY=$(json_get currency)
    fi
  done
  api GET "/api/categories/" -H "x-language: en"
  if [[ $STATUS == 200 && $BODY == *'"items":'* ]]; then
    ok "$check: the category list answers (200)"
  else
    fail "$check: the category list did not answer 200 with items ($(seen))"
  fi
}

# --- orders of the public API ----------------------------------------------------------------------------------------

# place_order IDEMPOTENCY_KEY [EXTRA_JSON_FIELDS]: POST /api/orders/ for one unit of the product.
place_order() {
  api POST /api/orders/ -H 'Content-Type: application/json' \
    --data-binary "{\"items\":[{\"itemId\":\"$PRODUCT_ID\",\"quantity\":1}],\"idempotencyKey\":\"$1\"${2:-}}"
}

check_mock_order() {
  local check="sandbox order (isMock)"
  require "$check" API_KEY PRODUCT_ID || return
  place_order "$RUN-mock" ',"isMock":true'
  if [[ $STATUS == 200 && $(json_get status) == completed && $(json_get isMock) == true \
    && $(json_get externalData) == *MOCK-* ]]; then
    ok "$check: completed at once with a fake MOCK- code (order $(json_get id))"
  else
    fail "$check: not completed with a MOCK- code ($(seen), status $(json_get status))"
  fi
}

# balance CURRENCY: sets AVAILABLE and RESERVED (in cents) from /api/access/me/balances/.
balance() {
  api GET /api/access/me/balances/
  local entry
  entry=$(grep -oE "\{[^{}]*\"currency\":\"$1\"[^{}]*\}" <<<"$BODY" | head -n 1)
  AVAILABLE=$(cents "$(json_get available "$entry")")
  RESERVED=$(cents "$(json_get reserved "$entry")")
  [[ $STATUS == 200 && $AVAILABLE =~ ^-?[0-9]+$ && $RESERVED =~ ^-?[0-9]+$ ]]
}

# await PATH FIELD VALUE: polls GET PATH until FIELD is VALUE (or POLL_SECONDS pass); true when it is.
await() {
  local deadline=$((SECONDS + POLL_SECONDS))
  while :; do
    api GET "$1"
    [[ $STATUS == 200 && $(json_get "$2") == "$3" ]] && return 0
    ((SECONDS < deadline)) || return 1
    sleep 1
  done
}

check_tribute_order() {
  local check="order paid through the Tribute sandbox"
  if [[ -z $TRIBUTE_SANDBOX_URL ]]; then
    skip "$check: ENV_FILE names no TRIBUTE_SANDBOX_URL (a deployed stack pays at the real Tribute)"
    return
  fi
  require "$check" API_KEY PRODUCT_ID || return
  local before_available before_reserved id token
  if ! balance rub; then
    fail "$check: the balances did not answer ($(seen))"
    return
  fi
  before_available=$AVAILABLE before_reserved=$RESERVED
  place_order "$RUN-tribute"
  id=$(json_get id)
  if [[ $STATUS == 200 && $(json_get status) == completed ]]; then
    skip "$check: the rub balance ($(amount "$before_available")) covers the order, so it never waits for a payment"
    return
  fi
  if [[ $STATUS != 200 || $(json_get status) != pending_payment ]]; then
    fail "$check: the order was not placed pending_payment ($(seen), status $(json_get status))"
    return
  fi
  api POST "/api/orders/$id/pay"
  token=$(json_get confirmationToken)
  if [[ $STATUS != 200 || -z $token ]]; then
    fail "$check: order-pay gave no confirmationToken ($(seen))"
    return
  fi
  request POST "$TRIBUTE_SANDBOX_URL/shop/pay/$token" -H 'Accept: application/json'
  if [[ $STATUS != 200 ]]; then
    fail "$check: the sandbox's pay page answered HTTP $STATUS"
    return
  fi
  if ! await "/api/orders/$id" status completed; then
    fail "$check: order $id is not completed ${POLL_SECONDS}s after it was paid (status $(json_get status))"
    return
  fi
  if ! has_code; then
    fail "$check: order $id is completed without its code in items[].externalData"
    return
  fi
  if ! balance rub || ((AVAILABLE != before_available || RESERVED != before_reserved)); then
    fail "$check: the rub balance moved (available $(amount "$before_available") -> $(amount "$AVAILABLE"),\
 reserved $(amount "$before_reserved") -> $(amount "$RESERVED"))"
    return
  fi
  ok "$check: pending_payment, paid at the sandbox, completed with its code (order $id); the balance untouched"
}

# --- the README's other flows (--flows) ----------------------------------------------------------------------------

check_duplicates() {
  local check="partner webhook duplicates"
  if [[ -z $SYNC_ORDER ]]; then
    fail "$check: no first order to repeat (the partner webhook check failed)"
    return
  fi
  notify "$SYNC_FILE" "$(new_uuid)"
  if [[ $STATUS == 200 && $(json_get orderId) == "$SYNC_ORDER" && $(json_get value) == "$SYNC_CODE" ]]; then
    ok "$check: the same externalOrderId under a fresh X-Event-Id answers the first order and code"
  else
    fail "$check: the same externalOrderId under a fresh X-Event-Id did not answer order $SYNC_ORDER and its code\
 ($(seen), order $(json_get orderId))"
  fi
  local other
  other=$(notification "$RUN-OTHER")
  notify "$other" "$SYNC_EVENT"
  if [[ $STATUS == 422 && $(json_get error) == idempotency_key_reused ]]; then
    ok "$check: the same X-Event-Id with another body is refused (422 idempotency_key_reused)"
  else
    fail "$check: the same X-Event-Id with another body was not refused 422 idempotency_key_reused ($(seen))"
  fi
}

check_email_order() {
  local check="e-mail order"
  require "$check" PARTNER PARTNER_SECRET PRODUCT_ID MAIL_API_URL CALLBACK_SINK_URL || return
  local external="$RUN-MAIL" customer="$RUN@example.com" file event order callbacks mails deadline
  local email_fields=",\"deliveryMode\":\"email\",\"customerEmail\":\"$customer\""
  email_fields+=",\"callbackUrl\":\"$CALLBACK_SINK_URL/$external\",\"language\":\"en\""
  file=$(notification "$external" "$email_fields")
  event=$(new_uuid)
  notify "$file" "$event"
  order=$(json_get orderId)
  if [[ $STATUS != 202 || $(json_get status) != accepted || -z $order ]]; then
    fail "$check: not accepted (expected 202 accepted; $(seen))"
    return
  fi
  cp "$WORK/last.body" "$WORK/mail.first"
  notify "$file" "$event"
  if [[ $STATUS == 202 ]] && cmp -s "$WORK/last.body" "$WORK/mail.first"; then
    ok "$check: accepted (202, order $order), its replay answered identically"
  else
    fail "$check: its replay did not answer the first 202 identically ($(seen))"
  fi

  deadline=$((SECONDS + POLL_SECONDS))
  while :; do
    request GET "$CALLBACK_SINK_URL/$external"
    callbacks=$(json_get received)
    [[ $callbacks =~ ^[1-9] ]] && break
    if ((SECONDS >= deadline)); then
      fail "$check: no callback ${POLL_SECONDS}s after acceptance (order $order)"
      return
    fi
    sleep 1
  done
  # A second e-mail or callback would come from a retry of the delivery: give the worker and delivery-retry a round.
  sleep 3
  request GET "$CALLBACK_SINK_URL/$external"
  callbacks=$(json_get received)
  if [[ $callbacks == 1 && $(json_get verified) == 1 ]]; then
    ok "$check: called back exactly once, X-Signature and webhook-signature verified"
  else
    fail "$check: called back $callbacks times, $(json_get verified) verified (expected once, verified)"
  fi
  request GET "$MAIL_API_URL/api/user/$customer/messages/INBOX"
  mails=$(grep -oE '"mimeMessage"' <<<"$BODY" | wc -l)
  mails=${mails// /}
  if [[ $STATUS == 200 && $mails == 1 && $BODY == *"$order"* ]]; then
    ok "$check: mailed exactly once to $customer"
  else
    fail "$check: $mails e-mails to $customer about order $order (HTTP $STATUS; expected exactly one)"
  fi
}

# top_up CHECK KIND BODY SANDBOX_PAY_URL_PREFIX: creates a top-up (KIND fiat or crypto), pays it at the sandbox,
# waits until it is completed, and checks the rub balance grew by exactly its quoteAmount.
top_up() {
  local check=$1 kind=$2 body=$3 pay=$4 before id payment quote
  if ! balance rub; then
    fail "$check: the balances did not answer ($(seen))"
    return 1
  fi
  before=$AVAILABLE
  api POST "/api/topups/$kind/" -H 'Content-Type: application/json' --data-binary "$body"
  id=$(json_get id)
  payment=$(json_get paymentId)
  quote=$(cents "$(json_get quoteAmount)")
  if [[ $STATUS != 200 || -z $id || -z $payment || ! $quote =~ ^[0-9]+$ ]]; then
    fail "$check: the top-up was not created ($(seen))"
    return 1
  fi
  request POST "$pay$payment" -H 'Accept: application/json'
  if [[ $STATUS != 200 ]]; then
    fail "$check: the sandbox's pay endpoint answered HTTP $STATUS"
    return 1
  fi
  if ! await "/api/topups/$kind/$id" status completed; then
    fail "$check: top-up $id is not completed ${POLL_SECONDS}s after it was paid (status $(json_get status))"
    return 1
  fi
  local credited
  credited=$(cents "$(json_get creditedAmount)")
  # Paying the sandbox order again must credit nothing more (the sandboxes pay an order once; our side too).
  request POST "$pay$payment" -H 'Accept: application/json'
  sleep 1
  if ! balance rub; then
    fail "$check: the balances did not answer ($(seen))"
    return 1
  fi
  if [[ $credited != "$quote" ]] || ((AVAILABLE - before != quote)); then
    fail "$check: top-up $id credited $(amount "$((AVAILABLE - before))") rub\
 (creditedAmount $(json_get creditedAmount)), not exactly $(amount "$quote")"
    return 1
  fi
  ok "$check: paid at the sandbox, completed, credited exactly $(amount "$quote") rub once (top-up $id)"
}

check_top_ups() {
  require "top-ups" API_KEY TRIBUTE_SANDBOX_URL EXCHANGER_SANDBOX_URL MERCHANT_SANDBOX_URL || return
  top_up "top-up through the Tribute sandbox" fiat \
    '{"paymentProvider":"tribute","balanceCurrency":"rub","quoteAmount":"1500"}' "$TRIBUTE_SANDBOX_URL/shop/pay/"
  top_up "top-up through the exchanger sandbox" crypto '{"chain":"tron","asset":"usdt","quoteAmount":"910"}' \
    "$EXCHANGER_SANDBOX_URL/sandbox/exchanger/pay/"
  top_up "top-up through the merchant gateway sandbox" fiat \
    '{"paymentProvider":"merchant","balanceCurrency":"rub","quoteAmount":"1500"}' \
    "$MERCHANT_SANDBOX_URL/sandbox/merchant/pay/"
}

check_balance_order() {
  local check="order paid from the balance, sent twice"
  require "$check" API_KEY PRODUCT_ID TRIBUTE_SANDBOX_URL || return
  local price key="$RUN-balance" before_available before_reserved first second
  price=$(cents "$PRICE")
  if [[ $CURRENCY != rub || ! $price =~ ^[0-9]+$ ]]; then
    fail "$check: no rub price of the product from the catalog check ($PRICE $CURRENCY)"
    return
  fi
  balance rub || {
    fail "$check: the balances did not answer ($(seen))"
    return
  }
  if ((AVAILABLE < price)); then
    top_up "$check: top-up of what the balance lacks" fiat \
      "{\"paymentProvider\":\"tribute\",\"balanceCurrency\":\"rub\",\
\"quoteAmount\":\"$(amount $((price - AVAILABLE)))\"}" \
      "$TRIBUTE_SANDBOX_URL/shop/pay/" || return
    balance rub
  fi
  before_available=$AVAILABLE before_reserved=$RESERVED
  local body="{\"items\":[{\"itemId\":\"$PRODUCT_ID\",\"quantity\":1}],\"idempotencyKey\":\"$key\"}"
  local args=(-H "Authorization: Bearer $API_KEY" -H 'Content-Type: application/json' --data-binary "$body")
  send "$WORK/first" POST "$BASE_URL/api/orders/" "${args[@]}" &
  send "$WORK/second" POST "$BASE_URL/api/orders/" "${args[@]}" &
  wait
  first=$(<"$WORK/first.body")
  second=$(<"$WORK/second.body")
  local id
  id=$(json_get id "$first")
  if [[ $(<"$WORK/first.status") != 200 || $(<"$WORK/second.status") != 200 ]]; then
    fail "$check: the two concurrent requests answered HTTP $(<"$WORK/first.status") and $(<"$WORK/second.status")"
    return
  fi
  if [[ -z $id || $(json_get id "$second") != "$id" || $(json_get status "$first") != completed \
    || $(json_get status "$second") != completed \
    || $(json_get externalData "$first") != "$(json_get externalData "$second")" ]] || ! has_code "$first"; then
    fail "$check: the two concurrent requests did not answer one completed order with one code\
 (orders $id and $(json_get id "$second"))"
    return
  fi
  place_order "$key"
  if [[ $STATUS != 200 || $(json_get id) != "$id" || $(header_in "$HEADERS" Idempotent-Replayed) != true ]]; then
    fail "$check: a third send did not replay order $id with Idempotent-Replayed: true ($(seen))"
    return
  fi
  balance rub
  if ((before_available - AVAILABLE != price || RESERVED != before_reserved)); then
    fail "$check: charged $(amount $((before_available - AVAILABLE))) rub for one order of $(amount "$price");\
 reserved $(amount "$before_reserved") -> $(amount "$RESERVED")"
    return
  fi
  ok "$check: two at once and a third after: one order ($id), one code, charged $(amount "$price") rub once,\
 nothing left reserved"
}

# --- the run -------------------------------------------------------------------------------------------------------

echo "smoke: $BASE_URL (run $RUN$($FLOWS && echo ', with the README flows'))"
check_partner_webhook
check_catalog
check_mock_order
check_tribute_order
if $FLOWS; then
  check_duplicates
  check_email_order
  check_top_ups
  check_balance_order
fi
RETRIED=$(cat "$WORK/retried" 2>/dev/null | wc -l)
RETRIED="requests sent again after a 503 or 429: ${RETRIED// /}"
if ((FAILURES > 0)); then
  echo "smoke: FAIL, $FAILURES of $CHECKS checks failed ($RETRIED)"
  exit 1
fi
echo "smoke: ok, $CHECKS checks passed ($RETRIED)"
