"""Settings read from the environment, in one place."""

from __future__ import annotations

DB_ENV = "CSC_INSPECTIONS_DB"
DEFAULT_DB = "csc-inspections.db"
