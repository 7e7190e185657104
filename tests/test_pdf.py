"""The text layer on real corpus PDFs, and each kind of bad input named with a plain reason."""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pytest

from csc_inspections.errors import (
    EmptyPdf,
    EncryptedPdf,
    NotAPdf,
    NoTextLayer,
    UnknownLayout,
    UnreadablePdf,
)
from csc_inspections.parse import parse
from csc_inspections.pdf import read_document
from tests.conftest import CORPUS

ROTHERHAM_2014 = "80543_rotherham/children's services inspection - 19 november 2014.pdf"
DORSET_2025 = "2532283_dorset/children's services inspection - 09 may 2025.pdf"
NOT_FOUND_PAGE = "80543_rotherham/children's services inspection - 10 august 2012.pdf"


def test_html_page_saved_as_pdf_is_not_a_pdf() -> None:
    with pytest.raises(NotAPdf, match=r"10 august 2012\.pdf: not a PDF \(an HTML page\)"):
        read_document(CORPUS / "reports" / NOT_FOUND_PAGE, NOT_FOUND_PAGE)


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.pdf"
    path.write_bytes(b"")
    with pytest.raises(EmptyPdf, match=r"empty.pdf"):
        read_document(path, "x/empty.pdf")


def test_truncated_pdf(tmp_path: Path) -> None:
    path = tmp_path / "truncated.pdf"
    path.write_bytes((CORPUS / "reports" / ROTHERHAM_2014).read_bytes()[:20_000])
    with pytest.raises(UnreadablePdf, match=r"truncated.pdf: damaged or truncated PDF"):
        read_document(path, "x/truncated.pdf")


def test_encrypted_pdf(tmp_path: Path) -> None:
    path = tmp_path / "locked.pdf"
    with pikepdf.open(CORPUS / "reports" / ROTHERHAM_2014) as pdf:
        pdf.save(path, encryption=pikepdf.Encryption(user="secret", owner="owner"))
    with pytest.raises(EncryptedPdf, match=r"locked.pdf: encrypted PDF"):
        read_document(path, "x/locked.pdf")


def test_pdf_without_text_layer(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    blank = pdfium.PdfDocument.new()
    blank.new_page(595, 842)
    blank.save(str(path))
    blank.close()
    with pytest.raises(NoTextLayer, match=r"scan.pdf"):
        read_document(path, "x/scan.pdf")


def test_pdf_that_is_not_an_ofsted_report(tmp_path: Path) -> None:
    """Body pages of a real report, without its title page: text, but no layout we know."""
    path = tmp_path / "pages.pdf"
    with pikepdf.open(CORPUS / "reports" / ROTHERHAM_2014) as src:
        out = pikepdf.Pdf.new()
        out.pages.extend(src.pages[10:13])
        out.save(path)
    doc = read_document(path, "x/pages.pdf")
    with pytest.raises(UnknownLayout, match=r"pages.pdf: not a recognised"):
        parse(doc.pages, doc.label)


def test_text_is_cleaned(report) -> None:  # type: ignore[no-untyped-def]
    doc = report(DORSET_2025)
    text = "\n".join(p.text for p in doc.pages)
    assert "\r" not in text
    assert not any("\ue000" <= ch <= "\uf8ff" for ch in text)
    assert "◼" not in text
    # page 2 of the PDF shows a bulleted "What needs to improve?" list (checked in the PDF)
    assert "• The clarity and detail of the care leaver offer" in doc.pages[1].text


def test_running_header_and_page_number_removed_but_title_kept(report) -> None:  # type: ignore[no-untyped-def]
    doc = report(DORSET_2025)
    assert doc.pages[0].text.startswith("Inspection of Dorset local authority")
    page2 = doc.pages[1].text.split("\n")
    assert page2[0] == "What needs to improve?"
    assert not any(line.startswith("Inspection of Dorset") for line in page2)
    assert doc.pages[1].number == 2
