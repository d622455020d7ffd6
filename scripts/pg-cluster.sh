#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for tests: `start DIR` initialises one in DIR, serves it on 127.0.0.1 at a
# free port and prints its URL (also written to DIR/url); `stop DIR` stops it and removes DIR.
# Uses Debian's server binaries (apt-get install postgresql). Durability is switched off (fsync,
# synchronous_commit): the cluster lives for one test run, and the tests do not measure the disk.
set -euo pipefail

cmd="${1:-}"
dir="${2:-}"
if [ -z "$cmd" ] || [ -z "$dir" ]; then
  echo "usage: $0 start|stop DIR" >&2
  exit 2
fi

pgbin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
if [ -z "$pgbin" ]; then
  echo "no PostgreSQL server under /usr/lib/postgresql (apt-get install postgresql)" >&2
  exit 1
fi

# The server refuses to run as root: as root, run it as Debian's postgres user.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$cmd" in
  start)
    mkdir -p "$dir"
    dir="$(cd "$dir" && pwd)"
    [ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
    port="$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
    # C collation: text sorts by code point, as in SQLite, so orderings match on both databases.
    as_owner "$pgbin/initdb" -D "$dir/data" -U venuescope --auth=trust --encoding=UTF8 --no-locale --no-sync >"$dir/initdb.log"
    as_owner "$pgbin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
      -o "-k $dir -h 127.0.0.1 -p $port -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
      start >/dev/null
    url="postgresql://venuescope@127.0.0.1:$port/postgres"
    echo "$url" >"$dir/url"
    echo "$url"
    ;;
  stop)
    if [ -d "$dir/data" ]; then as_owner "$pgbin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true; fi
    rm -rf "$dir"
    ;;
  *)
    echo "usage: $0 start|stop DIR" >&2
    exit 2
    ;;
esac
