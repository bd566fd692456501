"""``svodka eval``: quality on public benchmarks, next to natasha and pullenti."""
from __future__ import annotations

import json
import logging
import shlex
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from svodka.cli import app

eval_app = typer.Typer(
    help="Measure quality on factRuEval, NEREL and svodka's own gold.",
    no_args_is_help=True,
)
app.add_typer(eval_app, name="eval")

_console = Console()

Against = Annotated[str, typer.Option(
    help="Baselines run through the same scorers, comma-separated: natasha,pullenti.")]
Limit = Annotated[int | None, typer.Option(help="Only the first N documents (smoke runs).",
                                           min=1)]
Out = Annotated[Path | None, typer.Option(help="Write the JSON results here "
                                          "(default: out/eval/<benchmark>.json).")]


def _systems(against: str):
    from svodka.eval import load_systems

    names = ["svodka"] + [n.strip() for n in against.split(",") if n.strip()]
    try:
        return load_systems(names)
    except ValueError as error:
        raise typer.BadParameter(str(error), param_hint="--against") from error


def print_result(result, console: Console | None = None) -> None:
    from svodka.eval.report import rows

    table = Table(title=f"{result.title} — {result.documents} documents")
    table.add_column("measure")
    for system in result.systems:
        table.add_column(f"{system} ({result.seconds.get(system, 0):.0f} s)")
    for row in rows(result):
        table.add_row(*row)
    console = console or _console
    console.print(table)
    for note in result.notes:
        console.print(f"[dim]{note}[/dim]")


def _write_json(path: Path, data) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def _require(path: Path, task: str, file: bool = False) -> None:
    """A missing data set is a usage error (exit 2) that names the path looked at."""
    if not (path.is_file() if file else path.exists()):
        typer.echo(f"svodka: {task}: no dataset at {path}", err=True)
        raise typer.Exit(code=2)


def _report(result, out: Path | None, name: str) -> None:
    """Print one benchmark's table and keep its JSON (default out/eval/<name>.json)."""
    print_result(result)
    target = out or Path("out") / "eval" / f"{name}.json"
    _write_json(target, result.to_dict())
    _console.print(f"[dim]results written to {target}[/dim]")


def _run(tasks: list[str], paths: dict[str, Path | None], against: str, limit: int | None,
         out: Path | None, nerel_root: Path | None = None):
    from svodka.eval import evaluate

    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    systems = _systems(against)
    results = []
    for task in tasks:
        try:
            result = evaluate(task, systems, paths.get(task), limit, nerel_root)
        except FileNotFoundError as error:
            typer.echo(f"svodka: {error}", err=True)
            raise typer.Exit(code=2) from error
        print_result(result)
        results.append(result)
    name = tasks[0] if len(tasks) == 1 else "all"
    target = out or Path("out") / "eval" / f"{name}.json"
    data = results[0].to_dict() if len(tasks) == 1 else [r.to_dict() for r in results]
    _write_json(target, data)
    _console.print(f"[dim]results written to {target}[/dim]")
    return results


@eval_app.command()
def factrueval(
    path: Annotated[Path | None, typer.Argument(
        help="factRuEval-2016 folder (default ../shared/data/factrueval-dev).")] = None,
    against: Against = "", limit: Limit = None, out: Out = None,
) -> None:
    """Entity mentions PER / ORG / LOC, token-level F1 as naeval computes it."""
    _run(["factrueval"], {"factrueval": path}, against, limit, out)


@eval_app.command()
def nerel(
    path: Annotated[Path | None, typer.Argument(
        help="NEREL brat folder (default ../shared/data/nerel/dev).")] = None,
    against: Against = "", limit: Limit = None, out: Out = None,
) -> None:
    """Spans per type (exact and overlap), alias pairs and roles on NEREL."""
    _run(["nerel"], {"nerel": path}, against, limit, out)


@eval_app.command()
def quotes(
    path: Annotated[Path | None, typer.Argument(
        help="Quote gold folder (default tests/data/quotes).")] = None,
    against: Against = "", limit: Limit = None, out: Out = None,
) -> None:
    """Quote spans, speakers and both together, on the hand-made gold.

    Scores the dev gold (files without a batch), each fresh (held-out) batch, and all files.

    The JSON's errors list every missed, spurious, wrong-speaker or boundary-differing quote.
    """
    from svodka.eval.quotes import batch_rows

    (result,) = _run(["quotes"], {"quotes": path}, against, limit, out)
    table = Table(title="svodka by part of the gold")
    for column in ("part", "span F1", "speaker accuracy", "end-to-end F1"):
        table.add_column(column)
    for label, span, speaker, end_to_end in batch_rows(result):
        table.add_row(label, f"{span:.3f}", f"{speaker:.3f}", f"{end_to_end:.3f}")
    _console.print(table)


@eval_app.command()
def amounts(
    path: Annotated[Path | None, typer.Argument(
        help="Amount gold folder or .jsonl (default tests/data/amounts).")] = None,
    nerel_root: Annotated[Path | None, typer.Option(
        help="NEREL root with dev/ and train/ (default ../shared/data/nerel).")] = None,
    against: Against = "", limit: Limit = None, out: Out = None,
) -> None:
    """Normalized amount values (number, unit, share total) on NEREL spans."""
    _run(["amounts"], {"amounts": path}, against, limit, out, nerel_root)


@eval_app.command("entities-corpus")
def entities_corpus(
    path: Annotated[Path | None, typer.Argument(
        help="NEREL brat folder (default ../shared/data/nerel/dev).")] = None,
    db: Annotated[Path, typer.Option(help="The fresh SQLite store the texts go into.")] = Path(
        "out/eval/entities-corpus.db"),
    limit: Limit = None, out: Out = None,
) -> None:
    """Corpus entities on NEREL dev: pairs of Wikidata-linked mentions in one entity, inside
    and across documents, next to a "same normal form" baseline; Wikidata ids emitted."""
    from svodka.eval import DEFAULT_PATHS
    from svodka.eval.corpus import evaluate_entities_corpus

    path = path or DEFAULT_PATHS["nerel"].resolve()
    _require(path, "entities-corpus")
    _report(evaluate_entities_corpus(path, db, limit), out, "entities-corpus")


@eval_app.command()
def coref(
    path: Annotated[Path | None, typer.Argument(
        help="RuCoCo zip or folder (default ../shared/data/rucoco/rucoco-train.zip); "
             "the 300 dev articles are scored.")] = None,
    against: Annotated[str, typer.Option(
        help="Baselines, comma-separated; natasha groups its NER spans by normal form "
             "(natasha + glue).")] = "natasha",
    limit: Limit = None, out: Out = None,
) -> None:
    """Coreference links (names, titles, pronouns) on RuCoCo's dev articles."""
    _run(["coref"], {"coref": path}, against, limit, out)


@eval_app.command()
def roles(
    path: Annotated[Path | None, typer.Argument(
        help="NEREL brat folder (default ../shared/data/nerel/dev).")] = None,
    judged: Annotated[Path | None, typer.Option(
        help="A judged sample TSV (tests/data/roles/sample.tsv): report its precision "
             "instead of running NEREL.")] = None,
    against: Against = "", limit: Limit = None, out: Out = None,
) -> None:
    """Person roles: precision and recall against NEREL's WORKS_AS, or by hand (--judged)."""
    from svodka.eval import DEFAULT_PATHS
    from svodka.eval.roles import evaluate_judged, evaluate_roles

    if judged is not None:
        if not judged.exists():
            typer.echo(f"svodka: no judged sample at {judged}", err=True)
            raise typer.Exit(code=2)
        try:
            result = evaluate_judged(judged)
        except ValueError as error:
            raise typer.BadParameter(str(error), param_hint="--judged") from error
    else:
        path = path if path is not None else DEFAULT_PATHS["nerel"].resolve()
        _require(path, "roles")
        logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
        result = evaluate_roles(path, _systems(against), limit)
    _report(result, out, result.task)


@eval_app.command("roles-sample")
def roles_sample(
    news: Annotated[Path | None, typer.Option(
        help="Folder of the news dumps (default ../shared/data/news).")] = None,
    out: Annotated[Path, typer.Option(
        help="The sample TSV; judgements already in it carry over.")] = Path(
        "tests/data/roles/sample.tsv"),
    size: Annotated[int, typer.Option(min=1, help="Rows to draw.")] = 200,
    seed: Annotated[int, typer.Option(help="Shuffles the articles.")] = 20261204,
) -> None:
    """Draw (person, role, sentence) rows from svodka's output on news for judging by hand."""
    from svodka.eval import REPO
    from svodka.eval.role_sample import draw
    from svodka.eval.roles import judged_precision, keep_judgements, read_sample, write_sample

    news = news if news is not None else (REPO / ".." / "shared" / "data" / "news").resolve()
    if not news.exists():
        typer.echo(f"svodka: no news dumps at {news}", err=True)
        raise typer.Exit(code=2)
    rows = draw(news, size, seed)
    if out.exists():
        rows = keep_judgements(rows, read_sample(out))
    write_sample(out, rows)
    _, open_rows = judged_precision(rows)
    _console.print(f"{len(rows)} rows written to {out}; {open_rows} to judge")


@eval_app.command("tone")
def tone_(
    path: Annotated[Path | None, typer.Argument(
        help="RuSentNE-2023 train_data.csv (default ../shared/data/rusentne).")] = None,
    limit: Limit = None, out: Out = None,
    folds: Annotated[int, typer.Option(help="Cross-validation folds (by sentence).", min=2)] = 5,
) -> None:
    """Tone toward entities: grouped CV on RuSentNE train, F1_PN next to a TF-IDF baseline."""
    from svodka.eval import REPO
    from svodka.eval.tone import evaluate_tone

    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    path = (path or REPO / ".." / "shared" / "data" / "rusentne" / "train_data.csv").resolve()
    _require(path, "tone", file=True)
    _report(evaluate_tone(path, limit, folds), out, "tone")


@eval_app.command("all")
def all_(
    against: Against = "", limit: Limit = None, out: Out = None,
    write_docs: Annotated[bool, typer.Option(
        help="Regenerate docs/quality.md from this run.")] = False,
    docs: Annotated[Path, typer.Option(help="Where --write-docs writes.")] = Path(
        "docs/quality.md"),
    pin_floors: Annotated[Path | None, typer.Option(
        help="Write svodka's numbers minus 0.01 as the quality gate's floors to this JSON "
             "(tests/data/eval_floors.json).")] = None,
) -> None:
    """Every benchmark with its default data; optionally rewrite docs/quality.md."""
    from svodka.eval import TASKS
    from svodka.eval.docs import quality_page

    if pin_floors and limit:
        raise typer.BadParameter("floors are pinned on full runs only", param_hint="--limit")
    results = _run(list(TASKS), {}, against, limit, out)
    if write_docs:
        command = "svodka eval all" + (f" --against {shlex.quote(against)}" if against else "")
        command += (f" --limit {limit}" if limit else "") + " --write-docs"
        command += f" --pin-floors {pin_floors}" if pin_floors else ""
        docs.parent.mkdir(parents=True, exist_ok=True)
        docs.write_text(quality_page(results, command), encoding="utf-8")
        _console.print(f"[dim]{docs} rewritten[/dim]")
    if pin_floors:
        from svodka.eval.floors import floors

        _write_json(pin_floors, floors(results))
        _console.print(f"[dim]floors written to {pin_floors}[/dim]")
