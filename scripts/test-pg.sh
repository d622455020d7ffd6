#!/usr/bin/env bash
# `npm run test:pg`: the unit and integration suite against PostgreSQL, and the type check against the
# PostgreSQL client. Each test file gets a fresh database on the server VENUESCOPE_TEST_PG_URL names
# (a superuser or a role allowed to CREATE DATABASE, e.g. postgresql://me@127.0.0.1:5432/postgres);
# without it, a throwaway local cluster is started for the run (scripts/pg-cluster.sh, needs Debian's
# postgresql package) and stopped afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${VENUESCOPE_TEST_PG_URL:-}" ]; then
  cluster="$(mktemp -d "${TMPDIR:-/tmp}/venuescope-pg-XXXXXX")"
  trap 'bash scripts/pg-cluster.sh stop "$cluster"' EXIT
  VENUESCOPE_TEST_PG_URL="$(bash scripts/pg-cluster.sh start "$cluster")"
  export VENUESCOPE_TEST_PG_URL
  echo "throwaway PostgreSQL cluster at $VENUESCOPE_TEST_PG_URL"
fi

npm run -s db:generate >/dev/null
npx tsc --noEmit -p tsconfig.postgresql.json
npx vitest run "$@"
