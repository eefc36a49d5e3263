#!/usr/bin/env bash
# Runs Tocsin's whole test suite against real PostgreSQL, RabbitMQ and Keycloak on this machine:
# starts (or installs) what is missing, then `./mvnw -B verify`. Extra arguments go to Maven.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
started=$SECONDS

# Browser tests drive Debian's Chromium through Debian's chromedriver.
require_command chromium chromium
require_command chromedriver chromium-driver
ensure_jdk
ensure_doc_tools
ensure_postgres
# <service>_test for each module's own tests, <service>_e2e for the packaged services the e2e module starts.
ensure_databases tocsin_platform_test tocsin_report_test tocsin_alert_test tocsin_gateway_test \
  tocsin_report_e2e tocsin_alert_e2e tocsin_gateway_e2e
ensure_rabbitmq
reset_vhost tocsin-test
reset_vhost tocsin-e2e
start_keycloak
# Compile while Keycloak boots; the tests need it, the compiler does not.
log "compiling while Keycloak starts"
./mvnw -B -q test-compile -DskipTests
wait_keycloak

log "running ./mvnw -B verify"
./mvnw -B verify "$@"
check_api_documents
log "test suite finished in $((SECONDS - started))s"
