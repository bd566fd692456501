"""Corpus commands: ingest, duplicates, search, quotes, export, stats. All take ``--db``."""
from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from svodka.cli import app
from svodka.limits import MAX_CHARS

_console = Console()
_err = Console(stderr=True)

DbOption = Annotated[str | None, typer.Option(
    "--db", envvar="SVODKA_DB", help="Store URL: a SQLite path (default svodka.db), "
    "sqlite:///path.db or postgresql://user@host/db.")]
LimitOption = Annotated[int, typer.Option(min=1, help="At most this many results.")]


def open_or_exit(db: str | None, create: bool = False):
    """The store, or a one-line reason (password masked) and exit code 2.

    Only ``ingest`` creates a store; a reading command pointed at a missing file says so.
    """
    from sqlalchemy.exc import SQLAlchemyError

    from svodka.errors import SvodkaError
    from svodka.store import StoreUnavailable, masked, open_store
    from svodka.store.engine import describe_error
    try:
        return open_store(db, create=create)
    except StoreUnavailable as error:
        typer.echo(f"svodka: cannot open the store {masked(db)}: {error}", err=True)
    except (SQLAlchemyError, SvodkaError, OSError) as error:
        typer.echo(f"svodka: cannot open the store {masked(db)}: "
                   f"{_without_password(describe_error(error), db)}", err=True)
    raise typer.Exit(code=2)


def _without_password(message: str, db: str | None) -> str:
    from sqlalchemy.engine import make_url
    try:
        password = make_url(db).password if db and "://" in db else None
    except Exception:  # an unparsable URL was already refused by name
        password = None
    return message.replace(password, "***") if password else message



def _short(text: str | None, limit: int = 100) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, folders (recursive) or globs: "
                                               ".txt .html .jsonl .warc, also .gz and .zip.")],
    db: DbOption = None,
    workers: Annotated[int, typer.Option(help="Extraction processes.")] = 1,
    engine: Annotated[str, typer.Option(help="local | dask")] = "local",
    scheduler: Annotated[str | None, typer.Option(
        help="Dask scheduler address (engine dask); default: a local cluster.")] = None,
    parquet_dir: Annotated[str | None, typer.Option(
        help="Engine dask: also keep a Parquet copy of every partition here.")] = None,
    load_in_workers: Annotated[bool, typer.Option(
        "--load-in-workers", help="PostgreSQL: every worker writes its own articles; one "
        "ordered pass at the end resolves entities and near-duplicates.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    timings: Annotated[bool, typer.Option(
        "--timings", help="Also print seconds by stage (JSON) on a line of its own.")] = False,
    batch_size: Annotated[int, typer.Option(
        help="Articles per transaction: smaller loses less work if the run dies.")] = 64,
    text_field: Annotated[str | None, typer.Option(help="JSONL key of the article text.")] = None,
    title_field: Annotated[str | None, typer.Option(help="JSONL key of the title.")] = None,
    url_field: Annotated[str | None, typer.Option(help="JSONL key of the URL.")] = None,
    date_field: Annotated[str | None, typer.Option(help="JSONL key of the date.")] = None,
    id_field: Annotated[str | None, typer.Option(help="JSONL key of the id.")] = None,
    max_chars: Annotated[int, typer.Option(
        min=1, help="Reject an article longer than this many characters.")] = MAX_CHARS,
) -> None:
    """Extract and store every article under PATHS.

    Idempotent and resumable: run it again after any interruption.
    """
    from svodka.ingest import clock
    clock.reset()
    clock.mark("cli_imported")
    from sqlalchemy.exc import SQLAlchemyError

    from svodka.ingest import estimate_total, expand
    from svodka.ingest import ingest as run_ingest
    from svodka.reading import JsonFields
    clock.mark("ingest_imported")

    if workers < 1:
        raise typer.BadParameter("at least 1", param_hint="--workers")
    if batch_size < 1:
        raise typer.BadParameter("at least 1", param_hint="--batch-size")
    if engine not in ("local", "dask"):
        raise typer.BadParameter("local or dask", param_hint="--engine")
    fields = JsonFields()
    for name, value in (("text", text_field), ("title", title_field), ("url", url_field),
                        ("published", date_field), ("id", id_field)):
        if value:
            setattr(fields, name, (value,))
    store = open_or_exit(db, create=True)
    clock.mark("store_open")
    if load_in_workers and store.engine.dialect.name != "postgresql":
        store.close()
        raise typer.BadParameter("needs a PostgreSQL store (SQLite keeps one writer)",
                                 param_hint="--load-in-workers")
    total = None if quiet else estimate_total(expand(paths)[0])
    try:
        summary = _with_progress(lambda progress: run_ingest(
            paths, store, workers, fields, progress, engine, scheduler, parquet_dir, batch_size,
            max_chars, load_in_workers),
            total, quiet)
    except SQLAlchemyError as error:
        from svodka.store.engine import describe_error
        typer.echo(f"svodka: the store failed: {_without_password(describe_error(error), db)}",
                   err=True)
        raise typer.Exit(code=2)
    finally:
        store.close()
        clock.mark("store_closed")
    rate = summary.read / summary.seconds if summary.seconds else 0.0
    reasons = ", ".join(f"{k} {v}" for k, v in sorted(summary.reasons.items()))
    typer.echo(f"read {summary.read} = stored {summary.stored} + duplicates "
               f"{summary.duplicates} + rejected {summary.rejected}"
               f"{f' ({reasons})' if reasons else ''}; {summary.undated} of the stored "
               f"undated; in {summary.seconds:.1f}s, {rate:.2f} docs/s")
    if timings:
        import json
        typer.echo("stages " + json.dumps(summary.to_dict()["stages"]))
        typer.echo("marks " + json.dumps(clock.marks()))
    from svodka.cli import end_without_teardown
    end_without_teardown()   # the store is closed, the workers stopped: nothing left to tidy


def _with_progress(run, total: int | None, quiet: bool):
    from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn,
                               TimeElapsedColumn, TimeRemainingColumn)
    if quiet:
        return run(None)
    columns = [TextColumn("ingest"), BarColumn(), MofNCompleteColumn(),
               TextColumn("{task.fields[rate]:.1f} docs/s"), TimeElapsedColumn(),
               TextColumn("ETA"), TimeRemainingColumn()]
    with Progress(*columns, console=_err, transient=False) as progress:
        task = progress.add_task("ingest", total=total, rate=0.0)

        def update(summary) -> None:
            rate = summary.read / summary.seconds if summary.seconds else 0.0
            progress.update(task, completed=summary.read, rate=rate)
        return run(update)


@app.command()
def duplicates(db: DbOption = None, limit: LimitOption = 100) -> None:
    """List groups of duplicate articles.

    Exact copies (same text, another source) and near copies (MinHash).
    """
    store = open_or_exit(db)
    groups = store.duplicate_groups()
    store.close()
    for group in groups[:limit]:
        _console.print(f"[bold]{group['id'][:12]}[/bold] {_short(group['headline'], 90)}")
        for copy in group["copies"]:
            _console.print(f"  {copy['kind']:5} {copy['similarity']:.2f} {copy['id'][:12]} "
                           f"{copy['url'] or copy['path'] or ''}")
    _console.print(f"{len(groups)} groups")


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="Russian words in any form: all must match.")],
    db: DbOption = None,
    kind: Annotated[str | None, typer.Option(help="article | quote | amount")] = None,
    entity: Annotated[str | None, typer.Option(help="Only articles naming this entity.")] = None,
    speaker: Annotated[str | None, typer.Option(help="Only quotes by this speaker.")] = None,
    date_from: Annotated[str | None, typer.Option("--from", help="Published on/after.")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="Published on/before.")] = None,
    limit: LimitOption = 20,
    as_json: Annotated[bool, typer.Option("--json", help="JSON lines.")] = False,
) -> None:
    """Search the corpus in any word form.

    "посол" also finds "послом" and "послы"; every word must match.
    """
    store = open_or_exit(db)
    try:
        hits = store.search(query, kind, entity, speaker, date_from, date_to, limit)
    except ValueError as error:
        raise typer.BadParameter(str(error))
    finally:
        store.close()
    _print_rows(hits, as_json, f"{len(hits)} hits",
                ("kind", "published", "article", "span", "snippet"),
                lambda hit: (hit["kind"], hit["published"] or "", hit["article_id"][:10],
                             f"{hit['start']}–{hit['end']}", _short(hit["snippet"], 120)))


def _print_rows(rows: list[dict], as_json: bool, title: str, columns: tuple[str, ...],
                cells: Callable[[dict], tuple[str, ...]]) -> None:
    """JSON lines for a script, a table for a person."""
    if as_json:
        for row in rows:
            typer.echo(json.dumps(row, ensure_ascii=False))
        return
    table = Table(title=title)
    for column in columns:
        table.add_column(column)
    for row in rows:
        table.add_row(*cells(row))
    _console.print(table)


quotes_app = typer.Typer(no_args_is_help=False)
app.add_typer(quotes_app, name="quotes")


@quotes_app.callback(invoke_without_command=True)
def quotes(
    ctx: typer.Context,
    speaker: Annotated[str | None, typer.Option(help="A name in any form, or an entity id.")] = None,
    db: DbOption = None,
    limit: LimitOption = 50,
    as_json: Annotated[bool, typer.Option("--json", help="JSON lines.")] = False,
) -> None:
    """What a person said, newest first.

    Each quote comes with its article and its offsets in the article text.
    `svodka quotes reassign` gives a quote its right speaker.
    """
    if ctx.invoked_subcommand is not None:
        return
    store = open_or_exit(db)
    rows = store.quotes(speaker, limit)
    store.close()
    _print_rows(rows, as_json, f"{len(rows)} quotes",
                ("published", "speaker", "article", "span", "kind", "text"),
                lambda row: (row["published"] or "", row["speaker_name"] or "—",
                             row["article_id"][:10], f"{row['start']}–{row['end']}", row["kind"],
                             _short(row["text"])))


@app.command()
def export(
    out: Annotated[str, typer.Option("--out", help="Folder to write the tables into.")],
    format: Annotated[str, typer.Option("--format", help="parquet | jsonl | csv | gkg (GDELT GKG 2.1, one tab-separated record per article)")] = "parquet",
    db: DbOption = None,
) -> None:
    """Export the corpus tables to files.

    Articles, entities, mentions, quotes, amounts and dates: one file each; with
    ``--format gkg`` one GDELT GKG 2.1 file, svodka.gkg.csv, one record per article.
    """
    from svodka.export import FORMATS, export_tables

    if format not in FORMATS:
        raise typer.BadParameter(f"one of {', '.join(FORMATS)}", param_hint="--format")
    if Path(out).exists() and not Path(out).is_dir():
        typer.echo(f"svodka: --out {out} is a file, not a folder", err=True)
        raise typer.Exit(code=2)
    store = open_or_exit(db)
    try:
        written = export_tables(store, out, format)
    except OSError as error:
        typer.echo(f"svodka: cannot write to {out}: {error.strerror or error}", err=True)
        raise typer.Exit(code=2)
    finally:
        store.close()
    for name, (path, rows) in written.items():
        _console.print(f"{name:9} {rows:8} rows  {path}")


@app.command()
def stats(db: DbOption = None,
          as_json: Annotated[bool, typer.Option("--json", help="JSON.")] = False) -> None:
    """Count what the store holds.

    Articles, entities, quotes, amounts, dates, duplicates and rejections.
    """
    store = open_or_exit(db)
    numbers = store.stats()
    store.close()
    if as_json:
        typer.echo(json.dumps(numbers))
        return
    for key, value in numbers.items():
        _console.print(f"{key:17} {value}")
