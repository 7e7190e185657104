"""Fixtures pointing at the real corpus in ../shared (never copied into the project)."""

from __future__ import annotations

import csv
import os
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest

from csc_inspections.model import Document
from csc_inspections.pdf import read_document
from tests.databases import BACKENDS

SHARED = Path(os.environ.get("CSC_SHARED", Path(__file__).resolve().parents[1] / ".." / "shared"))
CORPUS = SHARED / "corpus"


@cache
def corpus_document(kind: str, label: str) -> Document:
    """A corpus PDF read once per test session; `kind` is 'reports' or 'letters'."""
    return read_document(CORPUS / kind / label, label)


@cache
def labels() -> dict[str, dict[str, str]]:
    with (CORPUS / "labels.csv").open(newline="", encoding="utf-8") as fh:
        return {r["file"]: r for r in csv.DictReader(fh)}


@cache
def letter_rows() -> dict[str, dict[str, str]]:
    with (CORPUS / "letters.csv").open(newline="", encoding="utf-8") as fh:
        return {r["file"]: r for r in csv.DictReader(fh)}


@pytest.fixture(scope="session", params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """The database a test runs on: every test that touches one runs on each."""
    name: str = request.param
    return name


@pytest.fixture
def report() -> Callable[[str], Document]:
    return lambda label: corpus_document("reports", label)


@pytest.fixture
def letter() -> Callable[[str], Document]:
    return lambda label: corpus_document("letters", label)
