"""``svodka extract``: one article (or a JSONL/WARC file of them) to records."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from svodka.cli import app
from svodka.cli.render import print_table
from svodka.errors import InputRejected
from svodka.reading import Document, Rejection, detect_format, iter_documents


class OutputFormat:
    choices = ("json", "jsonl", "table")


def _read_input(file: str) -> tuple[bytes, str | None]:
    if file == "-":
        return sys.stdin.buffer.read(), None
    path = Path(file)
    if not path.is_file():
        raise typer.BadParameter(f"no such file: {file}", param_hint="FILE")
    return path.read_bytes(), str(path)


@app.command()
def extract(
    file: Annotated[str, typer.Argument(help="A file to read, or - for stdin.")] = "-",
    format: Annotated[str, typer.Option("--format", "-f", help="json | jsonl | table")] = "json",
    published: Annotated[str | None, typer.Option(
        help="Publication date YYYY-MM-DD: anchors relative dates.")] = None,
    input: Annotated[str, typer.Option(
        "--input", help="text | html | jsonl | warc | auto")] = "auto",
    explain: Annotated[bool, typer.Option(
        help="Also say which rule found each quote, amount and date, and which linked each "
             "title and pronoun to its entity.")] = False,
) -> None:
    """Extract entities, quotes, amounts and dates from an article."""
    from svodka.pipeline import extract_document

    if format not in OutputFormat.choices:
        raise typer.BadParameter(f"choose one of {', '.join(OutputFormat.choices)}",
                                 param_hint="--format")
    data, name = _read_input(file)
    fmt = detect_format(data, name) if input == "auto" else input
    failures = 0
    documents = list(iter_documents(data, name, fmt))
    for item in documents:
        if isinstance(item, Rejection):
            failures += 1
            typer.echo(f"svodka: rejected {item.locator or name or 'stdin'}: "
                       f"{item.reason}: {item.message}", err=True)
            continue
        item: Document
        if published:
            item.published = published
        try:
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
        elif format == "jsonl" or len(documents) > 1:
            sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
        else:
            sys.stdout.write(json.dumps(record, ensure_ascii=False, indent=2) + "\n")
    if failures and failures == len(documents):
        raise typer.Exit(code=1)
