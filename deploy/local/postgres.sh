#!/usr/bin/env bash
# PostgreSQL 15 for Miaopu: use the running server; start the Debian cluster if it is down;
# install it from Debian's packages if absent. Then one role and one database per service
# (and a *_test database each for the tests). Works with trust or scram TCP authentication:
# roles are created as the postgres superuser over the local socket, each with a password.
#   postgres.sh up | status | down     (down stops the server only if up had to start it)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PG_HOST=127.0.0.1
PG_PORT="${MIAOPU_PG_PORT:-5432}"
DB_PASSWORD="${MIAOPU_DB_PASSWORD:-miaopu-dev}"
SERVICES=(registry incubation training metrics)
# chassis: only a test database, for the tests of the shared event mechanics.
TEST_ONLY=(chassis)
STARTED_MARK="$RUN_DIR/postgres.started-by-miaopu"

ready() { pg_isready -q -h "$PG_HOST" -p "$PG_PORT" 2>/dev/null; }

cluster_version() { ls /etc/postgresql 2>/dev/null | sort -n | tail -n1; }

as_superuser() {
  if [ "$(id -u)" = 0 ] && id postgres >/dev/null 2>&1; then
    runuser -u postgres -- psql -p "$PG_PORT" -v ON_ERROR_STOP=1 -qAt "$@"
  else
    psql -h "$PG_HOST" -p "$PG_PORT" -U postgres -v ON_ERROR_STOP=1 -qAt "$@"
  fi
}

install_server() {
  say "PostgreSQL is not installed; installing it from Debian's packages"
  [ "$(id -u)" = 0 ] || fail "installing PostgreSQL needs root (apt-get install postgresql)"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >"$LOG_DIR/postgres-install.log" 2>&1 \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >>"$LOG_DIR/postgres-install.log" 2>&1 \
    || fail "apt-get install postgresql; see $LOG_DIR/postgres-install.log"
}

up() {
  if ! ready; then
    command -v pg_ctlcluster >/dev/null 2>&1 && [ -n "$(cluster_version)" ] || install_server
    local version; version="$(cluster_version)"
    if ! pg_lsclusters -h 2>/dev/null | awk '{print $2}' | grep -qx main; then
      pg_createcluster "$version" main >"$LOG_DIR/postgres-cluster.log" 2>&1 \
        || fail "pg_createcluster $version main; see $LOG_DIR/postgres-cluster.log"
    fi
    say "starting PostgreSQL $version (cluster main)"
    pg_ctlcluster --skip-systemctl-redirect "$version" main start >"$LOG_DIR/postgres-start.log" 2>&1 \
      || fail "pg_ctlcluster $version main start; see $LOG_DIR/postgres-start.log and /var/log/postgresql/"
    touch "$STARTED_MARK"
    wait_until "PostgreSQL on $PG_HOST:$PG_PORT" 60 "/var/log/postgresql/postgresql-$version-main.log" "" ready
  fi
  for service in "${SERVICES[@]}" "${TEST_ONLY[@]}"; do
    as_superuser -d postgres >/dev/null <<SQL || fail "creating role/databases for $service (psql as postgres)"
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$service') THEN
    CREATE ROLE $service LOGIN PASSWORD '$DB_PASSWORD';
  ELSE
    ALTER ROLE $service LOGIN PASSWORD '$DB_PASSWORD';
  END IF;
END \$\$;
SQL
    local databases=("${service}_test")
    [[ " ${TEST_ONLY[*]} " == *" $service "* ]] || databases+=("$service" "${service}_system" "${service}_bench")
    for db in "${databases[@]}"; do
      if [ -z "$(as_superuser -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '$db'")" ]; then
        as_superuser -d postgres -c "CREATE DATABASE $db OWNER $service ENCODING 'UTF8' TEMPLATE template0" >/dev/null \
          || fail "CREATE DATABASE $db"
      fi
    done
  done
  # Prove the services' own TCP login works, whatever the server's auth method.
  for service in "${SERVICES[@]}"; do
    PGPASSWORD="$DB_PASSWORD" psql -h "$PG_HOST" -p "$PG_PORT" -U "$service" -d "$service" -qAtc 'select 1' >/dev/null \
      || fail "login as $service on $PG_HOST:$PG_PORT (check pg_hba.conf)"
  done
  say "PostgreSQL ready on $PG_HOST:$PG_PORT (databases: ${SERVICES[*]}, their *_test, *_system and *_bench)"
}

status() { if ready; then echo "postgres   UP    $PG_HOST:$PG_PORT"; else echo "postgres   DOWN"; return 1; fi; }

down() {
  if [ -f "$STARTED_MARK" ]; then
    pg_ctlcluster --skip-systemctl-redirect "$(cluster_version)" main stop || true
    rm -f "$STARTED_MARK"
    say "PostgreSQL stopped (we had started it)"
  else
    say "PostgreSQL left running (it was running before we came)"
  fi
}

case "${1:-up}" in up|status|down) "${1:-up}" ;; *) echo "usage: $0 up|status|down" >&2; exit 2 ;; esac
