"""``svodka kb build``: the name → Wikidata id table shipped in ``svodka/data/``."""
from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Annotated

import typer

from svodka.cli import app

kb_app = typer.Typer(help="The knowledge base of name forms → Wikidata ids.",
                     no_args_is_help=True)
app.add_typer(kb_app, name="kb")

DEFAULT_NEREL = Path("../shared/data/nerel/train")
DEFAULT_OUT = Path(__file__).resolve().parent.parent / "data" / "wikidata.tsv"


@kb_app.command()
def build(
    nerel: Annotated[Path, typer.Argument(
        help="NEREL train folder (brat). Only train: dev stays clean for the evaluation.")]
    = DEFAULT_NEREL,
    out: Annotated[Path, typer.Option(help="Where the table goes.")] = DEFAULT_OUT,
) -> None:
    """Build the name form → Wikidata id table from NEREL's links and svodka's alias tables."""
    from svodka import kb

    if not nerel.is_dir():
        typer.echo(f"svodka: no NEREL folder at {nerel}", err=True)
        raise typer.Exit(code=2)
    links = kb.build(nerel)
    kb.write(links, out, f"NEREL {nerel.name}")
    by_type = Counter(link.type for link in links)
    spread = sum(1 for link in links if link.count == 0)
    typer.echo(f"{len(links)} name forms ({', '.join(f'{t} {n}' for t, n in sorted(by_type.items()))}; "
               f"{spread} through svodka's alias tables), "
               f"{len({link.qid for link in links})} Wikidata ids → {out}")
