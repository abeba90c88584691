#!/usr/bin/env bash
# Runs the back end locally: DynamoDB Local, a Lambda runtime API with a Function URL front on
# http://127.0.0.1:${PORT:-8080}, the packaged app as one function under AWS's runtime interface client, demo data;
# for e-mail orders GreenMail (SMTP on 127.0.0.1:${SMTP_PORT:-3025}, its REST API on 127.0.0.1:${MAIL_API_PORT:-8025}),
# a partner callback sink on 127.0.0.1:${CALLBACK_PORT:-8089}, the delivery worker fed from the table's stream,
# delivery-retry and order-expiry every 10 s; for payments a Tribute sandbox on 127.0.0.1:${TRIBUTE_PORT:-8091} that
# sends signed webhooks, an exchanger sandbox on 127.0.0.1:${EXCHANGER_PORT:-8092} that sends its IPNs (once each), a
# merchant gateway sandbox on 127.0.0.1:${MERCHANT_PORT:-8093} that sends signed callbacks, and payment-reconcile
# every 10 s; their credentials come from a stand-in for the AWS Parameters and Secrets Lambda Extension on
# 127.0.0.1:${SECRETS_PORT:-2773} (the function gets its port, a session token and the secrets' names, no values).
# Callbacks may go to http on loopback here
# (APP_DELIVERY_ALLOW_LOOPBACK_HTTP=true): a setting for local runs only, off by default. Needs only Java 17 and
# Maven; builds what is missing or stale first. LOG_LEVEL (DEBUG, INFO, WARN, ERROR) is the functions' log level,
# as template.yaml's LogLevel. FAULTS (e.g. throttle=0.05,error=0.05,after-commit=0.05,latency=0.05:200ms,seed=42)
# turns on DynamoDB fault injection in the function process only, never in the demo seeding (functions.md,
# "DynamoDB faults"). CRASH_AT (a crash point, e.g. between-order-steps) halts the function process the first time it
# gets there; its invocation fails as Lambda's would and a new process, without CRASH_AT, takes over (functions.md,
# "Crash points"). Once it answers, it writes its demo values (URLs, the demo partner's secret, the demo API key)
# to target/local/demo.env (mode 600) for `scripts/smoke.sh [--flows] BASE_URL target/local/demo.env`.
# The data is in memory and gone at Ctrl-C unless DATA_DIR names a directory: DynamoDB Local then keeps its files
# there, with the demo API key (DATA_DIR/demo-api-key, mode 600), and a later run on it finds the data and the key;
# seeding it again adds nothing. Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "$0")/.."

source scripts/lib/prepare.sh

# GreenMail's standalone server (SMTP + REST API), the version the tests use; run as a process of its own.
GREENMAIL_VERSION=$(sed -n 's:.*<greenmail.version>\(.*\)</greenmail.version>.*:\1:p' pom.xml)

if [[ -z $GREENMAIL_VERSION ]]; then
  echo "run-local: pom.xml has no <greenmail.version>" >&2
  exit 1
fi
if [[ ! -f $LOCAL/greenmail/greenmail-standalone-$GREENMAIL_VERSION.jar ]]; then
  rm -rf "$LOCAL/greenmail"
  mvn_quiet "$DEPENDENCY_PLUGIN:copy" -Dartifact="com.icegreen:greenmail-standalone:$GREENMAIL_VERSION" \
    -DoutputDirectory="$LOCAL/greenmail"
fi

# The JBoss log manager is on the classpath (Quarkus'); without this flag it complains on the first log line.
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
  -cp "target/test-classes:target/classes:$(cat "$LOCAL/classpath.txt")" cc.marix.reseller.local.LocalStack
