#!/usr/bin/env bash
# The five Miaopu services as local processes, from their packaged jars (target/quarkus-app).
#   services.sh up | status | down | build
# Builds first when a jar is missing or older than the sources. Ports: MIAOPU_<NAME>_PORT.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

SERVICES=(registry incubation training metrics gateway)
JVM_OPTS=(${MIAOPU_JVM_OPTS:--XX:+UseSerialGC -Xms32m -Xmx256m -XX:+ExitOnOutOfMemoryError})

module_of() { [ "$1" = gateway ] && echo gateway || echo "$1-service"; }
jar_of() { echo "$MIAOPU_ROOT/$(module_of "$1")/target/quarkus-app/quarkus-run.jar"; }
port_of() {
  local var="MIAOPU_${1^^}_PORT"
  case "$1" in gateway) echo "${!var:-8080}";; registry) echo "${!var:-8081}";; incubation) echo "${!var:-8082}";;
    training) echo "${!var:-8083}";; metrics) echo "${!var:-8084}";; esac
}
# The gateway serves health on its management port only (MIAOPU_GATEWAY_MANAGEMENT_PORT, 9080), never on the API's.
health_port_of() { if [ "$1" = gateway ]; then echo "${MIAOPU_GATEWAY_MANAGEMENT_PORT:-9080}"; else port_of "$1"; fi; }
ready() { curl -fsS --max-time 3 "http://127.0.0.1:$(health_port_of "$1")/q/health/ready" 2>/dev/null | grep -q '"status": *"UP"'; }

needs_build() {
  local s jar
  for s in "${SERVICES[@]}"; do
    jar="$(jar_of "$s")"
    [ -f "$jar" ] || return 0
    [ -n "$(find "$MIAOPU_ROOT/chassis" "$MIAOPU_ROOT/$(module_of "$s")" "$MIAOPU_ROOT/pom.xml" \
        -path '*/target' -prune -o -type f -newer "$jar" -print -quit)" ] && return 0
  done
  # The demo-data loader that ./miaopu up runs after the services (a plain jar, dependencies in target/lib).
  jar="$MIAOPU_ROOT/demo-data/target/miaopu-demo-data.jar"
  [ -f "$jar" ] || return 0
  [ -n "$(find "$MIAOPU_ROOT/demo-data" "$MIAOPU_ROOT/pom.xml" -path '*/target' -prune -o -type f -newer "$jar" -print -quit)" ] \
    && return 0
  return 1
}

build() {
  say "building the services and the demo-data loader (./mvnw install, tests skipped; the test command runs them)"
  (cd "$MIAOPU_ROOT" && maven install -DskipTests -pl chassis,chassis/core,chassis/events,registry-service/contract,incubation-service/contract,training-service/contract,registry-service,incubation-service,training-service,metrics-service,gateway,demo-data) \
    >"$LOG_DIR/build.log" 2>&1 || { tail -n 40 "$LOG_DIR/build.log" >&2; fail "build; see $LOG_DIR/build.log"; }
}

up() {
  if needs_build; then build; fi
  local s
  for s in "${SERVICES[@]}"; do
    if running "$s"; then continue; fi  # already ours: ready, or being waited for below
    if port_open "$(port_of "$s")"; then fail "port $(port_of "$s") for $s is taken by a process we did not start"; fi
    if port_open "$(health_port_of "$s")"; then fail "port $(health_port_of "$s") for $s's health is taken by a process we did not start"; fi
    say "starting $s on 127.0.0.1:$(port_of "$s")"
    start_process "$s" "$LOG_DIR/$s.log" java "${JVM_OPTS[@]}" -jar "$(jar_of "$s")"
  done
  for s in "${SERVICES[@]}"; do
    wait_until "$s on 127.0.0.1:$(health_port_of "$s")/q/health/ready" 90 "$LOG_DIR/$s.log" "$s" ready "$s"
  done
  say "all services ready"
}

status() {
  local s rc=0
  for s in "${SERVICES[@]}"; do
    if running "$s" && ready "$s"; then printf '%-10s UP    http://127.0.0.1:%s  rss=%sMB\n' "$s" "$(port_of "$s")" "$(rss_mb "$s")"
    else printf '%-10s DOWN\n' "$s"; rc=1; fi
  done
  return $rc
}

down() { local s; for s in gateway registry incubation training metrics; do stop_process "$s"; done; }

build_if_needed() { if needs_build; then build; fi; }

case "${1:-up}" in up|status|down) "${1:-up}" ;; build) build_if_needed ;; *) echo "usage: $0 up|status|down|build" >&2; exit 2 ;; esac
