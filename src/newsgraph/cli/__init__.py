"""The `newsgraph` command: thin shells over library functions.

Exit codes: 0 all went well, 1 some input was rejected, 2 usage error.
Commands live in one module per area and register themselves on `main`.
"""

from __future__ import annotations

import os
import re
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from newsgraph.errors import NewsgraphError, StoreError, UsageError

if TYPE_CHECKING:
    from newsgraph.store import EventFilter, Store

F = TypeVar("F", bound=Callable[..., Any])
# A count option (--limit, --batch-size): at least 1, at most what SQLite and Python take.
COUNT = click.IntRange(min=1, max=2**63 - 1)


def db_option(func: F) -> F:
    """The shared --db option (env NEWSGRAPH_DB, default ./newsgraph.db)."""
    return click.option(
        "--db",
        "db",
        envvar="NEWSGRAPH_DB",
        default="newsgraph.db",
        show_default=True,
        type=click.Path(dir_okay=False),
        help="SQLite database file (or set NEWSGRAPH_DB).",
    )(func)


def actors_option(func: F) -> F:
    """The shared --actors option: the user's actor files (repeatable; env NEWSGRAPH_ACTORS,
    several separated by os.pathsep). A bad file is a usage error naming file and line."""
    return click.option(
        "--actors",
        "actors",
        multiple=True,
        envvar="NEWSGRAPH_ACTORS",
        type=click.Path(dir_okay=False),
        help="TSV of your own people, roles, organisations or aliases (repeatable; or set "
        "NEWSGRAPH_ACTORS, paths separated by ':'). See docs/actors.example.tsv.",
    )(func)


def event_filter_options(func: F) -> F:
    """The event filters shared by `events` and `export`: they all go to `store.EventFilter`."""
    from newsgraph.records import MODALITIES

    options = [
        click.option(
            "--actor", help="Actor code (PRKGOV), country (PRK) or actor id, as actor or recipient."
        ),
        click.option("--source", help="Party (as --actor) among the event's actors."),
        click.option("--target", help="Party (as --actor) among the event's recipients."),
        click.option("--dyad", help="A,B: A acts on B or B on A (see --directed)."),
        click.option("--directed", is_flag=True, help="With --dyad A,B: only A acting on B."),
        click.option("--outlet", help="Only events from articles of this outlet (any case)."),
        click.option("--type", "plover_type", help="PLOVER event type, e.g. ASSAULT."),
        click.option("--article", "article_id", help="Only events from this article id."),
        click.option("--modality", type=click.Choice(MODALITIES), help="Only this modality."),
        click.option("--since", help="Events dated on or after YYYY-MM-DD (or YYYY-MM, YYYY)."),
        click.option("--until", help="Events dated on or before YYYY-MM-DD (or YYYY-MM, YYYY)."),
        click.option(
            "--background/--no-background", default=None, help="Only background / only news."
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def event_filter(filters: dict[str, Any], **extra: Any) -> EventFilter:
    """The `EventFilter` of the `event_filter_options` values (`--dyad A,B` split in two)."""
    from newsgraph.queries import parse_dyad
    from newsgraph.store import EventFilter

    dyad = filters.get("dyad")
    if filters.get("directed") and dyad is None:
        raise UsageError("--directed needs --dyad A,B")
    return EventFilter(**{**filters, "dyad": parse_dyad(dyad) if dyad else None}, **extra)


def open_existing(db: str, *, writable: bool = False) -> Store:
    """Open a database that must already exist, read-only: read commands never create or write
    one (so they also work on read-only media). `check` opens it writable, since SQLite's FTS5
    integrity check runs as a write statement (it changes nothing)."""
    from newsgraph.store import open_store

    if db != ":memory:" and not Path(db).exists():
        raise UsageError(f"no database at {db}; run `newsgraph ingest PATH --db {db}` first")
    return open_store(db, read_only=not writable)


# Control characters a terminal acts on (C0 but tab and newline, DEL, C1), bidirectional
# overrides that reorder what is shown, and lone surrogates (undecodable bytes of an argument).
_UNSAFE = "\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff"
_UNSAFE_TEXT = re.compile(f"[{_UNSAFE}]")
_UNSAFE_LINE = re.compile(f"[\t\n{_UNSAFE}]")


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def safe(value: object, *, multiline: bool = False) -> str:
    """Text from articles or arguments made harmless for a terminal: ESC, CSI/OSC, other control
    characters and bidi overrides become visible escapes (`\\x1b`). One line unless `multiline`
    (which keeps newlines and tabs)."""
    pattern = _UNSAFE_TEXT if multiline else _UNSAFE_LINE
    return pattern.sub(_visible, str(value))


def emit_json(value: Any) -> None:
    """Print stable, UTF-8 JSON to stdout (control characters escaped, values exact)."""
    from newsgraph.export import json_text

    click.echo(json_text(value, indent=2))


def fail(message: str, code: int = 2) -> None:
    click.echo(f"newsgraph: {safe(message, multiline=True)}", err=True)
    sys.exit(code)


class Group(click.Group):
    """Turns library errors into one clear line and the right exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except UsageError as exc:
            fail(str(exc), 2)
        except StoreError as exc:
            fail(str(exc), 2)
        except NewsgraphError as exc:
            fail(str(exc), 1)
        except UnicodeEncodeError as exc:  # an argument with bytes that are not UTF-8
            fail(
                f"an argument is not valid UTF-8 text ({safe(exc.object[exc.start : exc.end])}"
                f" in '{safe(exc.object)}'); give text arguments in UTF-8",
                2,
            )
        except sqlite3.DatabaseError as exc:  # last resort: SQLite failed mid-command
            fail(_sqlite_message(exc), 1)
        except BrokenPipeError:  # the reader went away (`newsgraph events | head`)
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())  # no second error when Python flushes stdout
            sys.exit(1)
        except OSError as exc:  # a file that cannot be opened or written, a full disk
            where = exc.filename or "the output"
            fail(f"cannot use {where}: {exc.strerror or exc}; check the path and the disk", 1)
        return None


def _sqlite_message(exc: sqlite3.DatabaseError) -> str:
    """One clear line for a SQLite failure nothing nearer the cause turned into a message."""
    from newsgraph.store.opening import advice

    return f"cannot use the database (--db): {exc}; {advice(exc)}"


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="newsgraph")
def main() -> None:
    """newsgraph: turn news articles into source-attributed political event data."""


def _register() -> None:
    from newsgraph.cli import (
        actors_cmds,
        articles_cmds,
        audit_cmds,
        bench_cmds,
        check_cmds,
        eval_cmds,
        events_cmds,
        export_cmds,
    )

    modules = (articles_cmds, eval_cmds, actors_cmds, events_cmds, bench_cmds, export_cmds)
    for module in (*modules, audit_cmds, check_cmds):
        for command in module.COMMANDS:
            main.add_command(command)


_register()
