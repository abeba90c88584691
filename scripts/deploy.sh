#!/usr/bin/env bash
# Builds the native Lambda artifact (target/function.zip) and deploys template.yaml with the AWS SAM CLI.
#
#   scripts/deploy.sh [SAM_DEPLOY_OPTION...]
#
# Without samconfig.toml it runs `sam deploy --guided`, which asks for the stack name, the region and every
# parameter of template.yaml (README, "Deploying with SAM") and saves the answers to samconfig.toml; with it,
# `sam deploy` reuses them. Options are passed on to sam deploy (e.g. --config-env prod,
# --parameter-overrides LogLevel=DEBUG).
#
# Needs, checked before anything is built: GraalVM or Mandrel (native-image on PATH or in $GRAALVM_HOME/bin), or
# docker or podman (with a running engine) for Quarkus' container build; the sam CLI with credentials for the
# target account; a JDK (mvn, jar). Create the secrets in Secrets Manager first (README). Tests are not run here:
# `mvn verify` (CI) is the gate.
set -euo pipefail
cd "$(dirname "$0")/.."

fail() {
  echo "deploy.sh: $*" >&2
  exit 1
}

# A container runtime whose engine answers: a docker CLI without a running daemon cannot build.
runtime_answers() {
  command -v "$1" >/dev/null && "$1" info >/dev/null 2>&1
}

# The Quarkus options that build the native binary with what this machine has; none when it has nothing.
native_build_options() {
  if command -v native-image >/dev/null; then
    echo "-Dquarkus.native.container-build=false"
  elif [ -n "${GRAALVM_HOME:-}" ] && [ -x "$GRAALVM_HOME/bin/native-image" ]; then
    echo "-Dquarkus.native.container-build=false"
  elif runtime_answers docker; then
    echo "-Dquarkus.native.container-build=true -Dquarkus.native.container-runtime=docker"
  elif runtime_answers podman; then
    echo "-Dquarkus.native.container-build=true -Dquarkus.native.container-runtime=podman"
  fi
}

build_options=$(native_build_options)
if [ -z "$build_options" ]; then
  graalvm_home="GRAALVM_HOME is not set"
  if [ -n "${GRAALVM_HOME:-}" ]; then
    graalvm_home="GRAALVM_HOME=$GRAALVM_HOME has no bin/native-image"
  fi
  fail "cannot build the native artifact: no GraalVM (native-image is not on PATH, $graalvm_home) and no" \
    "container runtime (no docker or podman on PATH whose engine answers \`info\`). Install GraalVM or Mandrel" \
    "for Java 17+ and set GRAALVM_HOME, or install Docker or Podman for a container build. Nothing was built or" \
    "deployed."
fi
command -v sam >/dev/null || fail "the AWS SAM CLI (sam) is not on PATH: install it" \
  "(https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/install-sam-cli.html)." \
  "Nothing was built or deployed."

# A JVM build writes target/function.zip too: remove it, so only this native build's zip can be deployed.
rm -f target/function.zip
# shellcheck disable=SC2086 # build_options is a list of options
mvn -B -ntp package -Dnative -DskipTests $build_options
# listed first, then searched: grep -q leaving a pipe early would fail the pipeline under pipefail
entries=$(jar tf target/function.zip 2>/dev/null) || entries=""
grep -qx bootstrap <<<"$entries" \
  || fail "target/function.zip has no bootstrap: the build did not produce a native Lambda artifact."

if [ -f samconfig.toml ]; then
  sam deploy --template-file template.yaml "$@"
else
  sam deploy --guided --template-file template.yaml "$@"
fi
