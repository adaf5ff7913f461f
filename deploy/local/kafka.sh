#!/usr/bin/env bash
# Kafka 4.1.2 for Miaopu: one KRaft node (broker + controller) on 127.0.0.1, run from the
# org.apache.kafka:kafka_2.13 jars that Maven resolves from deploy/local/kafka/pom.xml.
#   kafka.sh up | status | down
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

KAFKA_PORT="${MIAOPU_KAFKA_PORT:-9092}"
CONTROLLER_PORT="${MIAOPU_KAFKA_CONTROLLER_PORT:-9093}"
KAFKA_HOME="$MIAOPU_STATE/kafka"
LOG="$LOG_DIR/kafka.log"
HERE="$MIAOPU_ROOT/deploy/local/kafka"

classpath() {
  local cp="$KAFKA_HOME/classpath.txt"
  if [ ! -s "$cp" ] || [ "$HERE/pom.xml" -nt "$cp" ]; then
    say "resolving the Kafka broker jars from Maven Central (once)"
    mkdir -p "$KAFKA_HOME"
    (cd "$HERE" && maven dependency:build-classpath -Dmdep.outputFile="$cp") >"$LOG_DIR/kafka-resolve.log" 2>&1 \
      || fail "resolving Kafka jars; see $LOG_DIR/kafka-resolve.log"
  fi
  cat "$cp"
}

write_config() {
  mkdir -p "$KAFKA_HOME/data"
  cat >"$KAFKA_HOME/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
log.dirs=$KAFKA_HOME/data
num.partitions=3
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
# Topics are created with their settings by the services (TopicInitializer), never implicitly.
auto.create.topics.enable=false
log.retention.hours=168
PROPS
}

broker_ready() {
  port_open "$KAFKA_PORT" && grep -q "Kafka Server started" "$LOG" 2>/dev/null
}

up() {
  if running kafka; then
    wait_until "Kafka on 127.0.0.1:$KAFKA_PORT" 90 "$LOG" kafka broker_ready
    say "Kafka already running on 127.0.0.1:$KAFKA_PORT"; return
  fi
  if port_open "$KAFKA_PORT"; then fail "port $KAFKA_PORT is taken by a process we did not start (set MIAOPU_KAFKA_PORT)"; fi
  local cp; cp="$(classpath)"
  write_config
  local java_opts=(-Xms128m -Xmx512m -XX:+UseG1GC -Djava.awt.headless=true
    -Dlog4j2.configurationFile="$HERE/log4j2.properties")
  if [ ! -f "$KAFKA_HOME/data/meta.properties" ]; then
    local cluster_id
    cluster_id="$(java -cp "$cp" "${java_opts[@]}" kafka.tools.StorageTool random-uuid 2>>"$LOG_DIR/kafka-format.log" | tail -n1)"
    java -cp "$cp" "${java_opts[@]}" kafka.tools.StorageTool format -t "$cluster_id" \
      -c "$KAFKA_HOME/server.properties" >"$LOG_DIR/kafka-format.log" 2>&1 \
      || fail "formatting Kafka storage; see $LOG_DIR/kafka-format.log"
  fi
  say "starting Kafka on 127.0.0.1:$KAFKA_PORT"
  start_process kafka "$LOG" java -cp "$cp" "${java_opts[@]}" kafka.Kafka "$KAFKA_HOME/server.properties"
  wait_until "Kafka on 127.0.0.1:$KAFKA_PORT" 90 "$LOG" kafka broker_ready
  say "Kafka ready on 127.0.0.1:$KAFKA_PORT"
}

status() {
  if running kafka && broker_ready; then echo "kafka      UP    127.0.0.1:$KAFKA_PORT  rss=$(rss_mb kafka)MB"
  else echo "kafka      DOWN"; return 1; fi
}

down() { stop_process kafka; }

case "${1:-up}" in up|status|down) "${1:-up}" ;; *) echo "usage: $0 up|status|down" >&2; exit 2 ;; esac
