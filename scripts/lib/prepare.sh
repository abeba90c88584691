# Shared by run-local.sh and bench: builds the packaged app and the test classes (where the local tooling lives) when
# stale, writes the test classpath to target/local/classpath.txt, and fetches AWS's runtime interface client.
# Source it from the project root.

# AWS's runtime interface client and what Lambda's Java runtime puts beside it on the system classpath. The pom's
# run-local-runtime execution copies the same artifacts at package (for local/RunLocalSmokeCheck and ProcessCrashTest): keep them in step.
RUNTIME_CLIENT=(
  com.amazonaws:aws-lambda-java-runtime-interface-client:2.9.0
  com.amazonaws:aws-lambda-java-core:1.4.0
  com.amazonaws:aws-lambda-java-serialization:1.2.0
  software.amazon.awssdk:utils-lite:2.34.0
)
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
  echo "${0##*/}: building the app (mvn package -DskipTests)" >&2
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

