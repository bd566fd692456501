"""``svodka extract``: one article (or a JSONL/WARC file of them) to records."""
from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from svodka.cli import app
from svodka.cli.render import print_table
from svodka.errors import InputRejected
from svodka.limits import MAX_CHARS, check_length
from svodka.reading import Document, Rejection, iter_stream


class OutputFormat:
    choices = ("json", "jsonl", "table")


def _documents(file: str, input: str) -> Iterator[Document | Rejection]:
    """The file's (or stdin's) articles, streamed; a limit met part-way is a rejection."""
    if file == "-":
        stream, name = sys.stdin.buffer, None
    else:
        path = Path(file)
        if not path.is_file():
            raise typer.BadParameter(f"no such file: {file}", param_hint="FILE")
        stream, name = path.open("rb"), str(path)
    try:
        yield from iter_stream(stream, name, input)
    except InputRejected as error:
        yield Rejection(error.reason, error.message, name)
    finally:
        if name is not None:
            stream.close()


def valid_date(value: str | None) -> str | None:
    """``value`` when it is a real YYYY-MM-DD day."""
    if value is None:
        return None
    try:
        date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date YYYY-MM-DD") from None
    if len(value) != 10:
        raise typer.BadParameter(f"{value!r} is not a date YYYY-MM-DD")
    return value


@app.command()
def extract(
    file: Annotated[str, typer.Argument(help="A file to read, or - for stdin.")] = "-",
    format: Annotated[str, typer.Option("--format", "-f", help="json | jsonl | table")] = "json",
    published: Annotated[str | None, typer.Option(
        help="Publication date YYYY-MM-DD: anchors relative dates.", callback=valid_date)] = None,
    input: Annotated[str, typer.Option(
        "--input", help="text | html | jsonl | warc | auto")] = "auto",
    explain: Annotated[bool, typer.Option(
        help="Also say which rule found each quote, amount and date, and which linked each "
             "title and pronoun to its entity.")] = False,
    max_chars: Annotated[int, typer.Option(
        min=1, help="Refuse an article longer than this many characters.")] = MAX_CHARS,
) -> None:
    """Extract entities, quotes, amounts and dates from an article."""
    from svodka.pipeline import extract_document

    if format not in OutputFormat.choices:
        raise typer.BadParameter(f"choose one of {', '.join(OutputFormat.choices)}",
                                 param_hint="--format")
    failures = count = 0
    for count, item in enumerate(_documents(file, input), 1):
        if isinstance(item, Rejection):
            failures += 1
            typer.echo(f"svodka: rejected {item.locator or item.path or 'stdin'}: "
                       f"{item.reason}: {item.message}", err=True)
            continue
        item: Document
        if published:
            item.published = published
        try:
            check_length(item.text, max_chars)
            article = extract_document(item)
        except InputRejected as error:
            failures += 1
            typer.echo(f"svodka: rejected: {error}", err=True)
            continue
        record = article.to_dict()
        if not explain:
            for group in ("quotes", "amounts", "dates"):
                for entry in record[group]:
                    entry.pop("rule", None)
            for entity in record["entities"]:
                for mention in entity["mentions"]:
                    mention.pop("rule", None)
        if format == "table":
            print_table(article, explain=explain)
        elif format == "jsonl" or item.format in ("jsonl", "warc"):
            sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
        else:
            sys.stdout.write(json.dumps(record, ensure_ascii=False, indent=2) + "\n")
    if failures and failures == count:
        raise typer.Exit(code=1)
