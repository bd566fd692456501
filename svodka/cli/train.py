"""``svodka train``: fit svodka's small trained models from data in ``../shared``."""
from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Annotated

import typer

from svodka.cli import app

train_app = typer.Typer(help="Train svodka's models (CPU; reads ../shared).",
                        no_args_is_help=True)
app.add_typer(train_app, name="train")


@train_app.command()
def coref(
    data: Annotated[Path | None, typer.Argument(
        help="RuCoCo zip or folder (default ../shared/data/rucoco/rucoco-train.zip).")] = None,
    articles: Annotated[int, typer.Option(
        help="Training articles, from those not in the dev split (2,625 in all; 2,325 "
             "outside the tuning articles).", min=1)] = 2325,
    dev_articles: Annotated[int | None, typer.Option(
        help="Dev articles to report on (default all 300).", min=1)] = None,
    out: Annotated[Path | None, typer.Option(
        help="Where the model goes (default svodka/data/models/coref_ranker.npz).")] = None,
    cache: Annotated[Path | None, typer.Option(
        help="Keep the feature rows here (outside the repository) for a faster re-run.")] = None,
    mentions: Annotated[str, typer.Option(
        help="Pairs over RuCoCo's 'gold' mentions, or svodka's 'own' mentions as the resolver "
             "asks about them (the installed model; skips the tuning articles 1,201-1,500).")
    ] = "own",
    evaluate_only: Annotated[bool, typer.Option(
        help="Report the model at --out on the dev articles; train nothing.")] = False,
) -> None:
    """The coreference antecedent ranker on RuCoCo; prints its dev accuracy beside a rule."""
    from svodka.extractors.coref.train import DEFAULT_DATA, DEFAULT_MODEL, evaluate, train

    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    if mentions not in ("gold", "own"):
        typer.echo(f"svodka: --mentions is 'gold' or 'own', not {mentions!r}", err=True)
        raise typer.Exit(code=2)
    data = data or DEFAULT_DATA.resolve()
    if not data.exists():
        typer.echo(f"svodka: no RuCoCo at {data}", err=True)
        raise typer.Exit(code=2)
    if evaluate_only:
        report = evaluate(data, out or DEFAULT_MODEL, dev_articles, mentions)
    else:
        report = train(data, articles, dev_articles, out or DEFAULT_MODEL, cache, mentions)
    typer.echo(json.dumps(report, ensure_ascii=False, indent=2))


@train_app.command()
def speakers(
    gold: Annotated[Path | None, typer.Argument(
        help="Folder of quote gold files (default tests/data/quotes).")] = None,
    out: Annotated[Path | None, typer.Option(
        help="Where the model goes (default svodka/data/models/quote_speaker_ranker.npz).")
    ] = None,
    cache: Annotated[Path | None, typer.Option(
        help="Keep the candidate rows here (outside the repository) for a faster re-run.")
    ] = None,
    always_save: Annotated[bool, typer.Option(
        help="Write the model even when it does not beat the rules leave-one-batch-out.")
    ] = False,
) -> None:
    """The quote speaker re-ranker on the quote gold: prints the leave-one-batch-out table
    (rules vs rules + ranker) and writes the model only when it beats the rules."""
    from svodka.extractors.quotes.train_speakers import DEFAULT_GOLD, DEFAULT_MODEL, train

    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    gold = gold or DEFAULT_GOLD
    if not gold.is_dir():
        typer.echo(f"svodka: no quote gold folder at {gold}", err=True)
        raise typer.Exit(code=2)
    report = train(gold, out or DEFAULT_MODEL, cache, always_save)
    typer.echo(report.pop("table"))
    typer.echo(json.dumps(report, ensure_ascii=False, indent=2))
