"""Reading Ofsted's report site: search and provider pages to providers and publications.

Pure (HTML text in, values out) so every rule here is tested without a server. The pages are
read with a real HTML parser (selectolax), never with patterns over the markup: the site's
class names (`publication-link`, `nonvisual`, `event__metadata`, `pagination`) are the
contract, as `shared/docs/domain.md` describes it.

A publication's label names it in one of two orders, "Children's services inspection - 19
November 2014, pdf" or "Children's services focused visit, pdf - 01 August 2024"; the title is
what remains without the date and the ", pdf" marker. Files are named from title and date as
the corpus names them (`<urn>_<la name>/<title> - <dd month yyyy>.pdf`, lower case), so a
synced file carries the same label as the corpus copy of the same publication, and the
publication date read from the file name (ILACS reports print none) is the site's.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from urllib.parse import urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ..errors import UsageError
from ..parse.text import MONTH_NAMES, parse_date, squash

OFSTED = "https://reports.ofsted.gov.uk"
# LA children's services providers (level 1 type 3, level 2 type 12), 100 rows a page.
SEARCH_PATH = (
    "/search?q=&location=&lat=&lon=&radius=&level_1_types=3&level_2_types%5B%5D=12&start=0&rows=100"
)

# Label wording -> publication kind, first match wins ("joint area child protection
# inspection" is a JTAI letter, not an inspection report). Report kinds are decided by the
# parser from the text; this says only what the site calls the publication.
KINDS: tuple[tuple[str, str], ...] = (
    ("focused visit", "focused_visit"),
    ("joint area child protection", "jtai"),
    ("joint targeted area", "jtai"),
    ("monitoring visit", "monitoring_visit"),
    ("joint area review", "joint_area_review"),
    ("inspection", "inspection"),
)
OTHER_KIND = "other"
LETTER_KINDS = frozenset({"focused_visit", "jtai", "monitoring_visit", "joint_area_review"})

_TITLE_LIMIT = 150  # characters of a title kept in a file name


@dataclass(frozen=True)
class Provider:
    """A local authority as the search lists it."""

    urn: int
    name: str
    url: str  # its provider page, absolute


@dataclass(frozen=True)
class SearchPage:
    providers: tuple[Provider, ...]
    next_url: str | None


@dataclass(frozen=True)
class Link:
    """One publication as a provider page lists it."""

    url: str  # the file link, absolute, as given (another host)
    label: str  # the `span.nonvisual` text, whitespace collapsed
    title: str
    kind: str
    # The date the label prints (the corpus names files by it), else the page's pubdate.
    published: date | None


def search_url(base_url: str) -> str:
    """The first page of the providers search on the site at `base_url`."""
    parts = urlsplit(base_url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise UsageError(f"--base-url {base_url!r} is not a web address (http:// or https://)")
    return base_url.rstrip("/") + SEARCH_PATH


def read_search(html: str, page_url: str) -> SearchPage:
    """The providers on one search page, in page order, and the next page's URL if any."""
    tree = LexborHTMLParser(html)
    found: dict[int, Provider] = {}
    for a in tree.css("a[href]"):
        href = urljoin(page_url, a.attributes.get("href") or "")
        urn = provider_urn(href)
        name = squash(a.text(deep=True))
        if urn is not None and name and urn not in found:
            found[urn] = Provider(urn, name, href)
    nxt = tree.css_first("ul.pagination li.next a[href]")
    next_href = nxt.attributes.get("href") if nxt is not None else None
    return SearchPage(tuple(found.values()), urljoin(page_url, next_href) if next_href else None)


def provider_urn(url: str) -> int | None:
    """The URN of a `/provider/<category>/<urn>` link, or None for any other link."""
    parts = [p for p in urlsplit(url).path.split("/") if p]
    for n, part in enumerate(parts[:-2]):
        if part == "provider" and parts[n + 2].isdigit():
            return int(parts[n + 2])
    return None


def read_provider(html: str, page_url: str) -> list[Link]:
    """Every publication a provider page lists, in page order, each file link once; links
    without a label or a web address are left out (nothing could name or fetch them)."""
    tree = LexborHTMLParser(html)
    links: list[Link] = []
    seen: set[str] = set()
    for a in tree.css("a.publication-link"):
        href = a.attributes.get("href")
        span = a.css_first("span.nonvisual")
        label = squash(span.text(deep=True) if span is not None else a.text(deep=True))
        url = urljoin(page_url, href or "")
        if not href or not label or urlsplit(url).scheme not in ("http", "https") or url in seen:
            continue
        seen.add(url)
        title, label_date = read_label(label)
        published = label_date or _pubdate(a)
        links.append(Link(url, label, title, kind_of(title), published))
    return links


def read_label(label: str) -> tuple[str, date | None]:
    """Title and date from a label in either order ("<title> - <date>, pdf" or "<title>, pdf -
    <date>"); a label without a date is all title."""
    text = _without_pdf(squash(label))
    head, sep, tail = text.rpartition(" - ")
    day = parse_date(tail) if sep else None
    if day is None:
        return text, None
    return _without_pdf(head), day


def _without_pdf(text: str) -> str:
    """The text without a trailing ", pdf" (the site's file-type marker)."""
    return text[: -len(", pdf")].rstrip(" ,") if text.lower().endswith(", pdf") else text


def kind_of(title: str) -> str:
    """The publication's kind from its title (see `KINDS`)."""
    lower = title.lower()
    return next((kind for words, kind in KINDS if words in lower), OTHER_KIND)


def _pubdate(link: LexborNode) -> date | None:
    """The `div.event__metadata time[pubdate]` of the page section holding this link alone:
    the nearest ancestor with such a date, unless it also holds another publication."""
    node = link.parent
    while node is not None and node.tag not in (None, "body", "html"):
        if len(node.css("a.publication-link")) > 1:
            return None
        time = node.css_first("div.event__metadata time[pubdate]")
        if time is not None:
            stamp = time.attributes.get("datetime") or ""
            return _iso_date(stamp) or parse_date(squash(time.text(deep=True)))
        node = node.parent
    return None


def _iso_date(text: str) -> date | None:
    try:
        return date.fromisoformat(text.strip()[:10])
    except ValueError:
        return None


def folder_name(urn: int, la_name: str) -> str:
    """`<urn>_<la name in lower case>`, as the corpus names an LA's folder."""
    return f"{urn}_{_safe(la_name.lower())}"


def file_name(title: str, day: date | None) -> str:
    """`<title in lower case> - <dd month yyyy>.pdf`, as the corpus names a file."""
    name = _safe(title.lower())[:_TITLE_LIMIT].rstrip() or "publication"
    return f"{name} - {long_date(day)}.pdf" if day else f"{name}.pdf"


def long_date(day: date) -> str:
    """The corpus's way of writing a date in a file name: "04 december 2020"."""
    return f"{day.day:02d} {MONTH_NAMES[day.month - 1]} {day.year}"


def _safe(text: str) -> str:
    """Text that is one file name: no separators, no leading dot, no control characters."""
    cleaned = "".join("-" if c in "/\\" else c for c in text if c.isprintable())
    return squash(cleaned).lstrip(".")
