#!/usr/bin/env bash
# Installs Debian's PostgreSQL (when missing), starts a throw-away cluster on 127.0.0.1 and writes its URL to
# .ci/pg.env as TEST_DATABASE_URL, so that the test suite runs against PostgreSQL as well as PGlite.
# Runs as root (CI and the developers' machines); the cluster itself runs as the postgres user.
set -euo pipefail
cd "$(dirname "$0")/.."

PGPORT="${XQ_PGPORT:-55432}"
PGDATA="${XQ_PGDATA:-/tmp/xingquan-ci-pg}"
DB="${XQ_PGDATABASE:-xingquan_test}"

if ! compgen -G '/usr/lib/postgresql/*/bin/pg_ctl' >/dev/null; then
  echo "ci-postgres: installing Debian's postgresql package"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
BIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
echo "ci-postgres: using $("$BIN/postgres" --version)"

as_postgres() { runuser -u postgres -- "$@"; }

if [ -f "$PGDATA/postmaster.pid" ] && as_postgres "$BIN/pg_ctl" -D "$PGDATA" status >/dev/null 2>&1; then
  echo "ci-postgres: reusing the cluster running in $PGDATA"
else
  rm -rf "$PGDATA"
  mkdir -p "$PGDATA"
  chown postgres:postgres "$PGDATA"
  as_postgres "$BIN/initdb" -D "$PGDATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  # fsync off: a test cluster, thrown away after the run.
  as_postgres "$BIN/pg_ctl" -D "$PGDATA" -l "$PGDATA/server.log" -w \
    -o "-p $PGPORT -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c max_connections=200" start >/dev/null
fi

URL="postgres://postgres@127.0.0.1:$PGPORT/$DB"
if ! as_postgres psql -h 127.0.0.1 -p "$PGPORT" -U postgres -tAc "select 1 from pg_database where datname = '$DB'" | grep -q 1; then
  as_postgres psql -h 127.0.0.1 -p "$PGPORT" -U postgres -qc "create database $DB"
fi
mkdir -p .ci
echo "TEST_DATABASE_URL=$URL" > .ci/pg.env
echo "ci-postgres: PostgreSQL ready at $URL (written to .ci/pg.env)"
