#!/usr/bin/env bash
# Measures Tocsin on this machine, the services in prod mode, each with its own database (emptied
# first) and the broker virtual host tocsin-bench, rate limits lifted by configuration for the run.
#   all      — the one run issue 8 asks for (~45–90 minutes): the ceilings, then the whole platform
#              (report-service 8091, alert-service 8092, operator-gateway 8093): end-to-end
#              ingestion in steps, accepted → linked and confirmed → pullable at 500 reports/s,
#              lookups in steps and peak memory, on an empty store and again with 1,000,000 reports
#              stored in report-service and alert-service; ends with one table of figures, targets
#              and ratios to the ceilings (also in .run/bench-summary.md);
# and narrower runs for working on one part:
#   platform — the same without the PostgreSQL and RabbitMQ ceilings;
#   report   — a trivial GET ceiling (wrk), then constant-rate report acceptance and lookups
#              against report-service on port 8091;
#   grouping — alert-service on port 8092 fed report.received through the broker: reports grouped
#              per second from a backlog, and report.received → report.linked lag at 500/s, first
#              on an empty store, then with 1,000,000 grouped reports seeded by SQL;
#   ceilings — what the box gives without Tocsin: pgbench one-row INSERTs, and RabbitMQ's own
#              PerfTest publishing persistent messages with confirms, flat out and then at the
#              6,000 msg/s the ingestion target's events make (the broker's CPU for them).
# Figures go to docs/benchmarks.md (where the platform stands) and docs/benchmarks-journal.md by hand.
# Usage: deploy/local/bench.sh [all|report|grouping|ceilings] [seconds per step: all 60, report 20]
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
PARTS=${1:-all}
STEP_SECONDS=${2:-}
BENCH_VHOST=tocsin-bench
SEEDED_REPORTS=${TOCSIN_BENCH_SEEDED_REPORTS:-1000000}
PIDS=()
RESTORE_AUTOVACUUM=
trap 'for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; restore_autovacuum' EXIT

# The figures are for a store kept as production keeps it. A PostgreSQL set up for throw-away test
# databases may run with autovacuum off; then the dead rows of the outbox, the campaign counters and
# the link keys pile up and every figure drifts down as the run goes on. On for the run, back after.
autovacuum_for_the_run() {
  if [ "$(pg_admin -c 'SHOW autovacuum')" = off ]; then
    log "PostgreSQL runs with autovacuum off: turning it on for this run (ALTER SYSTEM, reset at exit)"
    pg_admin -c "ALTER SYSTEM SET autovacuum = on" -c "SELECT pg_reload_conf()" >/dev/null
    RESTORE_AUTOVACUUM=yes
  fi
}
restore_autovacuum() {
  if [ -n "$RESTORE_AUTOVACUUM" ]; then
    pg_admin -c "ALTER SYSTEM RESET autovacuum" -c "SELECT pg_reload_conf()" >/dev/null || true
  fi
}

# buffers_note DATABASE: says when PostgreSQL's shared_buffers cannot hold DATABASE's indexes. Then
# every index page grouping reads on the larger store comes from the OS cache through a buffer
# eviction, and the store-size ratio measures that setting as much as the code (runbook, "PostgreSQL
# settings that matter"). The server's settings stay the owner's: a note, not a restart.
buffers_note() {
  local buffers indexes
  read -r buffers indexes < <(db_query "$1" "SELECT pg_size_bytes(current_setting('shared_buffers')),
      coalesce(sum(pg_indexes_size(oid)), 0) FROM pg_class
      WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace" | tr '|' ' ')
  if (( indexes > buffers )); then
    log "note: shared_buffers ($(( buffers >> 20 )) MiB) is smaller than $1's indexes ($(( indexes >> 20 )) MiB):" \
        "the larger store's figures will include reading them through the OS cache (docs/runbook.md)"
  fi
}

# start_service NAME PORT DATABASE [extra -D settings...]: a prod-mode instance on an emptied database.
start_service() {
  local name=$1 port=$2 database=$3; shift 3
  log "starting $name (prod mode) on port $port"
  # TOCSIN_BENCH_JVM_OPTIONS adds JVM flags to every service, e.g. a JFR recording for profiling.
  service_jvm ${TOCSIN_BENCH_JVM_OPTIONS:-} \
    -Dquarkus.http.port="$port" \
    -Dquarkus.datasource.jdbc.url="jdbc:postgresql://127.0.0.1:5432/$database" \
    -Dquarkus.flyway.clean-disabled=false -Dquarkus.flyway.clean-at-start=true \
    -Dtocsin.eventing.broker.virtual-host=$BENCH_VHOST \
    -Dquarkus.log.level=WARN "$@" \
    -jar "$name/target/quarkus-app/quarkus-run.jar" >"$RUN_DIR/bench-$name.log" 2>&1 &
  PIDS+=($!)
  SERVICE_PID=$!
  wait_for 120 "$name on $port" curl -fs -o /dev/null "http://127.0.0.1:$port/q/health/ready"
}

# ceiling NAME VALUE: one figure of the ceilings file the summary reads.
ceiling() { echo "$1=$2" >> "$RUN_DIR/bench-ceilings.properties"; }

resident_mib() { echo $(( $(ps -o rss= -p "$1" | tr -d ' ') / 1024 )); }
bench_java() { java -cp "benchmarks/target/classes:$(cat "$RUN_DIR/bench.classpath")" "$@"; }
db_query() { psql -qtAX "postgresql://$DB_USER:$DB_PASSWORD@127.0.0.1:5432/$1" -c "$2"; }

# seed_store DATABASE SCRIPT: adds $SEEDED_REPORTS reports with a seed script, then writes the bulk
# load out (CHECKPOINT) so the measurement that follows does not pay for the load's own write-back.
seed_store() {
  psql -q "postgresql://$DB_USER:$DB_PASSWORD@127.0.0.1:5432/$1" -v reports="$SEEDED_REPORTS" \
    -f "benchmarks/src/main/resources/$2"
  pg_admin -c "CHECKPOINT"
  buffers_note "$1"
}

bench_report_service() {
  local base=http://127.0.0.1:8091
  start_service report-service 8091 tocsin_report_bench -Dtocsin.rate-limit.enabled=false
  log "ceiling: trivial GET with wrk (closed loop, 64 connections, 15 s)"
  wrk -t2 -c64 -d15s "$base/q/health/live" | tee "$RUN_DIR/bench-wrk.txt" | grep -E "Requests/sec|Latency"
  log "constant-rate load: ${STEP_SECONDS:-20} s per step"
  bench_java -Dbench.pids="report-service=$SERVICE_PID" be.tocsin.bench.ReportServiceBenchmark "$base" \
    "${STEP_SECONDS:-20}" | tee "$RUN_DIR/bench-report-service.md"
  log "report-service resident memory after the run: $(resident_mib "$SERVICE_PID") MiB"
  log "reports stored: $(db_query tocsin_report_bench "SELECT count(*) FROM report");" \
      "report.received events still in the outbox:" \
      "$(db_query tocsin_report_bench "SELECT count(*) FROM outbox_event WHERE sent_at IS NULL")"
  kill "$SERVICE_PID"
}

bench_grouping() {
  local broker="amqp://$BROKER_USER:$BROKER_PASSWORD@127.0.0.1:5672/$BENCH_VHOST"
  start_service alert-service 8092 tocsin_alert_bench
  log "grouping on an (almost) empty store"
  bench_java -Dbench.pids="alert-service=$SERVICE_PID" be.tocsin.bench.GroupingBenchmark "$broker" "empty" 30000 60 60 | tee "$RUN_DIR/bench-grouping.md"
  log "alert-service resident memory: $(resident_mib "$SERVICE_PID") MiB"
  if (( SEEDED_REPORTS > 0 )); then
    log "seeding $SEEDED_REPORTS grouped reports"
    seed_store tocsin_alert_bench seed-alert-store.sql
    log "grouping with $(db_query tocsin_alert_bench "SELECT count(*) FROM campaign_report") reports stored"
    bench_java -Dbench.pids="alert-service=$SERVICE_PID" be.tocsin.bench.GroupingBenchmark "$broker" "$SEEDED_REPORTS seeded" 30000 60 60 \
      | tee -a "$RUN_DIR/bench-grouping.md"
    log "alert-service resident memory: $(resident_mib "$SERVICE_PID") MiB"
  fi
  kill "$SERVICE_PID"
}

bench_ceilings() {
  local url="postgresql://$DB_USER:$DB_PASSWORD@127.0.0.1:5432/tocsin_pgbench"
  log "ceiling: pgbench, one-row INSERT, 8 clients, 15 s"
  psql -q "$url" -c "DROP TABLE IF EXISTS bench_insert; CREATE TABLE bench_insert (id BIGSERIAL PRIMARY KEY, payload TEXT NOT NULL)"
  echo "INSERT INTO bench_insert (payload) VALUES ('one row of a benchmark');" > "$RUN_DIR/pgbench-insert.sql"
  pgbench -n -c 8 -j 2 -T 15 -f "$RUN_DIR/pgbench-insert.sql" "$url" 2>/dev/null | grep -E "^(tps|latency)" \
    | tee "$RUN_DIR/bench-pgbench.txt"
  ceiling insert "$(awk '/^tps/ {print $3; exit}' "$RUN_DIR/bench-pgbench.txt")"
  log "ceiling: RabbitMQ PerfTest, persistent messages with publisher confirms, 15 s"
  ./mvnw -B -q -f benchmarks/perftest/pom.xml dependency:copy-dependencies -DoutputDirectory="$RUN_DIR/perftest"
  java -cp "$RUN_DIR/perftest/*" com.rabbitmq.perf.PerfTest \
    --uri "amqp://$BROKER_USER:$BROKER_PASSWORD@127.0.0.1:5672/$BENCH_VHOST" \
    --producers 2 --consumers 2 --flag persistent --confirm 200 --size 600 --time 15 \
    --quorum-queue --queue perftest 2>&1 \
    | grep -E "rate avg|consumer latency min" | tee "$RUN_DIR/bench-perftest.txt"
  ceiling publish "$(grep -oE 'sending rate avg: [0-9]+' "$RUN_DIR/bench-perftest.txt" | grep -oE '[0-9]+$')"
  # What the ingestion target leaves for the rest: each report is two events (report.received,
  # report.linked), so 3,000 reports/s are 6,000 confirmed persistent messages a second through
  # quorum queues, consumers acknowledging in batches as the services do. The broker's own CPU for
  # that, from /proc, is spent at that rate whatever the services do (contracts.md: one event per
  # message), and is not left for them, PostgreSQL or the load generator.
  local seconds=20 broker ticks cores
  log "floor: RabbitMQ alone carrying the events of 3,000 reports/s (6,000 msg/s, constant rate), $seconds s"
  broker=$(pgrep -o -f beam.smp)
  ticks=$(awk '{print $14 + $15}' "/proc/$broker/stat")
  java -cp "$RUN_DIR/perftest/*" com.rabbitmq.perf.PerfTest \
    --uri "amqp://$BROKER_USER:$BROKER_PASSWORD@127.0.0.1:5672/$BENCH_VHOST" \
    --producers 2 --consumers 2 --rate 3000 --flag persistent --confirm 200 --multi-ack-every 25 \
    --size 600 --time "$seconds" --quorum-queue --queue perftest-floor 2>&1 | grep -E "receiving rate avg"
  ticks=$(( $(awk '{print $14 + $15}' "/proc/$broker/stat") - ticks ))
  cores=$(awk -v ticks="$ticks" -v hz="$(getconf CLK_TCK)" -v seconds="$seconds" 'BEGIN {printf "%.2f", ticks / hz / seconds}')
  log "RabbitMQ used $cores of the box's $(nproc) cores for it"
  ceiling broker-cores-at-target "$cores"
}

bench_platform() {
  local step=${STEP_SECONDS:-60} reports alerts gateway
  start_service report-service 8091 tocsin_report_bench -Dtocsin.rate-limit.enabled=false
  reports=$SERVICE_PID
  start_service alert-service 8092 tocsin_alert_bench
  alerts=$SERVICE_PID
  start_service operator-gateway 8093 tocsin_gateway_bench
  gateway=$SERVICE_PID
  log "ceiling: trivial GET on report-service with wrk (closed loop, 64 connections, 15 s)"
  wrk -t2 -c64 -d15s "http://127.0.0.1:8091/q/health/live" | tee "$RUN_DIR/bench-wrk.txt" | grep -E "Requests/sec|Latency"
  ceiling get "$(awk '/^Requests\/sec/ {print $2}' "$RUN_DIR/bench-wrk.txt")"
  local platform=(-Dbench.amqp="amqp://$BROKER_USER:$BROKER_PASSWORD@127.0.0.1:5672/$BENCH_VHOST"
    -Dbench.realm="$REALM_URL" -Dbench.pids="report-service=$reports,alert-service=$alerts,operator-gateway=$gateway")
  # TOCSIN_BENCH_REPORT_RATES / TOCSIN_BENCH_LOOKUP_RATES (e.g. "500,1000"; empty: none) measure chosen steps only.
  [ -n "${TOCSIN_BENCH_REPORT_RATES+set}" ] && platform+=(-Dbench.report-rates="$TOCSIN_BENCH_REPORT_RATES")
  [ -n "${TOCSIN_BENCH_LOOKUP_RATES+set}" ] && platform+=(-Dbench.lookup-rates="$TOCSIN_BENCH_LOOKUP_RATES")
  log "the platform on an empty store, $step s per step"
  bench_java "${platform[@]}" be.tocsin.bench.PlatformBenchmark "empty store" "$RUN_DIR/bench-empty.properties" \
    "$step" --warm-up --across-services | tee "$RUN_DIR/bench-platform.md"
  if (( SEEDED_REPORTS > 0 )); then
    log "seeding $SEEDED_REPORTS reports into report-service's and alert-service's stores"
    seed_store tocsin_report_bench seed-report-store.sql
    seed_store tocsin_alert_bench seed-alert-store.sql
    log "the platform with $SEEDED_REPORTS more reports stored"
    bench_java "${platform[@]}" be.tocsin.bench.PlatformBenchmark "$SEEDED_REPORTS reports stored" \
      "$RUN_DIR/bench-seeded.properties" "$step" --warm-up | tee -a "$RUN_DIR/bench-platform.md"
  else
    log "TOCSIN_BENCH_SEEDED_REPORTS=0: the empty store only"
    : > "$RUN_DIR/bench-seeded.properties"
  fi
  log "summary (also in $RUN_DIR/bench-summary.md)"
  bench_java be.tocsin.bench.BenchmarkSummary "$RUN_DIR/bench-ceilings.properties" \
    "$RUN_DIR/bench-empty.properties" "$RUN_DIR/bench-seeded.properties" | tee "$RUN_DIR/bench-summary.md"
  kill "$reports" "$alerts" "$gateway"
}

[[ "$PARTS" =~ ^(all|platform|report|grouping|ceilings)$ ]] \
  || die "usage: $0 [all|platform|report|grouping|ceilings] [seconds per step]"
[[ "$PARTS" =~ ^(all|platform|report)$ ]] && require_command wrk wrk
require_command psql postgresql-client
[[ "$PARTS" =~ ^(all|ceilings)$ ]] && require_command pgbench postgresql-client
[[ "$PARTS" =~ ^(all|ceilings)$ ]] && require_command pgrep procps
ensure_jdk
ensure_postgres
autovacuum_for_the_run
ensure_databases tocsin_report_bench tocsin_alert_bench tocsin_gateway_bench tocsin_pgbench
rm -f "$RUN_DIR/bench-ceilings.properties"
ensure_rabbitmq
reset_vhost $BENCH_VHOST
start_keycloak
log "building the services and the load generators"
./mvnw -B -q package -DskipTests -pl report-service,alert-service,operator-gateway,benchmarks -am
./mvnw -B -q -pl benchmarks dependency:build-classpath -Dmdep.outputFile="$RUN_DIR/bench.classpath"
wait_keycloak

case "$PARTS" in
  report)   bench_report_service ;;
  grouping) bench_grouping ;;
  ceilings) bench_ceilings ;;
  platform) bench_platform ;;
  all)      bench_ceilings; bench_platform ;;
esac
