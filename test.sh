#!/usr/bin/env bash
# The one gate: set up, start PostgreSQL, lint, format check, type check, the full test suite.
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup.sh
# Every test that touches the database runs on SQLite and on this PostgreSQL server too.
eval "$(scripts/postgres.sh start)"
trap 'scripts/postgres.sh stop' EXIT
# The trained theme tagger is kept here, not in the user's ~/.cache (trained once a checkout).
export CSC_INSPECTIONS_CACHE="${CSC_INSPECTIONS_CACHE:-$PWD/.cache}"
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/mypy
.venv/bin/pytest -n 2 "$@"
