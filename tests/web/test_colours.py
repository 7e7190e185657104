"""The grade colours in the stylesheet: neighbouring grades differ in lightness, not only in hue,
and a tag's text is readable on its colour (WCAG 2.2 contrast ratio)."""

from __future__ import annotations

import re
from itertools import pairwise
from pathlib import Path

import pytest

import csc_inspections.web

CSS = (Path(csc_inspections.web.__file__).parent / "static" / "style.css").read_text(
    encoding="utf-8"
)
SCALES = (
    ("outstanding", "good", "ri", "inadequate"),
    ("outstanding", "good", "adequate", "inadequate"),
)


def colour(name: str) -> str:
    found = re.search(rf"--{name}:\s*(#[0-9a-f]{{6}})", CSS)
    assert found, name
    return found[1]


def luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("scale", SCALES)
def test_neighbouring_grades_differ_by_at_least_two_to_one(scale: tuple[str, ...]) -> None:
    for better, worse in pairwise(scale):
        assert contrast(colour(better), colour(worse)) >= 2.0, (better, worse)


@pytest.mark.parametrize("grade", ["outstanding", "good", "ri", "inadequate", "adequate", "none"])
def test_tag_text_is_readable_on_its_grade(grade: str) -> None:
    rule = re.search(rf"\.tag-{grade} {{ color: ([^;]+); background: var\(--{grade}\); }}", CSS)
    assert rule, grade
    text = {"#fff": "#ffffff", "var(--text)": colour("text")}.get(rule[1], rule[1])
    assert contrast(text, colour(grade)) >= 4.5, grade
