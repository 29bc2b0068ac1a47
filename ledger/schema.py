"""The database schema, defined once: one row type per table, declaring its columns in order with
their SQL type and comment (the class docstring is the table's comment). `resolve` and the other
loaders build rows by name (`ClaimRow(article_id=..., lo=...)`); they are tuples, so the appender
takes them as they are. `TABLES` (name -> comment, columns) and the DDL are derived from them."""
# no `from __future__ import annotations`: the row types read their column types from the annotations
from dataclasses import dataclass
from datetime import date
from typing import Annotated, NamedTuple


@dataclass(frozen=True, slots=True)
class Column:
    sql: str  # DuckDB type
    comment: str


def VARCHAR(comment: str):
    return Annotated[str | None, Column("VARCHAR", comment)]


def VARCHAR_LIST(comment: str):
    return Annotated[list | None, Column("VARCHAR[]", comment)]


def INTEGER(comment: str):
    return Annotated[int | None, Column("INTEGER", comment)]


def DOUBLE(comment: str):
    return Annotated[float | None, Column("DOUBLE", comment)]


def BOOLEAN(comment: str):
    return Annotated[bool | None, Column("BOOLEAN", comment)]


def DATE(comment: str):
    return Annotated[date | None, Column("DATE", comment)]


FILE = VARCHAR("ledger file the row comes from")
LINE = INTEGER("1-based line of the item in that file")
COL = INTEGER("1-based column of the item in that file")


class ArticleRow(NamedTuple):
    """One row per article (or reference source) of the ledger."""
    article_id: VARCHAR("article slug, equal to its YAML file's stem")
    kind: VARCHAR("article | reference (an official statistic)")
    title: VARCHAR("title as printed")
    outlet: VARCHAR("publisher, or statistical office for references")
    published: VARCHAR("publication date as written (its precision is meaning)")
    published_lo: DATE("first day the publication date can be")
    published_hi: DATE("last day the publication date can be")
    url: VARCHAR("where the article was read")
    text_file: VARCHAR("article text file, relative to the YAML file (NULL when inline)")
    text: VARCHAR("the article text")
    text_norm: VARCHAR("text with case, quotes, dashes and whitespace normalised")
    file: FILE
    line: LINE
    col: COL
    decimal_mark: VARCHAR("decimal mark the article's figures are printed with: '.' or ',' (from `decimal` or `language`)")
    published_line: INTEGER("1-based line of the `published` value in the file (where a date mismatch is reported)")
    published_col: INTEGER("1-based column of the `published` value")


class ClaimRow(NamedTuple):
    """One row per quantitative claim; lo/hi are the generous reading, strict_lo/strict_hi the strict
    one, both in canonical_unit."""
    article_id: VARCHAR("article the claim belongs to")
    claim_id: VARCHAR("claim id, unique within its article")
    claim_key: VARCHAR("article_id/claim_id, unique in the ledger")
    file: FILE
    line: LINE
    col: COL
    quote: VARCHAR("the words that state the claim")
    quote_norm: VARCHAR("quote normalised like articles.text_norm")
    subject: VARCHAR("entity key (entities.key)")
    metric: VARCHAR("metric key (metrics.key)")
    value_text: VARCHAR("value as written, e.g. '6 million'")
    unit_text: VARCHAR("unit as written (or implied by the value or the metric)")
    qualifier: VARCHAR("hedge as written: about, over, up to ...")
    hedge: VARCHAR("canonical hedge: about | over | at-least | nearly | up-to | under | exactly")
    value: DOUBLE("the written figure in canonical_unit")
    canonical_unit: VARCHAR("unit of value/lo/hi (SI base units, % for shares, currency code for money)")
    dimension: VARCHAR("physical dimension of the unit")
    currency: VARCHAR("ISO currency code for money claims, else NULL")
    lo: DOUBLE("generous reading: lower bound (rounded to last non-zero digit, hedges at widest)")
    hi: DOUBLE("generous reading: upper bound")
    lo_open: BOOLEAN("lo itself excluded ('over x')")
    hi_open: BOOLEAN("hi itself excluded ('under x')")
    strict_lo: DOUBLE("strict reading: lower bound (precision of the last written digit)")
    strict_hi: DOUBLE("strict reading: upper bound")
    strict_lo_open: BOOLEAN("strict_lo excluded")
    strict_hi_open: BOOLEAN("strict_hi excluded")
    domain_lo: DOUBLE("smallest value the metric allows, canonical units")
    domain_hi: DOUBLE("largest value the metric allows, canonical units")
    when_text: VARCHAR("time the value holds for, as written")
    when_lo: DATE("first day of that time")
    when_hi: DATE("last day of that time")
    when_relative: BOOLEAN("when_text was resolved against the publication date")
    when_direction: VARCHAR("past | present | future: where a relative reference sits w.r.t. publication")
    when_error: VARCHAR("why a relative reference fits no publication day (else NULL)")
    tense: VARCHAR("past | present | future where the text commits to one")
    restates: VARCHAR("claim_key of the claim this one restates in other units")
    from_value_text: VARCHAR("for changes: the earlier value as written")
    from_lo: DOUBLE("earlier value, generous lower bound")
    from_hi: DOUBLE("earlier value, generous upper bound")
    from_strict_lo: DOUBLE("earlier value, strict lower bound")
    from_strict_hi: DOUBLE("earlier value, strict upper bound")
    from_when_lo: DATE("first day of the earlier state")
    from_when_hi: DATE("last day of the earlier state")
    change_text: VARCHAR("change as written: -50%, by half, -25 points, x3")
    change_kind: VARCHAR("relative | absolute | factor")
    change_lo: DOUBLE("change: factor (relative/factor) or delta in canonical units (absolute), lower bound")
    change_hi: DOUBLE("upper bound of change_lo")
    direction: VARCHAR("direction word(s) used: plummeted, doubled, rose ...")
    share_of: VARCHAR("entity key of the whole a share is of")
    rank: INTEGER("stated ranking: 1 for 'top producer'")
    superseded_by: VARCHAR("claim_key of the correction that supersedes this claim")
    change_window: VARCHAR("a change's window: month-on-month | quarter-on-quarter | year-on-year | year-to-date | since YYYY-MM-DD")
    state: VARCHAR("the state the value holds in (current, initial, planned, full-operation ...); NULL = current")
    event: VARCHAR("entity key of the event the figure belongs to")
    from_ref: VARCHAR("claim_key of the claim stating the earlier state (`from: claim-id`)")


class RelationRow(NamedTuple):
    """Arithmetic the text implies between claims."""
    article_id: VARCHAR("article of the relation")
    relation_id: VARCHAR("relation id within the article")
    relation_key: VARCHAR("article_id/relation_id")
    holds: VARCHAR("the equation, over claim ids")
    quote: VARCHAR("words that imply it")
    quote_norm: VARCHAR("quote normalised")
    file: FILE
    line: LINE
    col: COL


class EventRow(NamedTuple):
    """Mentions of dated happenings (a letter, a ban, a signing)."""
    article_id: VARCHAR("article of the mention")
    mention_id: VARCHAR("mention id within the article")
    mention_key: VARCHAR("article_id/mention_id")
    event: VARCHAR("entity key of the event")
    quote: VARCHAR("words of the mention")
    quote_norm: VARCHAR("quote normalised")
    when_text: VARCHAR("date as the mention gives it")
    when_lo: DATE("first day it can be")
    when_hi: DATE("last day it can be")
    when_relative: BOOLEAN("resolved against the publication date")
    when_direction: VARCHAR("past | present | future relative to publication")
    when_error: VARCHAR("why a relative reference fits no publication day")
    tense: VARCHAR("past | present | future as the verb commits")
    file: FILE
    line: LINE
    col: COL


class EntityRow(NamedTuple):
    """Vocabulary: who or what claims are about."""
    key: VARCHAR("entity key")
    name: VARCHAR("display name")
    kind: VARCHAR("organisation, country, facility, event ...")
    aliases: VARCHAR_LIST("other names")
    file: FILE
    line: LINE
    col: COL
    date_text: VARCHAR("for an event: its date as the vocabulary gives it")
    date_lo: DATE("first day the event can be")
    date_hi: DATE("last day the event can be")


class MetricRow(NamedTuple):
    """Vocabulary: what claims measure."""
    key: VARCHAR("metric key")
    description: VARCHAR("what is measured")
    kind: VARCHAR("level | rate | share | change | count | money | date")
    unit: VARCHAR("reference unit as written")
    canonical_unit: VARCHAR("canonical unit of its claims")
    dimension: VARCHAR("physical dimension")
    min_value: DOUBLE("domain lower bound, canonical units")
    max_value: DOUBLE("domain upper bound, canonical units")
    file: FILE
    line: LINE
    col: COL
    cumulates: VARCHAR("for a cumulative count: the rate metric it accumulates (A303)")
    flow: BOOLEAN("values are totals over their period: compared only for the same period")


class UnitRow(NamedTuple):
    """Vocabulary: count units, aliases and custom units."""
    name: VARCHAR("unit name")
    same_as: VARCHAR("the unit this one is another name for")
    definition: VARCHAR("pint definition of a custom unit")
    file: FILE
    line: LINE
    col: COL


class FxRateRow(NamedTuple):
    """Reference exchange rates: average units of a currency per US dollar over a month or year."""
    currency: VARCHAR("ISO 4217 code")
    period: VARCHAR("the month or year as written: 2021-03, 2021")
    period_lo: DATE("first day of the period")
    period_hi: DATE("last day of the period")
    granularity: VARCHAR("month | year")
    units_per_usd: DOUBLE("average units of the currency one US dollar buys in the period")
    source: VARCHAR("where the rates come from (the file's `source: name`)")
    file: FILE
    line: LINE
    col: COL


class FindingRow(NamedTuple):
    """Every finding of the last check."""
    rule: VARCHAR("rule ID")
    slug: VARCHAR("rule name")
    severity: VARCHAR("error | warning | info")
    message: VARCHAR("what is wrong, with both intervals and the computation")
    file: FILE
    line: LINE
    col: COL
    article_id: VARCHAR("article concerned")
    item_id: VARCHAR("claim, relation or event id")
    waived_by: VARCHAR("who signed this finding off with a waiver (NULL: not waived; waived findings do not fail the gate)")


class WaiverRow(NamedTuple):
    """Editors' sign-offs (`waive:`): one rule on one claim, event, relation or article."""
    rule: VARCHAR("rule ID the waiver names")
    article_id: VARCHAR("article of the waived item")
    item_id: VARCHAR("claim, relation or event id; NULL for the article itself")
    reason: VARCHAR("why the finding is accepted")
    waived_by: VARCHAR("who signed it off")
    until: DATE("last day the waiver applies (NULL: no end)")
    status: VARCHAR("applied | unused | expired | duplicate | unknown-rule | not-run (its rule was not selected)")
    file: FILE
    line: LINE
    col: COL


class DuplicateRow(NamedTuple):
    """Verified pairs of articles that are one story: exact copies (D601), syndicated near-copies
    (D602), same-story rewrites (D603)."""
    article_a: VARCHAR("the earlier article of the pair (by publication date, then id)")
    article_b: VARCHAR("the later article: the finding is reported on it")
    kind: VARCHAR("exact | near-copy | update | partial-copy | rewrite")
    rule: VARCHAR("D601 | D602 | D603")
    jaccard: DOUBLE("exact Jaccard of the two 5-word shingle sets after boilerplate removal")
    containment: DOUBLE("shared shingles / shingles of the smaller text (1 = one text inside the other)")
    shared_shingles: INTEGER("shingles the two texts share")
    shingles_a: INTEGER("distinct shingles of article_a")
    shingles_b: INTEGER("distinct shingles of article_b")
    word_jaccard: DOUBLE("Jaccard of the two sets of words (the rewrite signal)")
    shared_figures: INTEGER("subject/metric pairs both articles state with overlapping intervals")
    figures: VARCHAR_LIST("those subject/metric pairs")
    shared_events: INTEGER("event keys both articles mention")
    events: VARCHAR_LIST("those event keys")
    days_apart: INTEGER("first possible publication day of article_b minus that of article_a")
    file: FILE
    line: INTEGER("line of article_b's `article:` key")
    col: INTEGER("column of article_b's `article:` key")
    copied_a: VARCHAR("units of article_a found in article_b, boilerplate not counted: 'paragraphs 1–6 of 9' (sentences when it has fewer than 3 paragraphs)")
    copied_b: VARCHAR("units of article_b found in article_a")
    signals: VARCHAR_LIST("rewrites: the signals that matched ('figures: …', 'events: …', 'names: …', 'rare words: …')")


class DuplicateClusterRow(NamedTuple):
    """Articles in a group of duplicates: connected components of the verified pairs in `duplicates`."""
    article_id: VARCHAR("a member article")
    cluster_id: VARCHAR("the cluster's earliest article")
    size: INTEGER("number of articles in the cluster")


class SourceRow(NamedTuple):
    """Every article with the source it belongs to: a cluster of copies (exact, near-copy, update,
    partial-copy; not rewrites) is one source."""
    article_id: VARCHAR("an article")
    source_id: VARCHAR("the earliest article of its cluster of copies (itself when it has none)")
    copies: INTEGER("articles in that cluster (1: an independent source)")


class ProblemRow(NamedTuple):
    """Problems found while reading and resolving the ledger — unreadable YAML, schema errors, article
    texts, units, dates, draft claims: the loader-stage rules (L101, L102, L106-L109) select theirs."""
    rule: VARCHAR("rule ID of the problem")
    message: VARCHAR("what is wrong and what to do")
    file: FILE
    line: LINE
    col: COL
    article_id: VARCHAR("article concerned (NULL for vocabulary and unreadable files)")
    item_id: VARCHAR("claim, relation or event id")


class BrokenKeyRow(NamedTuple):
    """Keys of vocabulary items and claims that were dropped for an error (L101/L102): references
    to them are not reported again as unknown."""
    vocab: VARCHAR("entity | metric | unit | claim")
    key: VARCHAR("the key as written (article_id/claim_id for a claim)")
    file: VARCHAR("ledger file that holds the unreadable item")


# table name -> its row type, in the order the tables are created
ROWS: dict[str, type] = {
    "articles": ArticleRow,
    "claims": ClaimRow,
    "relations": RelationRow,
    "events": EventRow,
    "entities": EntityRow,
    "metrics": MetricRow,
    "units": UnitRow,
    "fx_rates": FxRateRow,
    "problems": ProblemRow,
    "findings": FindingRow,
    "waivers": WaiverRow,
    "duplicates": DuplicateRow,
    "duplicate_clusters": DuplicateClusterRow,
    "sources": SourceRow,
    "broken_keys": BrokenKeyRow,
}


def _columns(row_type) -> list[tuple[str, str, str]]:
    return [(name, hint.__metadata__[0].sql, hint.__metadata__[0].comment)
            for name, hint in row_type.__annotations__.items()]


TABLES: dict[str, tuple[str, list[tuple[str, str, str]]]] = {
    name: (" ".join(row_type.__doc__.split()), _columns(row_type)) for name, row_type in ROWS.items()
}


def columns(table: str) -> list[str]:
    return list(ROWS[table]._fields)


def ddl() -> list[str]:
    statements = []
    for table, (comment, cols) in TABLES.items():
        body = ",\n  ".join(f"{name} {typ}" for name, typ, _ in cols)
        statements.append(f"CREATE TABLE {table} (\n  {body}\n)")
        statements.append(f"COMMENT ON TABLE {table} IS {_quote(comment)}")
        for name, _, text in cols:
            statements.append(f"COMMENT ON COLUMN {table}.{name} IS {_quote(text)}")
    return statements


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


class TextFigureRow(NamedTuple):
    """Every numeric mention the number extractor (ledger.extract) finds in an article text, read
    in the article's number locale, once per check: what coverage (E701) and quote fidelity (Q201)
    read, and what `factledger extract` shows."""
    article_id: VARCHAR("article whose text it is in")
    file: FILE
    char_start: INTEGER("offset of its first character in articles.text (0-based, in characters)")
    char_end: INTEGER("offset just past its last character")
    written: VARCHAR("the mention as it stands in the text: text[char_start:char_end]")
    kind: VARCHAR("quantity | fraction | multiple | year | date | time | label | ordinal")
    value: DOUBLE("in the written unit, signed as printed (6 million -> 6e6; -40% -> -40)")
    high: DOUBLE("upper end of a range ('two or three' -> value 2, high 3), else NULL")
    unit: VARCHAR("unit expression: USD, %, pp, x (a factor), t, USD/kg, job")
    qualifier: VARCHAR("hedge written right before it: about, more than, ~")
    magnitude: VARCHAR("magnitude word as written: million, bn")
    direction: VARCHAR("direction word before or after it: dropped, rose, lower")
    figure: VARCHAR("the value as a ledger `value:` reads it: '6 million', '12.3%'")
    noun: VARCHAR("the word it counts: batteries, jobs")
    whole: DOUBLE("a fraction of a stated whole: 'a third of 37,500 homes' -> 37500")
    start_figure: VARCHAR("'from 37% to 12%': the earlier state of the 12%")
    covered: BOOLEAN("inside the quote of a claim (drafts too), event or relation of the article")


class ClaimSpanRow(NamedTuple):
    """Where each claim's quote stands in its article's text (drafts have none)."""
    article_id: VARCHAR("article of the claim")
    claim_id: VARCHAR("claim id within the article")
    claim_key: VARCHAR("article_id/claim_id")
    file: FILE
    line: LINE
    col: COL
    char_start: INTEGER("offset of the quote in articles.text: the first occurrence that is isolated, else the first verbatim one, else the first after normalising (L105's); NULL when it does not occur")
    char_end: INTEGER("offset just past the quote")
    verbatim: BOOLEAN("the quote occurs in the text exactly as written")
    isolated: BOOLEAN("it occurs as a sentence of its own: its figures in text_figures are those the quote alone gives (Q201 reads them)")


ROWS.update({"text_figures": TextFigureRow, "claim_spans": ClaimSpanRow})
TABLES.update({name: (" ".join(ROWS[name].__doc__.split()), _columns(ROWS[name]))
               for name in ("text_figures", "claim_spans")})


# `duplicates.kind` values that are copies of one story (not rewrites): here rather than in
# ledger.duplicates, so that readers (views) do not import its numpy
COPIES = ("exact", "near-copy", "update", "partial-copy")
