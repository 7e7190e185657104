"""`python -m csc_inspections` runs the command line."""

from .cli import app

app()
