#!/usr/bin/env bash
# Measures report-service on this machine: a trivial GET ceiling (wrk), then constant-rate report
# acceptance and lookups (benchmarks/), all in one run against a prod-mode instance on port 8091 with
# its own database (tocsin_report_bench, emptied first) and broker virtual host (tocsin-bench).
# Rate limits are lifted by configuration for the run. Figures go to docs/benchmarks.md by hand.
# Usage: deploy/local/bench.sh [seconds per step, default 20]
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
STEP_SECONDS=${1:-20}
PORT=8091
BASE="http://127.0.0.1:$PORT"

require_command wrk wrk
ensure_jdk
ensure_postgres
ensure_databases tocsin_report_bench
ensure_rabbitmq
reset_vhost tocsin-bench
start_keycloak
log "building report-service and the load generator"
./mvnw -B -q package -DskipTests -pl report-service,benchmarks -am
./mvnw -B -q -pl benchmarks dependency:build-classpath -Dmdep.outputFile="$RUN_DIR/bench.classpath"
wait_keycloak

log "starting report-service (prod mode) on port $PORT"
java -Xmx256m \
  -Dquarkus.http.port=$PORT \
  -Dquarkus.datasource.jdbc.url=jdbc:postgresql://127.0.0.1:5432/tocsin_report_bench \
  -Dquarkus.flyway.clean-disabled=false -Dquarkus.flyway.clean-at-start=true \
  -Dtocsin.eventing.broker.virtual-host=tocsin-bench \
  -Dtocsin.rate-limit.enabled=false \
  -Dquarkus.log.level=WARN \
  -jar report-service/target/quarkus-app/quarkus-run.jar >"$RUN_DIR/bench-report-service.log" 2>&1 &
SERVICE_PID=$!
trap 'kill $SERVICE_PID 2>/dev/null || true' EXIT
wait_for 120 "report-service on $PORT" curl -fs -o /dev/null "$BASE/q/health/ready"

log "ceiling: trivial GET with wrk (closed loop, 64 connections, 15 s)"
wrk -t2 -c64 -d15s "$BASE/q/health/live" | tee "$RUN_DIR/bench-wrk.txt" | grep -E "Requests/sec|Latency"

log "constant-rate load: $STEP_SECONDS s per step"
java -cp "benchmarks/target/classes:$(cat "$RUN_DIR/bench.classpath")" be.tocsin.bench.ReportServiceBenchmark \
  "$BASE" "$STEP_SECONDS" | tee "$RUN_DIR/bench-results.md"

rss_kib=$(ps -o rss= -p "$SERVICE_PID" | tr -d ' ')
log "report-service resident memory after the run: $((rss_kib / 1024)) MiB"
reports=$(psql -qtAX "postgresql://$DB_USER:$DB_PASSWORD@127.0.0.1:5432/tocsin_report_bench" -c "SELECT count(*) FROM report")
unsent=$(psql -qtAX "postgresql://$DB_USER:$DB_PASSWORD@127.0.0.1:5432/tocsin_report_bench" -c "SELECT count(*) FROM outbox_event WHERE sent_at IS NULL")
log "reports stored: $reports; report.received events still in the outbox: $unsent"
