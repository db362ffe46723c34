#!/bin/sh
# run-pg.sh PROGRAM [ARGS…] — runs a test program on the county server's
# engine: a private PostgreSQL 15 cluster made for this run (initdb into a
# temporary folder, Unix socket only, no TCP port), stopped and removed at
# the end whatever happens. As root, the cluster runs as "postgres" (the
# Debian package's user): PostgreSQL refuses to run as root.
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu

BIN=/usr/lib/postgresql/15/bin
DIR=$(mktemp -d /tmp/wangge-pg-XXXXXX)
AS=
if [ "$(id -u)" -eq 0 ]; then
  chown postgres "$DIR"
  AS="runuser -u postgres --"
fi

stop () {
  $AS "$BIN/pg_ctl" -D "$DIR/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$DIR"
}
trap stop EXIT INT TERM

$AS "$BIN/initdb" -D "$DIR/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >"$DIR/initdb.log" 2>&1 ||
  { cat "$DIR/initdb.log" >&2; exit 1; }
$AS "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w \
  -o "-k $DIR -c listen_addresses= -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
  start >/dev/null || { cat "$DIR/server.log" >&2; exit 1; }

WANGGE_TEST_PG=$DIR
export WANGGE_TEST_PG
status=0
"$@" || status=$?
exit $status
