#!/usr/bin/env bash
# A throwaway PostgreSQL server for tests and benchmarks: no docker, nothing left behind.
#
#   scripts/postgres.sh start [DIR]   installs PostgreSQL from Debian's packages if missing, creates a cluster in DIR
#                                     (a new temporary directory by default), starts it on a free port of 127.0.0.1,
#                                     creates the database "tickwise" owned by a password user "tickwise", and prints
#                                     the connection URL (postgres://tickwise:PASSWORD@127.0.0.1:PORT/tickwise) as the
#                                     only line on standard output. Progress goes to standard error.
#   scripts/postgres.sh stop DIR      stops the server of DIR and deletes DIR.
#
# As root the server runs as the dedicated user "postgres" (PostgreSQL refuses to run as root); otherwise as the
# current user. The cluster trusts local socket connections in DIR only; TCP needs the password (scram-sha-256).
set -euo pipefail

log() { echo "postgres.sh: $*" >&2; }
die() { log "$*"; exit 1; }

find_bin() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -n "$dir" ] && [ -x "$dir/initdb" ]; then echo "$dir"; return; fi
  if command -v initdb >/dev/null 2>&1; then dirname "$(command -v initdb)"; return; fi
}

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

port_is_free() {
  # Bash opens the TCP connection itself: a refusal means nothing listens there.
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

start() {
  local dir="${1:-}"
  local bin
  bin=$(find_bin)
  if [ -z "$bin" ]; then
    [ "$(id -u)" -eq 0 ] || die "PostgreSQL is not installed and installing it needs root (apt-get install postgresql)"
    log "installing PostgreSQL (apt-get install postgresql)..."
    export DEBIAN_FRONTEND=noninteractive
    # Debian's package would otherwise create and start a "main" cluster on port 5432 that nobody here uses.
    mkdir -p /etc/postgresql-common/createcluster.d
    [ -e /etc/postgresql-common/createcluster.d/tickwise.conf ] || echo "create_main_cluster = false" >/etc/postgresql-common/createcluster.d/tickwise.conf
    apt-get update -qq >&2 && apt-get install -y -qq postgresql >&2 || die "installing PostgreSQL failed"
    bin=$(find_bin)
    [ -n "$bin" ] || die "PostgreSQL was installed but initdb was not found under /usr/lib/postgresql"
  fi

  if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then
    useradd --system --home-dir /nonexistent --shell /usr/sbin/nologin postgres
  fi

  if [ -z "$dir" ]; then dir=$(mktemp -d "${TMPDIR:-/tmp}/tickwise-pg.XXXXXX"); else mkdir -p "$dir"; fi
  dir=$(cd "$dir" && pwd)
  [ ! -e "$dir/data" ] || die "$dir already holds a cluster; stop it first (scripts/postgres.sh stop $dir)"
  [ "$(id -u)" -ne 0 ] || chown postgres: "$dir"
  chmod 700 "$dir"

  local password
  password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=' | head -c 20)
  [ -n "$password" ] || die "could not make a password"
  log "initdb in $dir/data ($bin)"
  as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
    --encoding=UTF8 --locale=C --no-sync >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; die "initdb failed"; }

  local port attempt
  for attempt in 1 2 3 4 5 6 7 8 9 10; do
    port=$((20000 + RANDOM % 40000))
    port_is_free "$port" || continue
    # max_wal_size keeps bulk ingest from checkpointing every few seconds; the rest are PostgreSQL's defaults.
    if as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_wal_size=2GB -c max_connections=100" >&2; then
      break
    fi
    port=""
    tail -n 5 "$dir/server.log" >&2 || true
  done
  [ -n "$port" ] || die "the server did not start on any free port; see $dir/server.log"
  echo "$port" >"$dir/port"

  as_owner "$bin/psql" -h "$dir" -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 -q \
    -c "CREATE ROLE tickwise LOGIN PASSWORD '$password'" \
    -c "CREATE DATABASE tickwise OWNER tickwise" >&2 || die "creating the database failed"
  log "started on 127.0.0.1:$port; stop with: scripts/postgres.sh stop $dir"
  echo "postgres://tickwise:$password@127.0.0.1:$port/tickwise"
}

stop() {
  local dir="${1:-}"
  [ -n "$dir" ] || die "usage: scripts/postgres.sh stop DIR"
  [ -d "$dir" ] || { log "$dir does not exist; nothing to stop"; return 0; }
  local bin
  bin=$(find_bin)
  if [ -n "$bin" ] && [ -f "$dir/data/postmaster.pid" ]; then
    as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w -t 60 stop >&2 || log "pg_ctl stop failed; removing anyway"
  fi
  rm -rf "$dir"
}

case "${1:-}" in
  start) shift; start "$@" ;;
  stop) shift; stop "$@" ;;
  *) die "usage: scripts/postgres.sh start [DIR] | stop DIR" ;;
esac
