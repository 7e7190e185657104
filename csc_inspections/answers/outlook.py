"""What comes next for an LA: its last full inspection, when the next is expected, and, for one
judged inadequate, the monitoring visits held since and the re-inspection to come.

The expected date is an estimate, not Ofsted's schedule (which it does not publish): the
framework's cycle after the last overall grade (`data/cycles.csv`, with the documents it rests
on), counted from the end of the last full inspection, or from its publication when the
inspection dates were not read.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..records import LetterRecord, ReportRecord
from ..vocabulary import Cycle, current
from .la import LaView

MONITORING = "monitoring_visit"


@dataclass(frozen=True)
class Outlook:
    last: ReportRecord  # the last full (graded) inspection
    overall: str | None  # its overall grade; None under a framework that gives none
    no_overall: bool  # its framework gives no overall grade (ILACS from April 2026)
    cycle: Cycle | None  # the rule the estimate rests on
    expected: date | None  # about when the next full inspection is due
    overdue: bool  # the expected date has passed and no later inspection is held
    monitoring: list[LetterRecord]  # monitoring visits since the last full inspection


def add_months(day: date, months: int) -> date:
    """`day` moved on by whole months (the 31st becomes the month's last day, as 28 February)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable: every month has a 28th")


def outlook(view: LaView, today: date) -> Outlook | None:
    """The LA's outlook on `today`, or None when no graded inspection of it is held."""
    last = view.current
    if last is None:
        return None
    framework = current().frameworks.get(last.kind)
    no_overall = framework is not None and not framework.has_overall
    overall = last.grades.get("overall")
    cycle = current().cycle(None if no_overall else overall)
    start = last.inspection_end or last.publication_date
    expected = add_months(start, cycle.months) if cycle and start else None
    since = last.publication_date or date.min
    visits = [
        x
        for x in view.letters
        if x.kind == MONITORING and (x.visit_start or x.publication_date or date.min) >= since
    ]
    return Outlook(
        last=last,
        overall=overall,
        no_overall=no_overall,
        cycle=cycle,
        expected=expected,
        overdue=expected is not None and expected < today,
        monitoring=sorted(visits, key=lambda x: x.visit_start or x.publication_date or date.min),
    )
