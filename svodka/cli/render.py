"""Human-readable output for the terminal (rich). Only the CLI prints."""
from __future__ import annotations

from rich.console import Console
from rich.table import Table

from svodka.record import Article
from svodka.web.format import number

_console = Console()


def _short(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def print_table(article: Article, explain: bool = False, console: Console | None = None) -> None:
    console = console or _console
    if article.headline:
        console.print(f"[bold]{article.headline.text}[/bold]")
    if article.dateline:
        d = article.dateline
        console.print(f"[dim]{d.place or ''} · {d.date or ''} · {d.agency or ''}[/dim]")
    for credit in article.credits:
        console.print(f"[dim]credit: {credit.text}[/dim]")

    entities = Table(title="Entities", show_lines=False)
    for column in ("type", "name", "aliases", "roles", "mentions"):
        entities.add_column(column)
    for entity in article.entities:
        entities.add_row(entity.type, entity.name, ", ".join(entity.aliases),
                         "; ".join(entity.roles), str(len(entity.mentions)))
    console.print(entities)
    if explain:
        links = Table(title="Who is who (titles and pronouns the resolver linked)")
        for column in ("text", "entity", "kind", "rule"):
            links.add_column(column)
        for entity in article.entities:
            for mention in entity.mentions:
                if mention.kind != "name":
                    links.add_row(mention.text, entity.name, mention.kind, mention.rule or "")
        console.print(links)

    quotes = Table(title="Quotes")
    for column in ("kind", "speaker", "cue", "text") + (("rule",) if explain else ()):
        quotes.add_column(column)
    for quote in article.quotes:
        row = [quote.kind, quote.speaker_name or "—", quote.cue or "", _short(quote.text)]
        quotes.add_row(*row, *([quote.rule or ""] if explain else []))
    console.print(quotes)

    amounts = Table(title="Amounts")
    for column in ("kind", "text", "value", "unit / noun", "approx", "measure", "period") + (
            ("rule",) if explain else ()):
        amounts.add_column(column)
    for amount in article.amounts:
        value = number(amount.value) + (f" из {number(amount.of)}" if amount.of is not None else "") + (
            f"–{number(amount.to)}" if amount.to is not None else "")
        row = [amount.kind, amount.text, value, amount.unit or amount.noun or "", amount.approx,
               amount.measure or "", amount.period or ""]
        amounts.add_row(*row, *([amount.rule or ""] if explain else []))
    console.print(amounts)

    dates = Table(title="Dates")
    for column in ("kind", "text", "value") + (("rule",) if explain else ()):
        dates.add_column(column)
    for date in article.dates:
        dates.add_row(date.kind, date.text, date.value or "?", *([date.rule or ""] if explain else []))
    console.print(dates)
