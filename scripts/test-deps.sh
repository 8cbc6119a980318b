#!/usr/bin/env bash
# Installs and starts what the test suites need when it is absent:
# Chromium (browser tests), poppler-utils (reading PDFs back), versitygw
# (a real S3-compatible server, $VERSITYGW), and a
# PostgreSQL answering on $PGHOST:$PGPORT with trust auth and a database
# "test". Prints the DSN to use on the last line of stdout.
set -euo pipefail

PGHOST=${PGHOST:-127.0.0.1}
PGPORT=${PGPORT:-5432}

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "need root to run: $*" >&2; return 1; fi
}

apt_updated=""
need_pkg() { # need_pkg COMMAND PACKAGE...
  local cmd=$1; shift
  if ! command -v "$cmd" >/dev/null 2>&1; then
    if [ -z "$apt_updated" ]; then as_root apt-get update -qq >&2; apt_updated=1; fi
    echo "installing $*" >&2
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >&2
  fi
}

need_pkg chromium chromium
need_pkg pdftotext poppler-utils
need_pkg pg_isready postgresql postgresql-contrib

# versitygw: a real S3-compatible server for the file-store tests
# (files/s3_test.go, TERBUKA_TEST_VERSITYGW). Built once into a cache
# folder; the path must end in /versitygw (go install names the binary).
VERSITYGW=${VERSITYGW:-${XDG_CACHE_HOME:-$HOME/.cache}/terbuka/bin/versitygw}
if [ ! -x "$VERSITYGW" ]; then
  echo "installing versitygw v1.8.0 into $(dirname "$VERSITYGW") (about 2 minutes)" >&2
  mkdir -p "$(dirname "$VERSITYGW")"
  GOBIN="$(dirname "$VERSITYGW")" "${GO:-go}" install github.com/versity/versitygw/cmd/versitygw@v1.8.0 >&2
fi

pg_up() { pg_isready -q -h "$PGHOST" -p "$PGPORT" 2>/dev/null; }

if ! pg_up; then
  echo "PostgreSQL is not answering on $PGHOST:$PGPORT; starting it" >&2
  if command -v pg_lsclusters >/dev/null && [ -n "$(pg_lsclusters -h 2>/dev/null)" ]; then
    ver=$(pg_lsclusters -h | awk 'NR==1{print $1}')
    name=$(pg_lsclusters -h | awk 'NR==1{print $2}')
    as_root pg_ctlcluster --skip-systemctl-redirect "$ver" "$name" start >&2 || true
  fi
  for _ in $(seq 1 30); do pg_up && break; sleep 1; done
fi

if ! pg_up; then
  # No cluster to start: make a throwaway one owned by the postgres user.
  bindir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  dir=/tmp/terbuka-pg
  as_root rm -rf "$dir"; as_root mkdir -p "$dir"; as_root chown postgres "$dir"
  as_root runuser -u postgres -- "$bindir/initdb" -D "$dir/data" -U postgres --auth=trust --locale=C.UTF-8 >&2
  as_root runuser -u postgres -- "$bindir/pg_ctl" -D "$dir/data" -l "$dir/log" \
    -o "-p $PGPORT -k $dir -c listen_addresses=$PGHOST" -w start >&2
  for _ in $(seq 1 30); do pg_up && break; sleep 1; done
fi

pg_up || { echo "PostgreSQL could not be started on $PGHOST:$PGPORT" >&2; exit 1; }

if ! psql -h "$PGHOST" -p "$PGPORT" -U postgres -d test -Atc 'select 1' >/dev/null 2>&1; then
  psql -h "$PGHOST" -p "$PGPORT" -U postgres -d postgres -c 'CREATE DATABASE test' >&2
fi
echo "postgres://postgres@$PGHOST:$PGPORT/test?sslmode=disable"
