# Shared by up.sh, test.sh and down.sh: find, install or start what Tocsin needs on this machine.
# Everything here is idempotent: what already runs is reused, what is installed is started,
# what is missing is installed with apt (which needs root).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
RUN_DIR="$ROOT/deploy/local/.run"          # PID files, "we started it" markers and logs (git-ignored)
CACHE_DIR="${TOCSIN_CACHE_DIR:-$HOME/.cache/tocsin}"   # the Keycloak download, kept outside git
KEYCLOAK_VERSION=26.7.3
KEYCLOAK_PORT=8180
# Each service's JVM, bounded so the process stays within the 512 MiB a pod gets (deploy/k8s): with a
# 256 MiB heap report-service reached 546 MiB resident under load (docs/benchmarks-journal.md). glibc's
# per-thread malloc arenas are capped for the same reason.
SERVICE_JVM_OPTIONS=(-Xmx192m -XX:MaxMetaspaceSize=160m -XX:ReservedCodeCacheSize=64m)
export MALLOC_ARENA_MAX=2
# Where the services share cores, the requests people wait on come first: the event consumers and
# outbox relays run at Java's lowest thread priority (platform EventConsumers, OutboxRelay), which
# these flags map to nice 10 — about a tenth of a request thread's weight when both want a core, no
# less than it when the cores are free — leaving every other thread at nice 0 (without the last six,
# the JVM's own threads would go to nice -4/-5). Lowering a thread's priority needs no privilege; a
# non-root JVM only warns that raising one might fail (docs/benchmarks-journal.md, "Background threads yield").
SERVICE_JVM_OPTIONS+=(-XX:ThreadPriorityPolicy=1 -XX:JavaPriority1_To_OSPriority=10
  -XX:JavaPriority6_To_OSPriority=0 -XX:JavaPriority7_To_OSPriority=0 -XX:JavaPriority8_To_OSPriority=0
  -XX:JavaPriority9_To_OSPriority=0 -XX:JavaPriority10_To_OSPriority=0 -XX:CompilerThreadPriority=0
  -XX:VMThreadPriority=0)
# service_jvm [java arguments...]: becomes a service's JVM, with its bounds and thread priorities (run
# it in the background: $! is then the JVM's pid). TOCSIN_SERVICE_JAVA names another java to compare
# JVMs in the benchmark (Java 25 needs -XX:-UseCodeCacheFlushing: docs/runbook.md, "Java version").
service_jvm() { exec "${TOCSIN_SERVICE_JAVA:-java}" "${SERVICE_JVM_OPTIONS[@]}" "$@"; }
KEYCLOAK_HOME="$CACHE_DIR/keycloak-$KEYCLOAK_VERSION"
REALM_URL="http://localhost:$KEYCLOAK_PORT/realms/tocsin"
DB_USER=tocsin
DB_PASSWORD=tocsin
BROKER_USER=tocsin
BROKER_PASSWORD=tocsin
mkdir -p "$RUN_DIR" "$CACHE_DIR"

log()  { printf '\033[1m==>\033[0m %s\n' "$*"; }
die()  { printf 'error: %s\n' "$*" >&2; exit 1; }
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Polls a command until it succeeds or the deadline passes: wait_for SECONDS WHAT CMD...
wait_for() {
  local seconds=$1 what=$2; shift 2
  local deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    [ "$SECONDS" -lt "$deadline" ] || die "$what did not come up within ${seconds}s"
    sleep 1
  done
}

APT_UPDATED=""
apt_install() {
  if [ "$(id -u)" != 0 ]; then
    die "$* is missing and installing it needs root: run 'sudo apt-get install -y $*' and try again"
  fi
  if [ -z "$APT_UPDATED" ]; then
    log "apt-get update"
    apt-get update -qq
    APT_UPDATED=yes
  fi
  log "installing $* with apt"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

require_command() {  # require_command COMMAND DEBIAN_PACKAGE
  command -v "$1" >/dev/null 2>&1 || apt_install "$2"
}

# The JDK builds the services and runs them and Keycloak (Java 17; the machine's default here).
ensure_jdk() {
  require_command javac openjdk-17-jdk-headless
}

# The API document checkers, from the npm registry, pinned, kept outside git.
NPM_TOOLS="$CACHE_DIR/npm"
ensure_doc_tools() {
  require_command node nodejs
  require_command npm npm
  # @redocly/cli needs Node.js 20.19 or newer (@asyncapi/cli runs on it too): say so plainly.
  [ "$(node -p 'process.versions.node.split(".")[0]')" -ge 20 ] \
    || die "Node.js $(node --version) is too old for the API document checkers: install Node.js 20 or newer"
  if [ ! -x "$NPM_TOOLS/node_modules/.bin/asyncapi" ] || [ ! -x "$NPM_TOOLS/node_modules/.bin/redocly" ]; then
    log "installing @asyncapi/cli and @redocly/cli with npm (once)"
    npm install --no-audit --no-fund --loglevel=error --prefix "$NPM_TOOLS" @asyncapi/cli@6.2.0 @redocly/cli@2.77.0 >/dev/null
  fi
  export PATH="$NPM_TOOLS/node_modules/.bin:$PATH" SUPPRESS_NO_CONFIG_WARNING=1
  asyncapi config analytics --disable >/dev/null 2>&1 || true
}

# Validates docs/events/asyncapi.yaml and lints the OpenAPI documents the build wrote to docs/api/.
check_api_documents() {
  local output document
  log "validating the AsyncAPI document (docs/events/asyncapi.yaml)"
  output=$(asyncapi validate "$ROOT/docs/events/asyncapi.yaml" 2>&1) \
    || die "docs/events/asyncapi.yaml is not valid AsyncAPI: $output"
  grep -E 'valid|problem' <<<"$output" || true
  for document in "$ROOT"/docs/api/*/openapi.yaml; do
    log "linting $(basename "$(dirname "$document")")'s OpenAPI document with redocly"
    output=$(redocly lint "$document" --format=summary 2>&1) || die "$document has errors (redocly lint): $output"
    grep -E '^(error|warning)|Woohoo' <<<"$output" || true
  done
}

# ---------------------------------------------------------------- PostgreSQL
pg_admin() {
  if [ "$(id -u)" = 0 ] && id postgres >/dev/null 2>&1; then
    (cd /tmp && runuser -u postgres -- psql -qtAX -v ON_ERROR_STOP=1 "$@")
  else
    psql -h 127.0.0.1 -U postgres -qtAX -v ON_ERROR_STOP=1 "$@"
  fi
}

ensure_postgres() {
  if command -v pg_isready >/dev/null && pg_isready -q -h 127.0.0.1 -p 5432; then
    log "PostgreSQL: reusing the server on 127.0.0.1:5432"
  else
    command -v pg_ctlcluster >/dev/null 2>&1 || apt_install postgresql
    local version
    version=$(ls /etc/postgresql | sort -V | tail -n 1)
    [ -n "$version" ] || die "PostgreSQL is installed but has no cluster under /etc/postgresql"
    if ! pg_isready -q -h 127.0.0.1 -p 5432; then
      log "PostgreSQL: starting cluster $version/main"
      pg_ctlcluster --skip-systemctl-redirect "$version" main start
      echo "$version" > "$RUN_DIR/started-postgresql"
    fi
    wait_for 60 PostgreSQL pg_isready -q -h 127.0.0.1 -p 5432
  fi
}

# ensure_databases NAME... : the tocsin role and one database per name, owned by it
ensure_databases() {
  {
    echo "DO \$\$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$DB_USER') THEN
            CREATE ROLE $DB_USER LOGIN PASSWORD '$DB_PASSWORD'; END IF; END\$\$;"
    for db in "$@"; do
      echo "SELECT 'CREATE DATABASE $db OWNER $DB_USER' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$db')\\gexec"
    done
  } | pg_admin >/dev/null
}

# ---------------------------------------------------------------- RabbitMQ
# The management UI and API, and the shovel that replays a dead-letter queue (docs/runbook.md).
RABBITMQ_PLUGINS="rabbitmq_management rabbitmq_shovel rabbitmq_shovel_management"

ensure_rabbitmq() {
  if port_open 5672; then
    log "RabbitMQ: reusing the broker on 127.0.0.1:5672"
    rabbitmq-plugins -q enable $RABBITMQ_PLUGINS >/dev/null 2>&1 || true
  else
    command -v rabbitmq-server >/dev/null 2>&1 || apt_install rabbitmq-server
    if ! port_open 5672; then
      log "RabbitMQ: starting the broker"
      rabbitmq-plugins -q enable --offline $RABBITMQ_PLUGINS >/dev/null
      rabbitmq-server -detached
      touch "$RUN_DIR/started-rabbitmq"
    fi
  fi
  # await_startup fails when called before the node answers at all, so loop on it.
  local deadline=$((SECONDS + 120))
  until rabbitmqctl -q await_startup --timeout 60 >/dev/null 2>&1; do
    [ "$SECONDS" -lt "$deadline" ] || die "RabbitMQ did not come up within 120s"
    sleep 1
  done
}

# ensure_vhosts VHOST... : the tocsin broker user with full rights on each virtual host
ensure_vhosts() {
  rabbitmqctl -q list_users | grep -q "^$BROKER_USER\b" \
    || rabbitmqctl -q add_user "$BROKER_USER" "$BROKER_PASSWORD" >/dev/null
  rabbitmqctl -q set_user_tags "$BROKER_USER" management >/dev/null
  for vhost in "$@"; do
    rabbitmqctl -q list_vhosts | grep -qx "$vhost" || rabbitmqctl -q add_vhost "$vhost" >/dev/null
    rabbitmqctl -q set_permissions -p "$vhost" "$BROKER_USER" '.*' '.*' '.*' >/dev/null
  done
}

# reset_vhost VHOST : an empty virtual host, so a test run starts from a clean broker (as Flyway
# cleans the test databases); queue arguments written by an older build cannot get in the way.
reset_vhost() {
  rabbitmqctl -q list_vhosts | grep -qx "$1" && rabbitmqctl -q delete_vhost "$1" >/dev/null
  ensure_vhosts "$1"
}

# ---------------------------------------------------------------- Keycloak
realm_ready() { curl -fs -o /dev/null "$REALM_URL/.well-known/openid-configuration"; }

# Starts Keycloak with the dev realm unless it already answers; does not wait (see wait_keycloak).
start_keycloak() {
  require_command curl curl
  if realm_ready; then
    log "Keycloak: reusing the server on port $KEYCLOAK_PORT (realm tocsin found)"
    return
  fi
  port_open "$KEYCLOAK_PORT" && die "port $KEYCLOAK_PORT is taken by something that does not serve realm tocsin"
  if [ ! -x "$KEYCLOAK_HOME/bin/kc.sh" ]; then
    local zip="$CACHE_DIR/keycloak-quarkus-dist-$KEYCLOAK_VERSION.zip"
    if [ ! -s "$zip" ]; then
      log "Keycloak: fetching $KEYCLOAK_VERSION from Maven Central (~170 MB, once)"
      "$ROOT/mvnw" -q -B -N org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
        -Dartifact="org.keycloak:keycloak-quarkus-dist:$KEYCLOAK_VERSION:zip" -DoutputDirectory="$CACHE_DIR"
    fi
    require_command unzip unzip
    rm -rf "$KEYCLOAK_HOME.partial"
    mkdir -p "$KEYCLOAK_HOME.partial"
    unzip -q "$zip" -d "$KEYCLOAK_HOME.partial"
    mv "$KEYCLOAK_HOME.partial/keycloak-$KEYCLOAK_VERSION" "$KEYCLOAK_HOME"
    rm -rf "$KEYCLOAK_HOME.partial"
  fi
  # Keycloak skips the import when the realm already exists: start from an empty store every
  # time, so the realm is always exactly what deploy/keycloak/tocsin-realm.json says.
  rm -rf "$KEYCLOAK_HOME/data/h2" "$KEYCLOAK_HOME/data/import"
  mkdir -p "$KEYCLOAK_HOME/data/import"
  cp "$ROOT/deploy/keycloak/tocsin-realm.json" "$KEYCLOAK_HOME/data/import/"
  log "Keycloak: starting on port $KEYCLOAK_PORT with the tocsin realm (first start takes ~40 s)"
  # Dev only: an admin/admin account for Keycloak's admin console.
  KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=admin \
  JAVA_OPTS_KC_HEAP="-Xms64m -Xmx768m" nohup "$KEYCLOAK_HOME/bin/kc.sh" start-dev \
    --http-port "$KEYCLOAK_PORT" --import-realm >"$RUN_DIR/keycloak.log" 2>&1 &
  echo $! > "$RUN_DIR/keycloak.pid"
}

wait_keycloak() {
  wait_for 240 "Keycloak (see $RUN_DIR/keycloak.log)" realm_ready
  log "Keycloak: realm tocsin ready at $REALM_URL"
}

# ---------------------------------------------------------------- processes we started
stop_pidfile() {  # stop_pidfile FILE NAME
  local file=$1 name=$2 pid
  [ -f "$file" ] || return 0
  pid=$(cat "$file")
  if kill -0 "$pid" 2>/dev/null; then
    log "stopping $name (pid $pid)"
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$file"
}
