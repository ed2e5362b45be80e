#!/usr/bin/env bash
# Make sure a PostgreSQL server is reachable for the tests and print a SQLAlchemy URL of
# an existing, empty-or-reused test database on the LAST line of stdout (everything else
# goes to stderr). Tests put their tables in private schemas, so the database is shared.
#
# In order:
# 1. A server already answers on 127.0.0.1:$CHITIEU_PG_PORT (default 5432): log in as
#    postgres, as the current user, or as the role chitieu (password chitieu), and create
#    the database $CHITIEU_PG_DB (default chitieu_test) when missing.
# 2. A private cluster this script made earlier (see 4): start it when stopped, use it.
# 3. Root on Debian/Ubuntu: apt-get install postgresql when missing, create and start the
#    cluster (pg_createcluster, pg_ctlcluster --skip-systemctl-redirect), then create
#    the role chitieu (password chitieu, CREATEDB) through the local socket as user
#    postgres, since Debian asks for a password on 127.0.0.1.
# 4. Server binaries present (initdb, pg_ctl): initdb a private cluster with trust auth
#    on 127.0.0.1:$CHITIEU_PG_PRIVATE_PORT (default 55432) in $CHITIEU_PG_DIR (default
#    ~/.cache/chitieu/pg; as root: /var/tmp/chitieu-pg, run by user postgres).
# Idempotent: a second run finds what the first set up. Exits 1 with nothing on stdout
# when no server can be had, so that the PostgreSQL tests are skipped with a reason.
set -uo pipefail

HOST=127.0.0.1
PORT=${CHITIEU_PG_PORT:-5432}
DB=${CHITIEU_PG_DB:-chitieu_test}
PRIVATE_PORT=${CHITIEU_PG_PRIVATE_PORT:-55432}
APP_ROLE=chitieu
APP_PASS=chitieu
if [ "$(id -u)" = 0 ]; then
  PRIVATE_DIR=${CHITIEU_PG_DIR:-/var/tmp/chitieu-pg}
else
  PRIVATE_DIR=${CHITIEU_PG_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/chitieu/pg}
fi

log() { echo "==> $*" >&2; }

# Path of a PostgreSQL program: from PATH, else the newest /usr/lib/postgresql/*/bin.
pg_bin() {
  local name=$1 dir
  if command -v "$name" >/dev/null 2>&1; then command -v "$name"; return 0; fi
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -rV); do
    if [ -x "$dir/$name" ]; then echo "$dir/$name"; return 0; fi
  done
  return 1
}

ready() {  # PORT: is a server accepting connections on $HOST:PORT?
  local isready
  isready=$(pg_bin pg_isready) || return 1
  "$isready" -q -h "$HOST" -p "$1" -t 3 >/dev/null 2>&1
}

wait_ready() {  # PORT
  local i
  for i in $(seq 1 60); do
    ready "$1" && return 0
    sleep 0.5
  done
  return 1
}

psql_as() {  # PORT USER PASSWORD SQL: run SQL in the maintenance database, print rows
  local psql
  psql=$(pg_bin psql) || return 1
  PGPASSWORD="$3" PGCONNECT_TIMEOUT=5 "$psql" -X -q -A -t -h "$HOST" -p "$1" -U "$2" -d postgres \
    -c "$4" 2>/dev/null
}

ensure_db() {  # PORT USER PASSWORD: create $DB when missing (a concurrent creator is fine)
  local sql="SELECT 1 FROM pg_database WHERE datname = '$DB'"
  [ "$(psql_as "$1" "$2" "$3" "$sql")" = 1 ] && return 0
  psql_as "$1" "$2" "$3" "CREATE DATABASE \"$DB\"" >/dev/null
  [ "$(psql_as "$1" "$2" "$3" "$sql")" = 1 ]
}

print_url() {  # PORT USER PASSWORD
  local auth=$2
  [ -n "$3" ] && auth="$2:$3"
  echo "postgresql+psycopg://$auth@$HOST:$1/$DB"
}

use_server() {  # PORT: log in as one of the known users; print the URL on success
  local user pass
  for cred in "postgres:" "$(id -un):" "$APP_ROLE:$APP_PASS"; do
    user=${cred%%:*}
    pass=${cred#*:}
    if [ "$(psql_as "$1" "$user" "$pass" 'SELECT 1')" = 1 ] && ensure_db "$1" "$user" "$pass"; then
      log "PostgreSQL on $HOST:$1 as $user, database $DB"
      print_url "$1" "$user" "$pass"
      return 0
    fi
  done
  return 1
}

as_user() {  # USER CMD...: run CMD as USER (from root)
  local user=$1
  shift
  if command -v runuser >/dev/null 2>&1; then
    runuser -u "$user" -- "$@"
  else
    su -s /bin/sh "$user" -c "$(printf '%q ' "$@")"
  fi
}

# --- 3. root on Debian/Ubuntu ---------------------------------------------------------
debian_cluster() {
  [ "$(id -u)" = 0 ] || return 1
  if ! command -v pg_ctlcluster >/dev/null 2>&1 || ! pg_bin initdb >/dev/null; then
    command -v apt-get >/dev/null 2>&1 || return 1
    log "installing PostgreSQL with apt-get"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2 || true
    apt-get install -y -qq postgresql >&2 || return 1
  fi
  command -v pg_lsclusters >/dev/null 2>&1 || return 1
  local ver port status
  ver=$(ls /usr/lib/postgresql 2>/dev/null | sort -V | tail -n 1)
  [ -n "$ver" ] || return 1
  if ! pg_lsclusters -h | awk -v v="$ver" '$1 == v && $2 == "main" {found = 1} END {exit !found}'; then
    log "creating PostgreSQL $ver cluster main"
    pg_createcluster "$ver" main >&2 || return 1
  fi
  port=$(pg_lsclusters -h | awk -v v="$ver" '$1 == v && $2 == "main" {print $3}')
  status=$(pg_lsclusters -h | awk -v v="$ver" '$1 == v && $2 == "main" {print $4}')
  if [ "$status" != online ]; then
    log "starting PostgreSQL $ver cluster main on port $port"
    pg_ctlcluster --skip-systemctl-redirect "$ver" main start >&2 || return 1
  fi
  wait_ready "$port" || return 1
  use_server "$port" && return 0
  # Debian asks for a password over TCP: make a role with one, through the local socket.
  log "creating role $APP_ROLE for the tests"
  as_user postgres "$(pg_bin psql)" -X -q -p "$port" -d postgres -c \
    "DO \$\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$APP_ROLE') THEN
       CREATE ROLE $APP_ROLE LOGIN CREATEDB PASSWORD '$APP_PASS'; END IF; END \$\$;" >&2 || return 1
  use_server "$port"
}

# --- 2 and 4. a private cluster --------------------------------------------------------
private_cluster() {
  local initdb pg_ctl owner=""
  initdb=$(pg_bin initdb) && pg_ctl=$(pg_bin pg_ctl) || return 1
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || return 1  # initdb refuses to run as root
    owner=postgres
  fi
  run() { if [ -n "$owner" ]; then as_user "$owner" "$@"; else "$@"; fi; }
  if [ ! -f "$PRIVATE_DIR/PG_VERSION" ]; then
    log "creating a private PostgreSQL cluster in $PRIVATE_DIR"
    mkdir -p "$PRIVATE_DIR" || return 1
    [ -n "$owner" ] && chown "$owner" "$PRIVATE_DIR"
    chmod 700 "$PRIVATE_DIR"
    run "$initdb" -D "$PRIVATE_DIR" -U postgres -A trust -E UTF8 --no-locale >&2 || return 1
  fi
  if ! ready "$PRIVATE_PORT"; then
    log "starting the private PostgreSQL cluster on $HOST:$PRIVATE_PORT"
    run "$pg_ctl" -D "$PRIVATE_DIR" -l "$PRIVATE_DIR/server.log" -w -t 60 \
      -o "-p $PRIVATE_PORT -c listen_addresses=$HOST -k ${TMPDIR:-/tmp}" start >&2 || return 1
  fi
  wait_ready "$PRIVATE_PORT" && use_server "$PRIVATE_PORT"
}

# --- main --------------------------------------------------------------------------------
if ready "$PORT" && use_server "$PORT"; then exit 0; fi
if [ -f "$PRIVATE_DIR/PG_VERSION" ] && private_cluster; then exit 0; fi
if debian_cluster; then exit 0; fi
if private_cluster; then exit 0; fi
log "no PostgreSQL server could be reached or started; PostgreSQL tests will be skipped"
exit 1
