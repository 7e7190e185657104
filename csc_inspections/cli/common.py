"""What every command shares: the app, its global options, output formats and the error edge.

The edge is `Cli.main`: commands raise the library's errors (`errors.py`) and never catch them;
`main` says each in one line on stderr and exits with the documented code.
"""

from __future__ import annotations

import copy
import json
import sys
from collections.abc import Iterator, Mapping, Sequence
from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from sqlalchemy import Engine
from typer._click import Command, Context, Parameter  # Typer 0.29 ships its own Click
from typer.core import TyperGroup

from ..analysis.themes import GROUPINGS
from ..errors import CscError
from ..reference import LocalAuthority, lookup
from ..settings import DB_ENV, DEFAULT_DB
from ..store.db import connect
from ..vocabulary import current

GLOBAL_OPTIONS = ("db", "debug")  # the app's own options, accepted after any command too


class Cli(TyperGroup):
    """The app's command group: global options before or after the command, and the one edge
    where every error becomes one plain line and an exit code.

    Each command gets a copy of the app's global options (declared once, on `main` below):
    Click parses options per command, so `la Rotherham --db x.db` needs `--db` on `la`. A copy
    has no default and no environment variable, so only an option typed after the command
    overrides the app's value (itself from the option before the command, the environment or
    the default).
    """

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        shared = [p for p in self.params if p.name in GLOBAL_OPTIONS]
        for command in _commands(self):
            command.params += [_after_command(p) for p in shared]

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        """Run the command; any error it meets is said in one line on stderr (with --debug,
        raised with its traceback), and the process exits with the code the README documents.
        """
        state: dict[str, Any] = extra.setdefault("obj", {})
        try:
            result = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
            code = result if isinstance(result, int) else 0
        except typer.TyperException as exc:  # Click's usage errors: a bad option or value
            code = _usage_error(exc)
        except typer.Abort:
            errors.print("aborted", highlight=False)
            code = 1
        except Exception as exc:
            if state.get("debug"):
                raise
            code = _failure(exc)
        if standalone_mode:
            sys.exit(code)
        return code


def _commands(group: TyperGroup) -> Iterator[Command]:
    """Every command and group below `group`."""
    for command in group.commands.values():
        yield command
        if isinstance(command, TyperGroup):
            yield from _commands(command)


def _after_command(option: Parameter) -> Parameter:
    """A copy of a global option for one command, remembering its value for the whole run."""
    copied = copy.copy(option)
    copied.default = False if option.name == "debug" else None
    copied.envvar = None
    copied.expose_value = False
    copied.callback = _remember
    return copied


def _remember(ctx: Context, param: Parameter, value: Any) -> Any:
    if value is not None and value is not False and param.name is not None:
        ctx.obj[param.name] = value
    return value


def _usage_error(exc: typer.TyperException) -> int:
    """Click's message in one line, with the command whose --help explains it."""
    if type(exc).__name__ == "NoArgsIsHelpError":  # the help is the answer, printed already
        return exc.exit_code
    ctx: Context | None = getattr(exc, "ctx", None)
    hint = f" (see `{ctx.command_path} --help`)" if ctx is not None else ""
    _say(" ".join(exc.format_message().split()) + hint)
    return exc.exit_code


def _failure(exc: Exception) -> int:
    """One line for an error that is not a bad option: the library's own (CscError) as it
    words it, a file the system refused by name, anything else as a bug to report."""
    if isinstance(exc, CscError):
        _say(str(exc))
        return exc.exit_code
    if isinstance(exc, OSError) and exc.filename is not None:
        _say(f"{exc.filename}: {exc.strerror or exc}")
        return 1
    first = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    _say(f"unexpected {type(exc).__name__}: {first} (run again with --debug for the traceback)")
    return 1


def _say(message: str) -> None:
    errors.print(f"[red]error:[/red] {escape(message)}", highlight=False)


app = typer.Typer(
    cls=Cli, no_args_is_help=True, add_completion=False, pretty_exceptions_show_locals=False
)
console = Console()
errors = Console(stderr=True, soft_wrap=True)


class View(StrEnum):
    table = "table"
    json = "json"


class Listing(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


ViewOption = Annotated[View, typer.Option("--format", "-f", help="table, or JSON for programs.")]


def parse_date(text: str) -> date:
    """A day as YYYY-MM-DD; anything else is refused with the form it should take."""
    try:
        return datetime.strptime(text.strip(), "%Y-%m-%d").date()
    except ValueError:
        message = f"{text!r} is not a date: write it as YYYY-MM-DD, e.g. 2024-03-31"
        raise typer.BadParameter(message) from None


def date_option(*names: str, what: str = "A day, YYYY-MM-DD.") -> Any:
    """A date option as every command takes it (`--as-at`, `--since`, ...)."""
    return typer.Option(*names, parser=parse_date, metavar="YYYY-MM-DD", help=what)


DateOption = Annotated[date | None, date_option()]


def _term(what: str, text: str, names: Mapping[str, tuple[str, ...]]) -> str:
    """The key a user meant by a key or any of its labels, in any case; else a usage error
    listing the keys (a mistyped filter would otherwise find nothing, silently)."""
    wanted = " ".join(text.lower().replace("_", " ").split())
    for key, labels in names.items():
        if wanted in {" ".join(n.lower().replace("_", " ").split()) for n in (key, *labels)}:
            return key
    raise typer.BadParameter(f"{text!r} is not {what}: one of {', '.join(names)}")


def parse_area(text: str) -> str:
    """An area by its key (`help_protection`) or its words ("Help and protection")."""
    vocabulary = current()
    names = {
        a: (vocabulary.area(a).label, vocabulary.area(a).short, vocabulary.area(a).terminal)
        for a in vocabulary.history_areas
    }
    return _term("an area", text, names)


def parse_kind(text: str) -> str:
    """A report or letter kind by its key (`focused_visit`) or its label ("Focused visit")."""
    return _term(
        "a report or letter kind", text, {k: (v,) for k, v in current().kind_labels.items()}
    )


def parse_theme(text: str) -> str:
    """A practice theme by its id (`management_oversight`) or its words ("Workforce")."""
    return _term("a theme", text, {t.key: (t.label,) for t in current().themes})


def parse_grouping(text: str) -> str:
    """What the themes table groups inspections by: year, era, grade or region."""
    return _term("a grouping", text, {g: () for g in GROUPINGS})


@app.callback()
def main(
    ctx: typer.Context,
    db: Annotated[
        str,
        typer.Option(
            "--db",
            envvar=DB_ENV,
            help="SQLite file or database URL (postgresql://...); before or after the command.",
        ),
    ] = DEFAULT_DB,
    debug: Annotated[
        bool, typer.Option("--debug", help="On an error, raise it with its traceback.")
    ] = False,
) -> None:
    """Ofsted inspections of local authority children's services, as data.

    Exit codes: 0 all well, 1 some files failed (or an unexpected error), 2 a usage error.
    """
    ctx.ensure_object(dict).update(db=db, debug=debug)


def engine(ctx: typer.Context, create: bool = False) -> Engine:
    """The --db database; only commands that store documents (`create`) may make it."""
    db: str = ctx.obj["db"]
    opened = connect(db, create=create)
    ctx.call_on_close(opened.dispose)  # a server's connections closed as the command ends
    return opened


def local_authority(name_or_code: str) -> LocalAuthority:
    """The LA a user typed; none is a usage error suggesting the closest names."""
    return lookup(name_or_code)


def print_json(value: object) -> None:
    sys.stdout.write(json.dumps(value, indent=2, ensure_ascii=False, default=str) + "\n")


def progress_bar() -> Progress:
    """The bar of a long command (`ingest`, `sync`), on stderr. A bar nobody sees is not kept
    up to date at all; one that is needs no more than four redraws a second (Rich's default
    is ten) for a run of seconds to minutes."""
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=errors,
        transient=True,
        disable=not errors.is_terminal,
        refresh_per_second=4,
    )
