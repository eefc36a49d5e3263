#!/usr/bin/env bash
# Brings the whole Tocsin platform up on this machine: PostgreSQL, RabbitMQ, Keycloak with the dev
# realm, then the three services, each waited for until ready. Safe to run again.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
started=$SECONDS

SERVICES=("report-service:8081" "alert-service:8082" "operator-gateway:8083")

ensure_jdk
ensure_postgres
ensure_databases tocsin_report tocsin_alert tocsin_gateway
ensure_rabbitmq
ensure_vhosts tocsin
start_keycloak
log "building the services while Keycloak starts"
./mvnw -B -q package -DskipTests
wait_keycloak

service_ready() { curl -fs -o /dev/null "http://localhost:$1/q/health/ready"; }
for entry in "${SERVICES[@]}"; do
  name=${entry%%:*} port=${entry##*:}
  if service_ready "$port"; then
    log "$name: already running on port $port"
    continue
  fi
  port_open "$port" && die "port $port is taken by something that is not a ready $name"
  log "$name: starting on port $port"
  # Hang-ups ignored, as nohup would: the service outlives the terminal that started it.
  (trap '' HUP; service_jvm -jar "$name/target/quarkus-app/quarkus-run.jar") >"$RUN_DIR/$name.log" 2>&1 &
  echo $! > "$RUN_DIR/$name.pid"
done
for entry in "${SERVICES[@]}"; do
  name=${entry%%:*} port=${entry##*:}
  wait_for 120 "$name (see $RUN_DIR/$name.log)" service_ready "$port"
  log "$name: ready"
done

cat <<MSG

Tocsin is up ($((SECONDS - started))s).

  report-service     http://localhost:8081   (Swagger UI: /q/swagger-ui, health: /q/health)
  alert-service      http://localhost:8082   (Swagger UI: /q/swagger-ui; console: /console, log in as alice or bob;
                                             public warnings: /alerts)
  operator-gateway   http://localhost:8083   (Swagger UI: /q/swagger-ui; staff page: /operators, log in as alice;
                                             operators: docs/operator-guide.md)
  Keycloak           http://localhost:8180   (admin console: admin / admin; realm: tocsin)
  RabbitMQ           http://localhost:15672  (management UI, user tocsin / tocsin, vhost tocsin)

Dev accounts (realm tocsin):
  alice / alice      analyst
  bob / bob          analyst, publisher
  carol / carol      no role
  operator-proximus, operator-orange, operator-telenet: client credentials, secret <client-id>-secret

A user token:      curl -s -d grant_type=password -d client_id=tocsin-cli -d username=alice -d password=alice \\
                     $REALM_URL/protocol/openid-connect/token
An operator token: curl -s -d grant_type=client_credentials -d client_id=operator-proximus \\
                     -d client_secret=operator-proximus-secret $REALM_URL/protocol/openid-connect/token

Logs and PID files: deploy/local/.run/    Stop: deploy/local/down.sh
MSG
