#!/usr/bin/env bash
# The main job: set up, build the database from ../shared/corpus (offline), show what it holds.
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup.sh
export CSC_INSPECTIONS_DB="${CSC_INSPECTIONS_DB:-csc-inspections.db}"
cli=.venv/bin/csc-inspections
corpus="${CSC_SHARED:-../shared}/corpus"
# Exit 1 means some files could not be read (the corpus holds four HTML pages saved as .pdf):
# they are named in the output and the rest is stored, so the job goes on.
"$cli" ingest "$corpus/reports" "$corpus/letters" --workers 2 || [ $? -eq 1 ]
"$cli" summary
"$cli" la Rotherham
"$cli" themes --by era
# Then the web site on the database just built (Ctrl-C stops it).
exec "$cli" serve --corpus "$corpus" --host 127.0.0.1 --port "${PORT:-8000}"
