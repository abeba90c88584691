#!/usr/bin/env bash
# Runs the back end locally: DynamoDB Local, a Lambda runtime API with a Function URL front on
# http://127.0.0.1:${PORT:-8080}, the packaged app as one function under AWS's runtime interface client, demo data;
# for e-mail orders GreenMail (SMTP on 127.0.0.1:${SMTP_PORT:-3025}, its REST API on 127.0.0.1:${MAIL_API_PORT:-8025}),
# a partner callback sink on 127.0.0.1:${CALLBACK_PORT:-8089}, the delivery worker fed from the table's stream and
# delivery-retry every 10 s. Callbacks may go to http on loopback here (APP_DELIVERY_ALLOW_LOOPBACK_HTTP=true): a
# setting for local runs only, off by default. Needs only Java 17 and Maven; builds what is missing or stale first.
# Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "$0")/.."

# AWS's runtime interface client and what Lambda's Java runtime puts beside it on the system classpath.
RUNTIME_CLIENT=(
  com.amazonaws:aws-lambda-java-runtime-interface-client:2.9.0
  com.amazonaws:aws-lambda-java-core:1.4.0
  com.amazonaws:aws-lambda-java-serialization:1.2.0
  software.amazon.awssdk:utils-lite:2.34.0
)
# GreenMail's standalone server (SMTP + REST API), the version the tests use; run as a process of its own.
GREENMAIL_VERSION=$(sed -n 's:.*<greenmail.version>\(.*\)</greenmail.version>.*:\1:p' pom.xml)
DEPENDENCY_PLUGIN=org.apache.maven.plugins:maven-dependency-plugin:3.8.1
LOCAL=target/local
mkdir -p "$LOCAL"

mvn_quiet() { # Maven's output, errors included, goes to stderr, without the colour resets Debian's Maven 3.8 emits
  mvn -B -q -ntp "$@" 2>&1 | sed $'s/\e\\[0m//g' >&2
}

stale() { # stale STAMP PATH...: true when STAMP is missing or any PATH has a newer file
  local stamp=$1
  shift
  [[ ! -e $stamp ]] || [[ -n $(find "$@" -newer "$stamp" -print -quit) ]]
}

# package also compiles the test classes, where the local tooling lives.
if [[ ! -f target/function.zip ]] || stale "$LOCAL/build.stamp" pom.xml src; then
  echo "run-local: building the app (mvn package -DskipTests)" >&2
  touch "$LOCAL/build.next" # stamped before building, so an edit made meanwhile still counts as newer
  mvn_quiet package -DskipTests
  mv "$LOCAL/build.next" "$LOCAL/build.stamp"
fi

if stale "$LOCAL/classpath.txt" pom.xml; then
  mvn_quiet "$DEPENDENCY_PLUGIN:build-classpath" -Dmdep.includeScope=test -Dmdep.outputFile="$LOCAL/classpath.txt"
fi

for artifact in "${RUNTIME_CLIENT[@]}"; do
  IFS=: read -r _ name version <<<"$artifact"
  if [[ ! -f $LOCAL/ric/$name-$version.jar ]]; then
    mvn_quiet "$DEPENDENCY_PLUGIN:copy" -Dartifact="$artifact" -DoutputDirectory="$LOCAL/ric"
  fi
done

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
