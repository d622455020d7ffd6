#!/usr/bin/env bash
# `npm run test:pg`: the integration suite, and every other test file that opens a database through
# tempDb() (tests/integration/db-helper.ts), against PostgreSQL; and the type check against the
# PostgreSQL client. Pure unit tests never touch the database and already run under `npm test`.
# Arguments, if any, pick test files as for `vitest run`. Each test file gets a fresh database on the
# server VENUESCOPE_TEST_PG_URL names (a superuser or a role allowed to CREATE DATABASE, e.g.
# postgresql://me@127.0.0.1:5432/postgres); without it, a throwaway local cluster is started for the
# run (scripts/pg-cluster.sh, needs Debian's postgresql package) and stopped afterwards.
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
if [ "$#" -gt 0 ]; then
  files=("$@")
else
  mapfile -t files < <(grep -rlE --include='*.test.ts' 'db-helper"' tests/integration lib bin scripts | sort)
fi
echo "PostgreSQL run: ${#files[@]} test files"
npx vitest run "${files[@]}"
