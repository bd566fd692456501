"""Analysts' corrections from the command line: ``svodka entities merge|split|rename``,
``svodka quotes reassign``, ``svodka corrections list|undo|export|import``."""
from __future__ import annotations

import getpass
import json
import os
from contextlib import contextmanager
from typing import Annotated

import typer
from rich.table import Table

from svodka.cli import app
from svodka.cli.corpus import DbOption, _console, _err, _short, open_or_exit, quotes_app

entities_app = typer.Typer(no_args_is_help=True,
                           help="Correct corpus entities: merge, split or rename.")
corrections_app = typer.Typer(no_args_is_help=True,
                              help="The corrections log: list, undo, export, import.")
app.add_typer(entities_app, name="entities")
app.add_typer(corrections_app, name="corrections")


def _default_who() -> str:
    try:
        return os.environ.get("SVODKA_USER") or getpass.getuser()
    except (KeyError, OSError):
        return "analyst"


WhoOption = Annotated[str | None, typer.Option(
    "--who", help="Who makes the correction (default $SVODKA_USER or the login name).")]
WhyOption = Annotated[str, typer.Option("--why", help="Why: what in the text shows it.")]


def _entity(store, ref: str) -> str:
    """An entity id, or a name that finds exactly one entity (or is exactly one's name)."""
    return store.one_entity(ref)


@contextmanager
def _refusable(db, refused: str = "", also: tuple[type[Exception], ...] = ()):
    """The open store; a refused correction (or one of `also`) prints why and exits with 1."""
    from svodka.store import CorrectionError

    store = open_or_exit(db)
    try:
        yield store
    except (CorrectionError, *also) as error:
        _err.print(f"svodka: {refused}{error}")
        raise typer.Exit(code=1)
    finally:
        store.close()


def _run(db, make) -> None:
    """Open the store, make the correction, print it; a refused correction exits with 1."""
    from svodka.store.corrections import describe

    with _refusable(db) as store:
        done = make(store)
    _console.print(f"correction {done['id']} ({done['kind']}): {describe(done)}",
                   highlight=False)


@entities_app.command()
def merge(
    source: Annotated[str, typer.Argument(help="The entity that is really TARGET (id or name).")],
    target: Annotated[str, typer.Argument(help="The entity it is (id or name).")],
    why: WhyOption = "", who: WhoOption = None, db: DbOption = None,
) -> None:
    """Merge SOURCE into TARGET: its mentions, quotes and articles become TARGET's.

    The old id keeps leading to TARGET; `svodka corrections undo` takes it back.
    """
    _run(db, lambda store: store.merge_entities(
        _entity(store, source), _entity(store, target), who or _default_who(), why))


@entities_app.command()
def split(
    entity: Annotated[str, typer.Argument(help="The entity the mentions wrongly belong to.")],
    mentions: Annotated[list[str], typer.Argument(
        help="ARTICLE:N (the mention's number) or ARTICLE:START-END (its span).")],
    name: Annotated[str | None, typer.Option(
        help="The name of the entity they belong to (joins the corpus entity of that name "
             "and type, or makes a new one).")] = None,
    into: Annotated[str | None, typer.Option(help="Or: an existing entity (id or name).")] = None,
    why: WhyOption = "", who: WhoOption = None, db: DbOption = None,
) -> None:
    """Split MENTIONS off ENTITY, into another entity.

    `svodka export` lists mentions with their article, number and span.
    """
    from svodka.store import CorrectionError

    if (name is None) == (into is None):
        raise typer.BadParameter("give either --name or --into", param_hint="--name")

    def make(store):
        keys = []
        for ref in mentions:
            article, _, where = ref.rpartition(":")
            if not article:
                raise CorrectionError(f"a mention is ARTICLE:N or ARTICLE:START-END, not {ref!r}")
            keys.append(store.mention_key(article, where))
        return store.split_entity(_entity(store, entity), keys, who or _default_who(), why,
                                  name=name, into=_entity(store, into) if into else None)

    _run(db, make)


@entities_app.command()
def rename(
    entity: Annotated[str, typer.Argument(help="The entity (id or name).")],
    name: Annotated[str, typer.Argument(help="Its right name, in the nominative.")],
    why: WhyOption = "", who: WhoOption = None, db: DbOption = None,
) -> None:
    """Give ENTITY its right name (on its page, in quotes, records and exports)."""
    _run(db, lambda store: store.rename_entity(_entity(store, entity), name,
                                               who or _default_who(), why))


@quotes_app.command()
def reassign(
    quote: Annotated[str, typer.Argument(help="ARTICLE:N, the quote's number in its article "
                                              "(from 0, as in the record).")],
    speaker: Annotated[str | None, typer.Option(
        help="Who said it (entity id or name).")] = None,
    nobody: Annotated[bool, typer.Option(
        "--nobody", help="The text names no speaker.")] = False,
    why: WhyOption = "", who: WhoOption = None, db: DbOption = None,
) -> None:
    """Mark a quote's speaker wrong and name the right one (or --nobody)."""
    if (speaker is None) == (not nobody):
        raise typer.BadParameter("give either --speaker or --nobody", param_hint="--speaker")
    article, _, number = quote.rpartition(":")
    if not article or not number.isdigit():
        raise typer.BadParameter("ARTICLE:N", param_hint="QUOTE")
    _run(db, lambda store: store.reassign_quote(
        article, int(number), _entity(store, speaker) if speaker else None,
        who or _default_who(), why))


@corrections_app.command("list")
def list_corrections(
    entity: Annotated[str | None, typer.Option(help="Only those naming this entity id.")] = None,
    db: DbOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="JSON lines.")] = False,
) -> None:
    """Every correction, newest first: who, when, why, and whether it was undone."""
    from svodka.store.corrections import describe

    store = open_or_exit(db)
    rows = store.corrections(entity)
    store.close()
    if as_json:
        for row in rows:
            typer.echo(json.dumps(row, ensure_ascii=False))
        return
    table = Table(title=f"{len(rows)} corrections")
    for column in ("id", "when", "who", "kind", "what", "why", "undone"):
        table.add_column(column)
    for row in rows:
        undone = f"{row['undone']} by {row['undone_by']}" if row["undone"] else ""
        table.add_row(str(row["id"]), row["created"], row["who"], row["kind"], describe(row),
                      _short(row["why"], 60), undone)
    _console.print(table)


@corrections_app.command()
def undo(
    correction: Annotated[int, typer.Argument(help="The correction's id (svodka corrections list).")],
    who: WhoOption = None, db: DbOption = None,
) -> None:
    """Undo a correction: every read is as if it had never been made (the log keeps it)."""
    with _refusable(db) as store:
        done = store.undo_correction(correction, who or _default_who())
    _console.print(f"correction {done['id']} undone", highlight=False)


@corrections_app.command("export")
def export_corrections(
    out: Annotated[str, typer.Argument(help="A JSON Lines file to write ('-' for stdout).")],
    db: DbOption = None,
) -> None:
    """Write the whole log (undone corrections too) as JSON Lines, for a rebuilt store."""
    store = open_or_exit(db)
    rows = list(reversed(store.corrections()))
    store.close()
    lines = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
    if out == "-":
        typer.echo(lines, nl=False)
    else:
        with open(out, "w", encoding="utf-8") as stream:
            stream.write(lines)
        _console.print(f"{len(rows)} corrections written to {out}", highlight=False)


def _read_log(path: str) -> list[dict]:
    with open(path, encoding="utf-8") as stream:
        entries = [json.loads(line) for line in stream if line.strip()]
    for entry in entries:   # `svodka export` writes the payload as a JSON string
        if isinstance(entry.get("payload"), str):
            entry["payload"] = json.loads(entry["payload"])
    return entries


@corrections_app.command("import")
def import_corrections(
    path: Annotated[str, typer.Argument(help="A log from `svodka corrections export` (or the "
                                             "corrections.jsonl of `svodka export`).")],
    db: DbOption = None,
) -> None:
    """Add a log to this store and apply it; corrections it already holds are skipped."""
    try:
        entries = _read_log(path)
    except (OSError, UnicodeDecodeError, ValueError, AttributeError) as error:
        _err.print(f"svodka: {path} is not a corrections log: {error}")
        raise typer.Exit(code=1)
    with _refusable(db, "not a corrections log: ", also=(KeyError,)) as store:
        added = store.import_corrections(entries)
    _console.print(f"{added} corrections added, {len(entries) - added} already here",
                   highlight=False)
