#!/usr/bin/env bash
# Keycloak 26.7.3 for Miaopu: the server distribution org.keycloak:keycloak-quarkus-dist:26.7.3:zip
# from Maven Central (fetched once into the Maven cache), run with start-dev on 127.0.0.1:8180 and
# the realm of deploy/keycloak/miaopu-realm.json imported. Dev only: an H2 database under .local.
# Keycloak never re-imports an existing realm, so when the realm file (or an override variable it
# reads) changes, the dev database is dropped and the realm imported afresh.
#   keycloak.sh up | status | down
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

KC_VERSION=26.7.3
KC_PORT="${MIAOPU_KEYCLOAK_PORT:-8180}"
KC_BASE="$MIAOPU_STATE/keycloak"
KC_HOME="$KC_BASE/keycloak-$KC_VERSION"
REALM_FILE="$MIAOPU_ROOT/deploy/keycloak/miaopu-realm.json"
LOG="$LOG_DIR/keycloak.log"
ISSUER="http://127.0.0.1:$KC_PORT/realms/miaopu"

install_dist() {
  [ -x "$KC_HOME/bin/kc.sh" ] && return
  say "fetching Keycloak $KC_VERSION from Maven Central (once, about 170 MB)"
  mkdir -p "$KC_BASE"
  (cd "$KC_BASE" && maven org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
    -Dartifact="org.keycloak:keycloak-quarkus-dist:$KC_VERSION:zip" -DoutputDirectory="$KC_BASE") \
    >"$LOG_DIR/keycloak-fetch.log" 2>&1 || fail "fetching keycloak-quarkus-dist; see $LOG_DIR/keycloak-fetch.log"
  (cd "$KC_BASE" && unzip -q -o "keycloak-quarkus-dist-$KC_VERSION.zip" && rm -f "keycloak-quarkus-dist-$KC_VERSION.zip") \
    || fail "unpacking Keycloak into $KC_BASE"
  [ -x "$KC_HOME/bin/kc.sh" ] || fail "no $KC_HOME/bin/kc.sh after unpacking"
}

# What the imported realm depends on: the file and the variables it reads.
realm_fingerprint() {
  { cat "$REALM_FILE"; env | { grep -E '^MIAOPU_(PASSWORD_|PROVINCE_PLATFORM_SECRET|EXCHANGE_READER_SECRET|CLERK_PORTAL_)' || true; } | sort; } \
    | sha256sum | cut -d' ' -f1
}

prepare_import() {
  mkdir -p "$KC_HOME/data/import"
  cp "$REALM_FILE" "$KC_HOME/data/import/miaopu-realm.json"
  local now; now="$(realm_fingerprint)"
  if [ "$(cat "$KC_BASE/realm.sha256" 2>/dev/null)" != "$now" ]; then
    if [ -d "$KC_HOME/data/h2" ]; then say "realm file changed: re-importing the miaopu realm (dev database reset)"; fi
    rm -rf "$KC_HOME/data/h2"
    echo "$now" >"$KC_BASE/realm.sha256"
  fi
}

realm_ready() { http_ok "$ISSUER/.well-known/openid-configuration"; }

up() {
  if running keycloak && realm_ready; then
    if [ "$(cat "$KC_BASE/realm.sha256" 2>/dev/null)" = "$(realm_fingerprint)" ]; then
      say "Keycloak already running on 127.0.0.1:$KC_PORT"; return
    fi
    say "realm file changed since Keycloak started: restarting it"
    down
  fi
  if port_open "$KC_PORT"; then fail "port $KC_PORT is taken by a process we did not start (set MIAOPU_KEYCLOAK_PORT)"; fi
  command -v unzip >/dev/null || { apt-get install -y -qq unzip >/dev/null 2>&1 || fail "unzip is missing (apt-get install unzip)"; }
  install_dist
  prepare_import
  say "starting Keycloak $KC_VERSION on 127.0.0.1:$KC_PORT"
  KC_BOOTSTRAP_ADMIN_USERNAME="${MIAOPU_KEYCLOAK_ADMIN:-admin}" \
  KC_BOOTSTRAP_ADMIN_PASSWORD="${MIAOPU_KEYCLOAK_ADMIN_PASSWORD:-admin}" \
  JAVA_OPTS_KC_HEAP="-Xms64m -Xmx512m" \
  start_process keycloak "$LOG" "$KC_HOME/bin/kc.sh" start-dev \
      --http-host=127.0.0.1 --http-port="$KC_PORT" --hostname="http://127.0.0.1:$KC_PORT" \
      --http-management-port="$((KC_PORT + 820))" \
      --import-realm --cache=local
  wait_until "Keycloak on 127.0.0.1:$KC_PORT (realm miaopu)" 180 "$LOG" keycloak realm_ready
  say "Keycloak ready: issuer $ISSUER"
}

status() {
  if running keycloak && realm_ready; then echo "keycloak   UP    $ISSUER  rss=$(rss_mb keycloak)MB"
  else echo "keycloak   DOWN"; return 1; fi
}

down() { stop_process keycloak; }

case "${1:-up}" in up|status|down) "${1:-up}" ;; *) echo "usage: $0 up|status|down" >&2; exit 2 ;; esac
