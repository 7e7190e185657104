"""The command line: thin commands over the library, errors turned into one plain line.

Exit codes: 0 all well, 1 some files failed (or an unexpected error), 2 a usage error (bad
option, unknown LA, missing database, ...), each error said in one line (`--debug`: raised).
Modules: `common` (the app, the global options, the error edge `Cli.main`), `documents`
(ingest, look-ups, search), `database` (schema upgrades), `exports` (CSV/JSON/XLSX), `answers`
(timelines and the national picture), `themes` (what inspections asked to improve, theme by
theme), `serve` (the web site), `sync` (Ofsted's report site).
"""

from . import answers, database, documents, exports, serve, sync, themes
from .common import app

__all__ = ["answers", "app", "database", "documents", "exports", "serve", "sync", "themes"]
