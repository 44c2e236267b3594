#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL 15 cluster beside it:
#
#   scripts/with-postgres.sh ctest --preset dev
#
# Creates a cluster in a temp dir, starts it on a free port of 127.0.0.1, exports
# SHEQU_TEST_POSTGRES_URL=postgresql://shequ@127.0.0.1:PORT/postgres (user shequ, trust auth),
# runs the command, then stops the server and removes the dir whatever happened (failure, Ctrl-C,
# TERM), and exits with the command's status. initdb refuses root, so as root (CI) the server runs
# as the `postgres` user; as anyone else it runs as that user.
set -euo pipefail

if (($# == 0)); then
  echo "usage: $0 CMD [ARGS...]" >&2
  exit 2
fi

PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
if [[ ! -x $PGBIN/initdb ]]; then
  echo "with-postgres: no PostgreSQL 15 in $PGBIN (scripts/install.sh installs it)" >&2
  exit 2
fi

if ((EUID == 0)); then
  if ! id postgres >/dev/null 2>&1; then
    echo "with-postgres: running as root needs a 'postgres' user to run the server as" >&2
    exit 2
  fi
  # /tmp, not $TMPDIR: root's TMPDIR may be where the postgres user cannot go.
  dir=$(mktemp -d /tmp/shequ-pg.XXXXXX)
  chown postgres: "$dir"
  # From inside $dir: the server binaries fail when they cannot read the current directory.
  as_server_user() { (cd "$dir" && runuser -u postgres -- "$@"); }
else
  dir=$(mktemp -d "${TMPDIR:-/tmp}/shequ-pg.XXXXXX")
  as_server_user() { (cd "$dir" && "$@"); }
fi
port=""

stop() {
  local status=$?
  trap - EXIT INT TERM
  if [[ -f $dir/data/postmaster.pid ]]; then
    as_server_user "$PGBIN/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 ||
      as_server_user "$PGBIN/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    echo "with-postgres: stopped PostgreSQL on 127.0.0.1:$port, removed $dir" >&2
  fi
  rm -rf "$dir"
  exit "$status"
}
trap stop EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Ports something listens on now, from the kernel's TCP tables (hex in the local address column).
listening_ports() {
  local _ local_address state
  cat /proc/net/tcp /proc/net/tcp6 2>/dev/null |
    while read -r _ local_address _ state _; do
      [[ $state == 0A ]] && echo $((16#${local_address##*:}))
    done
  return 0
}

pick_port() {
  local used candidate
  used=" $(listening_ports | tr '\n' ' ') "
  for _ in {1..100}; do
    candidate=$(shuf -i 20000-60999 -n 1)
    if [[ $used != *" $candidate "* ]]; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}

if ! as_server_user "$PGBIN/initdb" -D "$dir/data" -U shequ --auth=trust -E UTF8 \
  --locale=C.UTF-8 --no-sync --no-instructions >"$dir/initdb.log" 2>&1; then
  cat "$dir/initdb.log" >&2
  echo "with-postgres: initdb failed" >&2
  exit 1
fi

# Another process can take the port between the check and the bind, so a failed start is retried
# on another port. fsync and friends are off: the cluster is thrown away.
started=false
for _ in 1 2 3 4 5; do
  port=$(pick_port)
  if as_server_user "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-k $dir -p $port -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >/dev/null; then
    started=true
    break
  fi
done
if ! $started; then
  tail -n 20 "$dir/server.log" >&2 || true
  echo "with-postgres: PostgreSQL did not start" >&2
  exit 1
fi

export SHEQU_TEST_POSTGRES_URL="postgresql://shequ@127.0.0.1:$port/postgres"
echo "with-postgres: started PostgreSQL 15 on 127.0.0.1:$port in $dir" \
  "(SHEQU_TEST_POSTGRES_URL=$SHEQU_TEST_POSTGRES_URL)" >&2

# In the background and waited for, because bash runs a trap only after a foreground command
# ends: a TERM sent to this script alone is passed on at once. `<&0` keeps stdin, which a
# background command would otherwise lose to /dev/null.
"$@" <&0 &
child=$!
trap 'kill -INT "$child" 2>/dev/null || true' INT
trap 'kill -TERM "$child" 2>/dev/null || true' TERM
while :; do
  status=0
  wait "$child" || status=$?
  kill -0 "$child" 2>/dev/null || break  # a signal interrupted the wait: wait again
done
exit "$status"
