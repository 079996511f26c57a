#!/usr/bin/env bash
# Starts a throw-away PostgreSQL server on loopback for the test suite and prints its URL.
# Installs Debian's server package when it is missing. Usage: eval "$(scripts/test-postgres.sh start)"
set -euo pipefail
PORT="${TEST_POSTGRES_PORT:-55432}"
DATA_DIR="${TEST_POSTGRES_DIR:-/tmp/baocao-test-postgres}"

find_bin() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do
    [ -x "$dir/pg_ctl" ] && { echo "$dir"; return 0; }
  done
  return 1
}

case "${1:-start}" in
  start)
    if ! BIN=$(find_bin); then
      if command -v apt-get >/dev/null 2>&1; then
        (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null) >&2
      fi
      BIN=$(find_bin) || { echo "echo 'PostgreSQL is not available: its test suite will be skipped' >&2"; exit 0; }
    fi
    RUN_AS=()
    if [ "$(id -u)" = "0" ]; then RUN_AS=(runuser -u postgres --); fi
    if [ ! -s "$DATA_DIR/PG_VERSION" ]; then
      rm -rf "$DATA_DIR" && mkdir -p "$DATA_DIR"
      [ "$(id -u)" = "0" ] && chown postgres "$DATA_DIR"
      "${RUN_AS[@]}" "$BIN/initdb" -D "$DATA_DIR" -U postgres --auth=trust -E UTF8 >/dev/null
    fi
    if ! "${RUN_AS[@]}" "$BIN/pg_ctl" -D "$DATA_DIR" status >/dev/null 2>&1; then
      "${RUN_AS[@]}" "$BIN/pg_ctl" -D "$DATA_DIR" -l "$DATA_DIR/server.log" -w \
        -o "-p $PORT -k $DATA_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >&2
    fi
    echo "export TEST_POSTGRES_URL=postgresql://postgres@127.0.0.1:$PORT/postgres"
    ;;
  stop)
    BIN=$(find_bin) || exit 0
    RUN_AS=()
    if [ "$(id -u)" = "0" ]; then RUN_AS=(runuser -u postgres --); fi
    "${RUN_AS[@]}" "$BIN/pg_ctl" -D "$DATA_DIR" -m fast stop >&2 || true
    ;;
esac
