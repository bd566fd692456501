"""The store's tables, as SQLAlchemy Core metadata shared by SQLite and PostgreSQL.

Every child row is keyed by its article and its position in the record, so re-adding an
article is a no-op and two runs over the same input leave identical tables.
"""
from __future__ import annotations

from sqlalchemy import (BigInteger, Column, Float, Index, Integer, LargeBinary, MetaData, String, Table,
                        Text, UniqueConstraint)

metadata = MetaData()


def _fact_table(name: str, *columns: Column) -> Table:
    """A table of one kind of fact: keyed by article and position, with its span and kind."""
    return Table(
        name, metadata,
        Column("article_id", String(64), primary_key=True),
        Column("n", Integer, primary_key=True),
        Column("start", Integer, nullable=False),
        Column("end", Integer, nullable=False),
        Column("text", Text, nullable=False),
        Column("kind", String(64), nullable=False),
        *columns,
    )


schema_version = Table(
    "schema_version", metadata,
    Column("version", Integer, primary_key=True),
    Column("name", String(200), nullable=False),
)

articles = Table(
    "articles", metadata,
    Column("id", String(64), primary_key=True),          # content hash (or the input's id)
    Column("headline", Text),
    Column("title", Text),
    Column("published", String(64), index=True),
    Column("url", Text),
    Column("path", Text),
    Column("format", String(16)),
    Column("n_chars", Integer, nullable=False),
    Column("n_entities", Integer, nullable=False),
    Column("n_quotes", Integer, nullable=False),
    Column("n_amounts", Integer, nullable=False),
    Column("minhash", LargeBinary),                        # near-duplicate signature
    Column("text", Text, nullable=False),                  # the text every span indexes
    Column("record", Text, nullable=False),                # the rest of the record, as JSON
    Column("source", String(200), index=True),             # record.source.domain, the outlet
    Column("entity_types", String(200)),                   # " LOC ORG PER ": the types named
)

entities = Table(
    "entities", metadata,
    Column("id", String(64), primary_key=True),
    Column("type", String(64), nullable=False),
    Column("key", Text, nullable=False),                   # the key it was created under
    Column("name", Text, nullable=False),
    Column("wikidata", String(32), index=True),            # a Wikidata id, where clear
    UniqueConstraint("type", "key", name="uq_entities_type_key"),
)

# What corpus resolution (svodka/store/resolve.py) finds an entity by: "name:европейский
# союз", "full:владимир путин", "sur:путин" (shared by namesakes), "lem:…", "wd:Q458".
entity_keys = Table(
    "entity_keys", metadata,
    Column("type", String(64), primary_key=True),
    Column("key", String(400), primary_key=True),
    Column("entity_id", String(64), primary_key=True),
    Index("ix_entity_keys_entity", "entity_id"),
)

# A corpus entity merged into another by a later article: every row moved to ``new_id``;
# the old id keeps resolving through this table (chains are kept flat).
entity_merges = Table(
    "entity_merges", metadata,
    Column("old_id", String(64), primary_key=True),
    Column("new_id", String(64), nullable=False, index=True),
    Column("article_id", String(64)),                     # the article that showed it
    Column("reason", Text, nullable=False),
)

entity_aliases = Table(
    "entity_aliases", metadata,
    Column("entity_id", String(64), primary_key=True),
    Column("alias", Text, primary_key=True),
)

entity_roles = Table(
    "entity_roles", metadata,
    Column("entity_id", String(64), primary_key=True),
    Column("role", Text, primary_key=True),
)

# Lemmatized words of names and aliases: "Токаева" finds "Касым-Жомарт Токаев".
entity_words = Table(
    "entity_words", metadata,
    Column("word", String(200), primary_key=True),
    Column("entity_id", String(64), primary_key=True),
)

article_entities = Table(
    "article_entities", metadata,
    Column("article_id", String(64), primary_key=True),
    Column("local_id", String(64), primary_key=True),
    Column("entity_id", String(64), nullable=False, index=True),
)

mentions = Table(
    "mentions", metadata,
    Column("article_id", String(64), primary_key=True),
    Column("n", Integer, primary_key=True),
    Column("entity_id", String(64), nullable=False, index=True),
    Column("local_id", String(64), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("normal", Text),
    Column("kind", String(64)),
    Column("tone", Integer),                               # -1 | 0 | 1; NULL: not computed
)

quotes = _fact_table(
    "quotes",
    Column("speaker_local", String(64)),
    Column("speaker_id", String(64), index=True),
    Column("speaker_name", Text),
    Column("cue", Text),
)

# An entity's articles (its page, the articles list's entity filter) come from these pairs
# alone: through the single-column indexes each of a common name's ~20,000 mentions was a
# row lookup, most of an entity page's time.
Index("ix_mentions_entity_article", mentions.c.entity_id, mentions.c.article_id)
Index("ix_quotes_speaker_article", quotes.c.speaker_id, quotes.c.article_id)

amounts = _fact_table(
    "amounts",
    Column("value", Float),
    Column("unit", Text),
    Column("approx", String(64)),
    Column("of", Float),
    Column("to", Float),
    Column("measure", Text),
    Column("period", Text),
    Column("noun", Text),
)

dates = _fact_table(
    "dates",
    Column("value", String(64)),
)

# Mentions (how many positive, how many negative) and quotes per entity and month of
# publication ("" when the article has no date; "*" for all months together), kept up to date as articles are stored: the "most quoted this
# month" lists and an entity's chart read this table instead of counting every mention.
ALL_MONTHS, NO_MONTH = "*", ""
entity_months = Table(
    "entity_months", metadata,
    Column("entity_id", String(64), primary_key=True),
    Column("month", String(7), primary_key=True),
    Column("type", String(64), nullable=False),
    Column("mentions", Integer, nullable=False),
    Column("quotes", Integer, nullable=False),
    Column("positive", Integer, nullable=False, server_default="0"),   # mentions by tone
    Column("negative", Integer, nullable=False, server_default="0"),
    Index("ix_entity_months_mentions", "month", "type", "mentions"),
    Index("ix_entity_months_quotes", "month", "type", "quotes"),
)

# A copy not stored as an article: an exact repeat from another source, or a near-duplicate.
duplicates = Table(
    "duplicates", metadata,
    Column("key", String(40), primary_key=True),
    Column("article_id", String(64), nullable=False, index=True),   # the copy
    Column("original_id", String(64), nullable=False, index=True),  # the stored article
    Column("kind", String(8), nullable=False),                      # exact | near
    Column("similarity", Float, nullable=False),
    Column("headline", Text),
    Column("url", Text),
    Column("path", Text),
)

rejections = Table(
    "rejections", metadata,
    Column("key", String(40), primary_key=True),
    Column("reason", String(64), nullable=False, index=True),
    Column("message", Text, nullable=False),
    Column("path", Text),
    Column("locator", Text),
    Column("sample", LargeBinary),
)

# What the full-text index covers: an article's text, a quote, an amount's sentence.
# ``lemmas`` holds one group per word of text[ctx_start:ctx_end], alternatives joined by "|".
search_units = Table(
    "search_units", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", String(64), nullable=False, index=True),
    Column("kind", String(8), nullable=False),
    Column("n", Integer, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("ctx_start", Integer, nullable=False),
    Column("ctx_end", Integer, nullable=False),
    Column("speaker_id", String(64), index=True),
    Column("lemmas", Text, nullable=False),
    UniqueConstraint("article_id", "kind", "n", name="uq_search_units"),
)


# What the search list filters and counts hits by, one narrow row per search unit (same id):
# read from articles (a wide row per hit) and quotes, a common word's facets cost ~3x more.
search_facets = Table(
    "search_facets", metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),   # search_units.id
    Column("kind", String(8), nullable=False),
    Column("published", String(64)),                               # the article's
    Column("source", String(200)),                                 # the article's outlet
    Column("quote_kind", String(64)),                              # direct | indirect (quotes)
    Column("entity_types", String(200)),                           # the article's, " LOC PER "
)

# An analyst's correction (svodka/store/corrections.py): merge, split, rename, reassign.
# The log is the truth; ``undone`` is set instead of deleting, so the audit keeps everything.
corrections = Table(
    "corrections", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(16), nullable=False),           # merge | split | rename | reassign
    Column("subject", Text, nullable=False),              # entity id, or "article:quote n"
    Column("payload", Text, nullable=False),              # JSON: what the correction says
    Column("who", String(200), nullable=False),
    Column("why", Text, nullable=False),
    Column("created", String(32), nullable=False),        # ISO 8601, UTC
    Column("undone", String(32)),
    Column("undone_by", String(200)),
)

# Derived from the active merges (rebuilt whenever the log changes): a corpus entity an
# analyst merged away, and the entity it now is. Chains are kept flat.
entity_redirects = Table(
    "entity_redirects", metadata,
    Column("old_id", String(64), primary_key=True),
    Column("new_id", String(64), nullable=False, index=True),
)


# Several writers (svodka/store/staged.py): what each loaded, waiting for the one ordered
# pass that resolves its entities and near-duplicates. Empty once a load has finished.
# ``position`` is the document's place in the input, so a resumed run keeps the order.
staged = Table(
    "staged", metadata,
    Column("position", BigInteger, primary_key=True),
    Column("article_id", String(64), primary_key=True),
    Column("kind", String(8), nullable=False),            # article | repeat (a later copy)
    Column("path", Text),
    Column("url", Text),
    Column("keys", Text),          # JSON: entity_words and evidence, for the ordered pass
)
