"""``svodka tone``: tone toward given entity mentions; ``svodka train tone``: rebuild the model."""
from __future__ import annotations

import json
import sys
from collections import deque
from pathlib import Path
from typing import Annotated

import typer

from svodka.cli import app
from svodka.cli.train import train_app

DEFAULT_RUSENTNE = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "rusentne" \
    / "train_data.csv"


def _lines(file: str):
    if file == "-":
        yield from sys.stdin
        return
    path = Path(file)
    if not path.is_file():
        raise typer.BadParameter(f"no such file: {file}", param_hint="FILE")
    with open(path, encoding="utf-8") as handle:
        yield from handle


def _items(file: str, lines: deque):
    """Items to judge; each line's own JSON goes to ``lines`` in the same order."""
    from svodka.sentiment import ToneItem

    for number, line in enumerate(_lines(file), start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            text, start, end = data["text"], int(data["start"]), int(data["end"])
        except (ValueError, KeyError, TypeError) as error:
            raise typer.BadParameter(f"line {number}: expected {{\"id\", \"text\", \"start\", "
                                     f"\"end\"}} ({error})", param_hint="FILE") from error
        if not 0 <= start < end <= len(text):
            raise typer.BadParameter(f"line {number}: span [{start}, {end}) is outside the text",
                                     param_hint="FILE")
        lines.append(data)
        yield ToneItem(str(data.get("id", number)), text, start, end, data.get("kind", ""))


@app.command()
def tone(
    file: Annotated[str, typer.Argument(
        help='JSONL, one mention a line: {"id", "text", "start", "end"}; - for stdin.')] = "-",
) -> None:
    """Print each line back with "tone" (-1, 0, 1), "tone_evidence" and "tone_source" added."""
    from svodka.sentiment import tone_items

    out = sys.stdout
    lines: deque = deque()
    for item, found in tone_items(_items(file, lines)):
        record = lines.popleft()
        record.update(found.to_dict(item.text))
        out.write(json.dumps(record, ensure_ascii=False) + "\n")


@train_app.command("tone")
def train_tone(
    path: Annotated[Path, typer.Argument(
        help="RuSentNE-2023 train_data.csv (default ../shared/data/rusentne).")] = DEFAULT_RUSENTNE,
    out: Annotated[Path | None, typer.Option(
        help="Where to write the model (default: the packaged svodka/data/tone-rusentne.npz).")
    ] = None,
) -> None:
    """Train the tone model on all of RuSentNE's train file (CPU, a few minutes)."""
    from svodka.sentiment.data import analyze_items, read_rusentne
    from svodka.sentiment.features import mention_view
    from svodka.sentiment.model import model_path, train

    path = path.resolve()
    if not path.is_file():
        typer.echo(f"svodka: no RuSentNE train file at {path}", err=True)
        raise typer.Exit(code=2)
    items = read_rusentne(path)
    batch = analyze_items(items)
    pairs = [(mention_view(batch.analysis, o + i.start, o + i.end, i.kind), i.label)
             for i, o in zip(items, batch.offsets)]
    pairs = [(view, label) for view, label in pairs if view is not None]
    model = train([v for v, _ in pairs], [label for _, label in pairs])
    target = out or model_path()
    model.save(target)
    typer.echo(f"tone model: {len(pairs)} mentions, {len(model.names)} features -> {target}")
