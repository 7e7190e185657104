"""A user's search query, read once and written for either database's full-text search.

People type words, "phrases", prefix*, AND / OR / NOT and brackets. The query is read into a
small tree with SQLite FTS5's precedence (NOT binds tightest, then AND, written or implied by
two terms side by side, then OR), so both databases answer the same question and a mistake
gets the same plain message whichever one is behind it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..errors import UsageError

_TOKEN = re.compile(r'"[^"]*"\*?|[()]|[^\s()"]+')
_OPERATORS = ("AND", "OR", "NOT")
# Marks no word holds and the syntax does not use (markup, code): a query holding one was not
# written as query syntax, and is better read as plain words, with a note, than as a term.
_PHRASE = re.compile(r'"[^"]*"')
_STRAY = re.compile(r"[<>{}\[\]=;\\|^~`]")


@dataclass(frozen=True)
class Term:
    """A word or a phrase, searched as text; `prefix` also matches longer last words."""

    text: str
    prefix: bool = False


@dataclass(frozen=True)
class All:
    parts: tuple[Node, ...]


@dataclass(frozen=True)
class Any_:
    parts: tuple[Node, ...]


@dataclass(frozen=True)
class Without:
    kept: Node
    dropped: Node


Node = Term | All | Any_ | Without


def parse(query: str) -> Node:
    """The tree of a query; a UsageError saying what to change when it cannot be read."""
    if query.count('"') % 2:
        raise _error(query, "a quotation mark is not closed")
    if stray := _STRAY.search(_PHRASE.sub(" ", query)):  # a phrase in quotes is text
        raise _error(query, f"{stray[0]} is not part of a word or of query syntax")
    tokens = [t for t in (_term_or_symbol(t) for t in _TOKEN.findall(query)) if t is not None]
    if not any(isinstance(t, Term) for t in tokens):
        raise UsageError("empty search query: give a word or a phrase")
    reader = _Reader(query, tokens)
    node = reader.any_()
    if reader.pos < len(tokens):
        raise _error(query, "a closing bracket has no opening one")
    return node


def _term_or_symbol(token: str) -> Term | str | None:
    if token in _OPERATORS or token in "()":
        return token
    prefix = token.endswith("*")
    words = token.rstrip("*").strip('"').replace('"', "").strip()
    return Term(" ".join(words.split()), prefix) if words else None


def _error(query: str, why: str) -> UsageError:
    return UsageError(f"cannot search for {query!r}: {why}")


class _Reader:
    """Recursive descent over the tokens: OR of ANDs of NOTs of terms or bracketed queries."""

    def __init__(self, query: str, tokens: list[Term | str]) -> None:
        self.query, self.tokens, self.pos = query, tokens, 0

    def _peek(self) -> Term | str | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def any_(self) -> Node:
        parts = [self.all_()]
        while self._peek() == "OR":
            self.pos += 1
            parts.append(self.all_())
        return parts[0] if len(parts) == 1 else Any_(tuple(parts))

    def all_(self) -> Node:
        parts = [self.without()]
        while (token := self._peek()) == "AND" or isinstance(token, Term) or token == "(":
            if token == "AND":
                self.pos += 1
            parts.append(self.without())
        return parts[0] if len(parts) == 1 else All(tuple(parts))

    def without(self) -> Node:
        node = self.primary()
        while self._peek() == "NOT":
            self.pos += 1
            node = Without(node, self.primary())
        return node

    def primary(self) -> Node:
        token = self._peek()
        self.pos += 1
        if isinstance(token, Term):
            return token
        if token == "(":
            node = self.any_()
            if self._peek() != ")":
                raise _error(self.query, "a bracket is not closed")
            self.pos += 1
            return node
        if token is None or token == ")":
            before = self.tokens[self.pos - 2] if self.pos >= 2 else None
            what = (
                f"{before} needs a word after it" if before in _OPERATORS else "nothing to search"
            )
            raise _error(self.query, what)
        raise _error(self.query, f"{token} needs a word before it (e.g. care {token} leavers)")


def to_fts5(node: Node) -> str:
    """SQLite FTS5 syntax; every term quoted, so hyphens, apostrophes and FTS5's own
    keywords inside a user's words are searched as text, never read as syntax."""
    if isinstance(node, Term):
        return f'"{node.text}"' + ("*" if node.prefix else "")
    if isinstance(node, Without):
        return f"({to_fts5(node.kept)} NOT {to_fts5(node.dropped)})"
    joiner = " AND " if isinstance(node, All) else " OR "
    return "(" + joiner.join(to_fts5(p) for p in node.parts) + ")"


def to_tsquery(node: Node, params: dict[str, Any], config: str = "english") -> str:
    """A PostgreSQL tsquery expression built from fixed SQL and bound parameters only (added
    to `params`): a phrase is `phraseto_tsquery`, a prefix `word:*` after it."""
    if isinstance(node, Term):
        return term_tsquery(node, params, config)
    if isinstance(node, Without):
        kept = to_tsquery(node.kept, params, config)
        dropped = to_tsquery(node.dropped, params, config)
        return f"({kept} && !!{dropped})"
    joiner = " && " if isinstance(node, All) else " || "
    return "(" + joiner.join(to_tsquery(p, params, config) for p in node.parts) + ")"


def terms(node: Node) -> list[Term]:
    """Every word or phrase of the query, in order: what a relevance score adds up over."""
    if isinstance(node, Term):
        return [node]
    parts = (node.kept, node.dropped) if isinstance(node, Without) else node.parts
    return [t for part in parts for t in terms(part)]


def term_tsquery(term: Term, params: dict[str, Any], config: str = "english") -> str:
    """One word or phrase as a tsquery, its words a bound parameter: only runs of letters and
    digits reach the tsquery parser, so nothing a user types is read as its syntax."""
    words = re.findall(r"[^\W_]+", term.text)
    if not words:
        return "''::tsquery"
    marks = [f"{w}" for w in words]
    if term.prefix:
        marks[-1] = f"{words[-1]}:*"
    name = f"t{len(params)}"
    params[name] = " <-> ".join(marks)
    return f"to_tsquery('{config}', :{name})"


# A plain reading keeps this many words: enough for any sentence someone pastes, few enough
# that a pasted page does not become a query no passage can hold.
PLAIN_WORDS = 12
# A longer query is read as plain words whatever its syntax: hundreds of terms, each scored,
# are a cost nobody's question needs.
LONGEST = 500


def plain(query: str) -> Node | None:
    """Any text read as plain words, every word required and none read as syntax: what a query
    means when it cannot be read as query syntax (a stray quote, `<script>`, `AND OR`). Only
    runs of letters and digits are kept, the first PLAIN_WORDS of them; None when there are none
    (`*`, `""`)."""
    words = re.findall(r"[^\W_]+", query)[:PLAIN_WORDS]
    if not words:
        return None
    parts = tuple(Term(w) for w in words)
    return parts[0] if len(parts) == 1 else All(parts)


def read(query: str) -> tuple[Node | None, bool]:
    """The query's tree and whether it was read as plain words because its syntax failed (the
    tree None when not even a word is left)."""
    if len(query) > LONGEST:
        return plain(query), True
    try:
        return parse(query), False
    except UsageError:
        return plain(query), True
