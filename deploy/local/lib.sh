# Shared helpers of the deploy/local scripts (sourced, not run).
# Everything we start keeps its state, data, pid file and log under $MIAOPU_STATE (git-ignored),
# so stopping everything and deleting that folder leaves the machine clean.
set -euo pipefail

MIAOPU_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
MIAOPU_STATE="${MIAOPU_STATE_DIR:-$MIAOPU_ROOT/.local}"
LOG_DIR="$MIAOPU_STATE/log"
RUN_DIR="$MIAOPU_STATE/run"
mkdir -p "$LOG_DIR" "$RUN_DIR"

say() { printf 'miaopu: %s\n' "$*" >&2; }
fail() { printf 'miaopu: FAILED: %s\n' "$*" >&2; exit 1; }

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

http_ok() { curl -fsS -o /dev/null --max-time 3 "$1" 2>/dev/null; }

pid_of() { local f="$RUN_DIR/$1.pid"; [ -f "$f" ] && cat "$f" || true; }

running() {
  local pid; pid="$(pid_of "$1")"
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null
}

# wait_until DESCRIPTION TIMEOUT_SECONDS LOGFILE NAME COMMAND...: polls COMMAND until it succeeds;
# fails naming the log if the time runs out or the process NAME (if given) dies first.
wait_until() {
  local what="$1" timeout="$2" log="$3" name="$4"; shift 4
  local deadline=$((SECONDS + timeout))
  until "$@"; do
    if [ -n "$name" ] && ! running "$name"; then
      tail -n 30 "$log" >&2 2>/dev/null || true
      fail "$what: the process exited; see $log"
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      tail -n 30 "$log" >&2 2>/dev/null || true
      fail "$what: not ready after ${timeout}s; see $log"
    fi
    sleep 0.5
  done
}

# start_process NAME LOGFILE COMMAND...: starts COMMAND detached in its own session, records its pid.
start_process() {
  local name="$1" log="$2"; shift 2
  : >"$log"
  # A long-lived server keeps no descriptor of its caller beyond stdio (a lock taken around `./miaopu up`,
  # say, would otherwise be held for as long as the server runs).
  (
    for fd in /proc/$BASHPID/fd/*; do fd="${fd##*/}"; [ "$fd" -gt 2 ] && eval "exec $fd>&-" 2>/dev/null; done
    exec setsid nohup "$@" >>"$log" 2>&1 </dev/null
  ) &
  echo $! >"$RUN_DIR/$name.pid"
}

# stop_process NAME: stops the process (and its process group) recorded for NAME, if running.
stop_process() {
  local name="$1" pid
  pid="$(pid_of "$name")"
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    if kill -0 "$pid" 2>/dev/null; then
      say "$name did not stop within 30s; killing it"
      kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
    fi
    say "$name stopped"
  fi
  rm -f "$RUN_DIR/$name.pid"
}

# rss_mb NAME: resident memory of the recorded process, in MB.
rss_mb() {
  local pid; pid="$(pid_of "$1")"
  [ -n "$pid" ] && ps -o rss= -g "$pid" 2>/dev/null | awk '{s+=$1} END {printf "%d", s/1024}' || echo "-"
}

# maven: the project's pinned Maven.
maven() { "$MIAOPU_ROOT/mvnw" -B -q "$@"; }
