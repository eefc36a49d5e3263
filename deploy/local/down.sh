#!/usr/bin/env bash
# Stops what deploy/local/up.sh or test.sh started on this machine, and nothing else.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

for name in operator-gateway alert-service report-service keycloak; do
  stop_pidfile "$RUN_DIR/$name.pid" "$name"
done
if [ -f "$RUN_DIR/started-rabbitmq" ]; then
  log "stopping RabbitMQ (started by these scripts)"
  rabbitmqctl -q stop >/dev/null 2>&1 || true
  rm -f "$RUN_DIR/started-rabbitmq"
fi
if [ -f "$RUN_DIR/started-postgresql" ]; then
  log "stopping PostgreSQL (started by these scripts)"
  pg_ctlcluster --skip-systemctl-redirect "$(cat "$RUN_DIR/started-postgresql")" main stop || true
  rm -f "$RUN_DIR/started-postgresql"
fi
log "stopped"
