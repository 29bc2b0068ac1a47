"""Pydantic models of a ledger file. Scalars arrive as source text; validators parse them."""
from __future__ import annotations

import datetime
import functools
import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, model_validator

from . import lexicon, quantity, timeref, windows

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=120)]
# A claim reference: `claim-id` in the same article or `article-id/claim-id`.
Ref = Annotated[str, StringConstraints(pattern=r"^([a-z0-9][a-z0-9-]*/)?[a-z0-9][a-z0-9-]*$")]
Text = Annotated[str, StringConstraints(min_length=1, max_length=20_000)]
# A vocabulary key, or the placeholder `TODO` that `factledger new` leaves in draft claims.
SlugOrTodo = Annotated[str, StringConstraints(pattern=r"^([a-z0-9][a-z0-9-]*|TODO)$", max_length=120)]


def _memo(check):
    """`check` run once per distinct text: figures and dates repeat across a ledger ("2024",
    "about 40"). Only texts that passed are kept (a failure raises again); forgotten when the
    lexicon changes (a word added at run time may change what a text means)."""
    passed = lexicon.derived(dict)  # a fresh dict after any change to the lexicon

    @functools.wraps(check)
    def run(text: str) -> str:
        seen = passed()
        if text not in seen:
            if len(seen) > 1 << 16:
                seen.clear()
            seen[text] = check(text)
        return seen[text]
    return run


@_memo
def _number(text: str) -> str:
    # ledger notation, or a decimal-comma figure ("31,7%") that resolve reads with the
    # article's `decimal`/`language` (docs/format.md, Number locale)
    try:
        quantity.parse_number(text)
    except quantity.QuantityError:
        quantity.parse_number(text, decimal=",")  # raises QuantityError (a ValueError) with the reason
    return text


@_memo
def _change(text: str) -> str:
    quantity.parse_change(text)
    return text


@_memo
def _window(text: str) -> str:
    windows.parse_window(text)
    return text


@_memo
def _range(text: str) -> str:
    for part in str(text).split(".."):
        quantity.parse_number(part.strip())
    return text


@_memo
def _hedge(text: str) -> str:
    quantity.canonical_hedge(text)
    return text


@_memo
def _date(text: str) -> str:
    timeref.parse_date(text)
    return text


def _rule_id(text: str) -> str:
    if not re.fullmatch(r"[A-Z]\d{3}", text):
        raise ValueError("a waiver names one rule ID, such as Q203")
    return text


def _day(text: str) -> str:
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            datetime.date.fromisoformat(text)
            return text
    except ValueError:
        pass
    raise ValueError("`until` is a day, YYYY-MM-DD")


NumberText = Annotated[str, AfterValidator(_number)]
ChangeText = Annotated[str, AfterValidator(_change)]
HedgeText = Annotated[str, AfterValidator(_hedge)]
DateText = Annotated[str, AfterValidator(_date)]
WindowText = Annotated[str, AfterValidator(_window)]
RangeText = Annotated[str, AfterValidator(_range)]
# A bound written as a number; "nan" and "inf" are no bound (leave the key out for none).
FiniteFloat = Annotated[float, Field(allow_inf_nan=False, ge=-1e100, le=1e100)]
Tense = Literal["past", "present", "future"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)


class Waive(_Model):
    """An editor's sign-off: this rule's finding on this item is known and accepted."""
    rule: Annotated[str, AfterValidator(_rule_id)]
    reason: Text
    by: Text
    until: Annotated[str, AfterValidator(_day)] | None = None


@_memo
def _published(text: str) -> str:
    when = timeref.parse_date(text)
    if (when.hi - when.lo).days > timeref.MAX_PUBLISHED_DAYS:
        raise ValueError("a publication date is a year, a month or a day (relative dates resolve against it),"
                         " not a range of years")
    return text


class ArticleMeta(_Model):
    id: Slug
    title: Text
    outlet: Text
    published: Annotated[str, AfterValidator(_published)]
    text: str | None = None
    body: str | None = None
    url: str | None = None
    kind: Literal["article", "reference"] = "article"
    # number locale of the text: `decimal: ","` or a language whose news writes a decimal comma
    language: Annotated[str, StringConstraints(pattern=r"^[A-Za-z]{2,3}(-[A-Za-z0-9]+)?$")] | None = None
    decimal: Literal[".", ","] | None = None
    note: str | None = None
    waive: list[Waive] = []

    @model_validator(mode="after")
    def _one_text(self):
        if (self.text is None) == (self.body is None):
            raise ValueError("give the article text as exactly one of `text: FILE.txt` or `body: ...`")
        return self


class FromState(_Model):
    value: NumberText
    when: str | None = None


class Claim(_Model):
    id: Slug
    quote: Text
    subject: SlugOrTodo
    metric: SlugOrTodo
    value: NumberText | None = None
    unit: str | None = None
    qualifier: HedgeText | None = None
    when: str | None = None
    tense: Tense | None = None
    restates: Ref | None = None
    # the earlier state: a figure `{value, when}`, or the id of the claim stating it
    from_: FromState | Ref | None = Field(None, alias="from")
    window: WindowText | None = None  # a change's window: month-on-month, year-on-year, since 2024-03 ...
    state: Slug | None = None  # the state the value holds in: current, initial, planned, full-operation ...
    event: Slug | None = None  # the event the figure belongs to (an entity of kind `event`)
    change: ChangeText | None = None
    direction: str | None = None
    of: Slug | None = None
    rank: int | None = Field(None, ge=1, le=1_000_000)  # a place in a ranking; the table column is INTEGER
    superseded_by: Ref | None = None
    note: str | None = None
    draft: bool = False  # written by `factledger new`; kept out of every comparison until completed
    waive: list[Waive] = []

    @model_validator(mode="after")
    def _has_figure(self):
        if self.value is None and self.change is None:
            raise ValueError("a claim needs a `value` (or, for a change, a `change`)")
        return self

    @model_validator(mode="after")
    def _todo_only_in_drafts(self):
        todo = [k for k in ("subject", "metric") if getattr(self, k) == "TODO"]
        if todo and not self.draft:
            raise ValueError(f"`{'` and `'.join(todo)}` still TODO: name the vocabulary key "
                             "(only a `draft: true` claim may leave it TODO)")
        return self


class Relation(_Model):
    id: Slug
    holds: Text
    quote: str | None = None
    note: str | None = None
    waive: list[Waive] = []


class EventMention(_Model):
    id: Slug
    event: Slug
    quote: Text
    when: str
    tense: Tense | None = None
    note: str | None = None
    waive: list[Waive] = []


class Entity(_Model):
    key: Slug
    name: Text
    kind: Literal[
        "organisation", "country", "region", "facility", "person", "product", "event", "market", "group"
    ]
    aliases: list[str] = []
    date: DateText | None = None  # for an event: the day (or period) it happened
    note: str | None = None


class Metric(_Model):
    key: Slug
    description: Text
    kind: Literal["level", "rate", "share", "change", "count", "money", "date"]
    unit: str
    min: FiniteFloat | None = None
    max: FiniteFloat | None = None
    note: str | None = None
    # a count metric that accumulates a rate metric (cells shipped since 2017 <- cells per day):
    # A303 bounds the total by rate x elapsed time
    cumulates: Slug | None = None
    # values are totals over their `when` (sales in Q1): two are one quantity only for one period
    flow: bool = False

    @model_validator(mode="after")
    def _bounds_in_order(self):
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(f"`min` ({self.min:g}) is above `max` ({self.max:g}): no value fits; swap them")
        return self


class Constant(_Model):
    """A named yardstick with a range, usable in relations: a football field is 48,000..57,600 ft**2."""
    key: Slug
    name: Text
    value: RangeText  # a figure, or LOW..HIGH
    unit: str
    source: str | None = None
    note: str | None = None


class UnitDef(_Model):
    name: Annotated[str, StringConstraints(pattern=r"^[A-Za-z_][A-Za-z0-9_]*$")]
    same_as: str | None = None
    definition: str | None = None
    note: str | None = None

    @model_validator(mode="after")
    def _one_kind(self):
        if self.same_as is not None and self.definition is not None:
            raise ValueError("a unit is a count (no keys), `same_as` another unit, or has a `definition` — not both")
        return self


class Source(_Model):
    """Where a file's reference data comes from (FX rates, official statistics)."""
    name: Text
    url: str | None = None
    note: str | None = None


Currency = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]


class FxRate(_Model):
    """An average exchange rate over a month (`2021-03`) or a year (`2021`)."""
    currency: Currency
    period: Annotated[str, StringConstraints(pattern=r"^\d{4}(-(0[1-9]|1[0-2]))?$"), AfterValidator(_date)]
    units_per_usd: float = Field(gt=0, allow_inf_nan=False)


class LedgerFile(_Model):
    article: ArticleMeta | None = None
    claims: list[Claim] = []
    relations: list[Relation] = []
    events: list[EventMention] = []
    entities: list[Entity] = []
    metrics: list[Metric] = []
    units: list[UnitDef] = []
    constants: list[Constant] = []
    source: Source | None = None
    fx_rates: list[FxRate] = []

    @model_validator(mode="after")
    def _items_need_article(self):
        if self.article is None and (self.claims or self.relations or self.events):
            raise ValueError("`claims`, `relations` and `events` belong to an `article`: add the `article` section")
        return self


SECTION_KEYS = tuple(LedgerFile.model_fields)
