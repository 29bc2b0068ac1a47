"""Turn validated ledger files into table rows: intervals in canonical units, day intervals
for time, references made global. Problems that need the whole vocabulary (units, dates)
become located findings here; the rules work on the rows."""
from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass, field
from pathlib import Path

from . import dateline, lexicon, quantity, textscan, timeref, windows
from .finding import Finding
from .interval import Interval
from .loader import Ledger, LoadedFile, load_ledger
from .schema import (ArticleRow, BrokenKeyRow, ClaimRow, ClaimSpanRow, EntityRow, EventRow, FxRateRow, MetricRow,
                     RelationRow, TextFigureRow, UnitRow)
from .direction import direction_sign
from .textnorm import normalise
from .units import UnitError, UnitTable

INF = float("inf")
# Domains by metric kind, in canonical units (shares in %).
KIND_DOMAINS = {
    "share": Interval(0.0, 100.0),
    "change": Interval(-INF, INF),
    "date": Interval(-INF, INF),
}
NONNEGATIVE = Interval(0.0, INF)


@dataclass(slots=True)
class Tables:
    """The rows of the ledger's own tables (schema row types, built by name)."""
    articles: list[ArticleRow] = field(default_factory=list)
    claims: list[ClaimRow] = field(default_factory=list)
    relations: list[RelationRow] = field(default_factory=list)
    events: list[EventRow] = field(default_factory=list)
    entities: list[EntityRow] = field(default_factory=list)
    metrics: list[MetricRow] = field(default_factory=list)
    units: list[UnitRow] = field(default_factory=list)
    fx_rates: list[FxRateRow] = field(default_factory=list)
    broken_keys: list[BrokenKeyRow] = field(default_factory=list)
    text_figures: list[TextFigureRow] = field(default_factory=list)  # ledger.textscan
    claim_spans: list[ClaimSpanRow] = field(default_factory=list)


@dataclass(slots=True)
class Resolved:
    tables: Tables
    problems: list[Finding]
    unit_table: UnitTable


def global_ref(article_id: str, ref: str | None) -> str | None:
    if ref is None:
        return None
    return ref if "/" in ref else f"{article_id}/{ref}"


def _problem(rule, f: LoadedFile, path, message, **kw) -> Finding:
    line, col = f.doc.position(path)
    return Finding(rule=rule, slug="", severity="error", message=message, file=f.display, line=line, col=col, **kw)


@dataclass(slots=True)
class Vocabulary:
    """What every article resolves against: the units, entities, metrics and FX rows of the whole
    ledger, the unit table, each metric's unit and domain, the tolerance. An edit to any of it
    re-resolves every article (ledger.session)."""
    tables: Tables  # units, entities, metrics, fx_rates
    problems: list[Finding]
    unit_table: UnitTable
    metric_info: dict[str, tuple]  # metric key -> (model, unit info, domain)
    tolerance: float | quantity.Tolerance


def resolve(ledger: Ledger, tolerance: float = 0.05) -> Resolved:
    """The rows of the whole ledger: the vocabulary, what each article file contributes, then the
    steps across files. ledger.session composes the same three steps incrementally."""
    files = ledger.models()
    vocab = vocabulary(files, tolerance)
    tables = Tables(**{k: list(getattr(vocab.tables, k)) for k in VOCABULARY_TABLES})
    problems = list(vocab.problems)
    for f, model in files:
        if model.article is not None:
            part = resolve_file(f, model, vocab)
            for name in ARTICLE_TABLES:
                getattr(tables, name).extend(getattr(part.tables, name))
            problems.extend(part.problems)
    problems.extend(link(tables, ledger.files, files))
    return Resolved(tables, problems, vocab.unit_table)


VOCABULARY_TABLES = ("units", "entities", "metrics", "fx_rates")
# what an article file contributes: every table of Tables but the vocabulary's and broken_keys
ARTICLE_TABLES = tuple(f.name for f in dataclasses.fields(Tables) if f.name not in (*VOCABULARY_TABLES, "broken_keys"))


@dataclass(slots=True)
class FileRows:
    """What one article file contributes: its rows of the article tables (before the cross-file
    `from:` states) and the problems resolving it found."""
    tables: Tables
    problems: list[Finding]


def resolve_file(f: LoadedFile, model, vocab: Vocabulary) -> FileRows:
    """The rows of one article file against the vocabulary: a function of the file, its article
    text and the vocabulary only."""
    tables, problems = Tables(), []
    _article(f, model, tables, problems, vocab.unit_table, vocab.metric_info, vocab.tolerance)
    return FileRows(tables, problems)


def link(tables: Tables, loaded: list[LoadedFile], files) -> list[Finding]:
    """The steps across files, on the rows of the whole ledger: `from:` claims take the earlier
    claim's figure (in place), items that failed to load are listed, `superseded_by` loops found."""
    tables.broken_keys = [BrokenKeyRow(*row) for row in sorted({(v, k, f.display) for f in loaded for v, k in f.broken})]
    _earlier_states(tables.claims)
    return _supersede_cycles(files)


def vocabulary(files, tolerance: float | quantity.Tolerance = 0.05) -> Vocabulary:
    """The vocabulary phase over every file's `units`, `entities`, `metrics` and `fx_rates`."""
    tables = Tables()
    problems: list[Finding] = []
    first = _first_definitions(files, problems)
    units = [(f, i, u) for f, m in files for i, u in enumerate(m.units) if first(f, "units", i, u.name)]
    table = UnitTable.from_definitions((u.name, u.same_as, u.definition) for _, _, u in units)
    conflicts = table.conflicts()
    broken = table.broken()
    for f, i, u in units:
        line, col = f.doc.position(("units", i))
        if u.name in conflicts:
            problems.append(_problem("L107", f, ("units", i, "name"),
                f"unit name {u.name!r} is already a standard unit ({conflicts[u.name]}); choose another name"))
        elif u.name in broken:
            key = "same_as" if u.same_as is not None else "definition"
            problems.append(_problem("L107", f, ("units", i, key), f"unit {u.name!r}: `{key}` {broken[u.name]}"))
        tables.units.append(UnitRow(name=u.name, same_as=u.same_as, definition=u.definition,
                                    file=f.display, line=line, col=col))
    metric_info: dict[str, tuple] = {}
    for f, model in files:
        for i, e in enumerate(model.entities):
            if not first(f, "entities", i, e.key):
                continue
            line, col = f.doc.position(("entities", i))
            day = _parse_date(e.date) if e.date else None
            tables.entities.append(EntityRow(key=e.key, name=e.name, kind=e.kind, aliases=list(e.aliases),
                                             file=f.display, line=line, col=col, date_text=e.date,
                                             date_lo=day.lo if day else None, date_hi=day.hi if day else None))
        for i, m in enumerate(model.metrics):
            if not first(f, "metrics", i, m.key):
                continue
            line, col = f.doc.position(("metrics", i))
            try:
                info = table.resolve(m.unit)
            except UnitError as exc:
                if not exc.echo:
                    problems.append(_problem("L107", f, ("metrics", i, "unit"), f"metric {m.key!r}: {exc}"))
                info = None
            domain = KIND_DOMAINS.get(m.kind, NONNEGATIVE)
            if info is not None and (m.min is not None or m.max is not None):
                domain = Interval(domain.lo if m.min is None else m.min * info.factor,
                                  domain.hi if m.max is None else m.max * info.factor)
            metric_info[m.key] = (m, info, domain)
            tables.metrics.append(MetricRow(
                key=m.key, description=m.description, kind=m.kind, unit=m.unit,
                canonical_unit=info.canonical if info else None, dimension=info.dimension if info else None,
                min_value=domain.lo, max_value=domain.hi, file=f.display, line=line, col=col,
                cumulates=m.cumulates, flow=m.flow))
        tables.fx_rates.extend(_fx_rows(f, model))
    if not tables.fx_rates and any(m.article is not None for _, m in files):
        tables.fx_rates.extend(default_fx_rows())  # no FX table of its own: the shipped one
    return Vocabulary(tables, problems, table, metric_info, tolerance)


def _earlier_states(rows: list[ClaimRow]) -> None:
    """`from: claim-id`: the earlier state is that claim's figure and time (same canonical unit)."""
    by_key = {r.claim_key: r for r in rows}
    for n, row in enumerate(rows):
        earlier = by_key.get(row.from_ref) if row.from_ref else None
        if earlier is None or earlier.canonical_unit != row.canonical_unit:
            continue
        rows[n] = row._replace(
            from_value_text=earlier.value_text, from_lo=earlier.lo, from_hi=earlier.hi,
            from_strict_lo=earlier.strict_lo, from_strict_hi=earlier.strict_hi,
            from_when_lo=earlier.when_lo, from_when_hi=earlier.when_hi)


_VOCAB_FIELDS = {"entities": ("entity", "key"), "metrics": ("metric", "key"), "units": ("unit", "name")}


def _first_definitions(files, problems):
    """Vocabulary keys defined more than once (two ledger folders each with a vocab.yaml, a
    pasted entry): the first definition (by file, line) is the one used, each repeat is one
    L104 finding, and the tables hold every key once, so no rule compares a claim twice."""
    places: dict[tuple, list] = {}
    for f, model in files:
        for section, (what, name) in _VOCAB_FIELDS.items():
            for i, item in enumerate(getattr(model, section)):
                places.setdefault((what, getattr(item, name)), []).append(
                    (f.display, *f.doc.position((section, i)), id(f), i))
    keep = set()
    repeats: dict[tuple[str, str], list] = {}  # (file, file of the first definitions) -> repeats
    for (what, key), found in places.items():
        found.sort()
        keep.add((found[0][3], found[0][4], what))
        for display, line, col, _, _ in found[1:]:
            repeats.setdefault((display, found[0][0]), []).append((line, col, what, key, found[0][1]))
    for (display, first_file), items in repeats.items():
        items.sort()
        if len(items) > _MAX_REPEATS_SHOWN:  # a second copy of a vocabulary: one finding, not one per key
            line, col = items[0][:2]
            keys = ", ".join(k for *_, k, _ in items[:_MAX_REPEATS_SHOWN])
            message = (f"{len(items)} vocabulary keys here are already defined in {first_file} ({keys}, ...):"
                       " a ledger has one vocabulary; delete this copy (the first definitions are used)")
            problems.append(Finding(rule="L104", slug="", severity="error", file=display, line=line, col=col,
                                    message=message))
            continue
        for line, col, what, key, first_line in items:
            problems.append(Finding(rule="L104", slug="", severity="error", file=display, line=line, col=col,
                message=f"duplicate {what} id '{key}' (first at {first_file}:{first_line}); give each a distinct id"))
    return lambda f, section, i, _key: (id(f), i, _VOCAB_FIELDS[section][0]) in keep


_MAX_REPEATS_SHOWN = 5


def _supersede_cycles(files) -> list[Finding]:
    """A claim superseded by itself, directly or round a loop, leaves no current figure: every
    claim of the loop drops out of the comparisons without a word. One finding per loop."""
    edges: dict[str, tuple] = {}
    for f, model in files:
        if model.article is None:
            continue
        for i, c in enumerate(model.claims):
            if c.superseded_by is not None:
                edges[f"{model.article.id}/{c.id}"] = (global_ref(model.article.id, c.superseded_by), f, i)
    problems, done = [], set()
    for start in edges:
        path, node = [], start
        while node in edges and node not in done and node not in path:
            path.append(node)
            node = edges[node][0]
        done.update(path)
        if node in path:
            loop = path[path.index(node):]
            first = min(loop, key=lambda k: (edges[k][1].display, edges[k][2]))
            _, f, i = edges[first]
            names = " -> ".join(loop[loop.index(first):] + loop[:loop.index(first)] + [first])
            problems.append(_problem("L102", f, ("claims", i, "superseded_by"),
                f"`superseded_by` goes round in a loop ({names}): no claim of it is current;"
                " the correction names the claim that replaces this one, never an earlier one",
                article_id=first.split("/")[0], item_id=first.split("/", 1)[1]))
    return problems


def default_fx_table() -> Path:
    """The reference FX table shipped with factledger (ECB monthly and yearly averages per US
    dollar, generated by `python -m ledger.fxgen`)."""
    return Path(__file__).resolve().parent / "data" / "fx-usd.yaml"  # package data, beside this module


@functools.cache
def default_fx_rows() -> tuple[FxRateRow, ...]:
    """`fx_rates` rows of the shipped table: what a ledger without an FX table of its own uses, so
    that a wrong currency conversion is still checked (Q204) rather than reported as unknown."""
    path = default_fx_table()
    # rows name the file by its absolute path: the same whatever the working folder was at first use
    return tuple(row._replace(file=str(path)) for row in resolve(load_ledger([path])).tables.fx_rates)


def _fx_rows(f, model) -> list[FxRateRow]:
    source = model.source.name if model.source else None
    rows = []
    for i, r in enumerate(model.fx_rates):
        period = timeref.parse_date(r.period)
        granularity = "year" if len(r.period) == 4 else "month"  # the model admits only YYYY, YYYY-MM
        line, col = f.doc.position(("fx_rates", i))
        rows.append(FxRateRow(currency=r.currency, period=r.period, period_lo=period.lo, period_hi=period.hi,
                              granularity=granularity, units_per_usd=r.units_per_usd, source=source,
                              file=f.display, line=line, col=col))
    return rows


def _when(text, published, f, path, problems, tense=None):
    """(lo, hi, relative, direction, impossible-reason) for a `when`, or Nones."""
    if text is None or published is None:
        return None, None, None, None, None
    try:
        w = _resolve_when(text, published, tense)
    except timeref.ImpossibleDate as exc:
        return None, None, True, None, str(exc)
    except timeref.DateError as exc:
        problems.append(_problem("L108", f, path, str(exc)))
        return None, None, None, None, None
    return w.lo, w.hi, w.relative, w.direction, None


def _article(f, model, tables, problems, table, metric_info, tolerance):
    a = model.article
    published = _parse_date(a.published)
    decimal = lexicon.decimal_mark(a.language, a.decimal)
    line, col = f.doc.position(("article",))
    published_at = f.doc.position(("article", "published"))
    text = f.text
    tables.articles.append(ArticleRow(
        article_id=a.id, kind=a.kind, title=a.title, outlet=a.outlet, published=a.published,
        published_lo=published.lo, published_hi=published.hi, url=a.url, text_file=a.text, text=text,
        text_norm=normalise(text) if text is not None else None, file=f.display, line=line, col=col,
        decimal_mark=decimal, published_line=published_at[0], published_col=published_at[1]))
    # relative words resolve against a printed dateline ("BRUSSELS, March 4 (Wire) –") when there is one
    printed = dateline.find(text, published)
    anchor = printed[0] if printed else published
    for i, c in enumerate(model.claims):
        if c.draft:  # reported by L109 (a row of `problems`) and compared with nothing until completed
            problems.append(_draft_problem(f, a.id, i, c))
            continue
        tables.claims.append(_claim(f, a.id, i, c, anchor, table, metric_info, tolerance, problems, decimal))
    for i, r in enumerate(model.relations):
        line, col = f.doc.position(("relations", i))
        tables.relations.append(RelationRow(
            article_id=a.id, relation_id=r.id, relation_key=f"{a.id}/{r.id}", holds=r.holds, quote=r.quote,
            quote_norm=normalise(r.quote) if r.quote else None, file=f.display, line=line, col=col))
    for i, e in enumerate(model.events):
        line, col = f.doc.position(("events", i))
        lo, hi, rel, direction, impossible = _when(e.when, anchor, f, ("events", i, "when"), problems, e.tense)
        tables.events.append(EventRow(
            article_id=a.id, mention_id=e.id, mention_key=f"{a.id}/{e.id}", event=e.event, quote=e.quote,
            quote_norm=normalise(e.quote), when_text=e.when, when_lo=lo, when_hi=hi, when_relative=rel,
            when_direction=direction, when_error=impossible, tense=e.tense, file=f.display, line=line, col=col))
    textscan.add_rows(tables, a.id, f, model, decimal)  # the text's figures, scanned once per check


def _draft_problem(f, article_id: str, i: int, claim) -> Finding:
    todo = [k for k in ("subject", "metric") if getattr(claim, k) == "TODO"]
    what = f"set {' and '.join(todo)}, " if todo else ""
    return _problem("L109", f, ("claims", i),
                    f"draft claim '{claim.id}' ({claim.value or claim.change}): {what}check value, unit and qualifier "
                    "against the quote, then remove `draft: true` (or delete the candidate)",
                    article_id=article_id, item_id=claim.id)


# Figures, readings and time references repeat across a large ledger ("4,000", "about 70",
# "last year" in one month): each distinct input is computed once. All results are frozen.
_parse_number = functools.lru_cache(maxsize=1 << 16)(quantity.parse_number)
_resolve_when = functools.lru_cache(maxsize=1 << 16)(timeref.resolve_when)
_parse_date = functools.lru_cache(maxsize=1 << 16)(timeref.parse_date)


@functools.lru_cache(maxsize=1 << 16)
def _readings(text, hedge, info, domain, tolerance, decimal="."):
    num = _parse_number(text, decimal)
    written_domain = Interval(domain.lo / info.factor, domain.hi / info.factor)
    r = quantity.readings(num, hedge, written_domain, tolerance)
    return num, r.generous.scale(info.factor), r.strict.scale(info.factor)


def _claim(f, article_id, i, c, published, table, metric_info, tolerance, problems, decimal=".") -> ClaimRow:
    path = ("claims", i)
    line, col = f.doc.position(path)
    restates = global_ref(article_id, c.restates)
    if restates == f"{article_id}/{c.id}":
        problems.append(_problem("L102", f, path + ("restates",),
            f"claim {c.id!r} restates itself: `restates` names the other claim that states the same"
            " quantity in other units", article_id=article_id, item_id=c.id))
        restates = None
    metric, info, domain = metric_info.get(c.metric, (None, None, NONNEGATIVE))
    unit_text = c.unit
    written = c.value
    from_value = c.from_.value if c.from_ is not None and not isinstance(c.from_, str) else None
    for key, text in (("value", c.value), ("from", from_value)):
        try:
            if text is not None:
                _parse_number(text, decimal)
        except quantity.QuantityError:
            problems.append(_problem("L102", f, path + (key,),
                f"claim {c.id!r}: {text!r} is decimal-comma notation but this article's figures use '.': "
                "set `decimal: \",\"` (or its `language`) on the article, or write the value in ledger notation"))
            written = None
    c_from = c.from_ if written is not None and from_value is not None else None
    hint = _parse_number(written, decimal).unit_hint if written is not None else None
    if unit_text is None:
        unit_text = hint or (metric.unit if metric else None)
    claim_info = None
    if unit_text is not None:
        try:
            claim_info = table.resolve(unit_text)
        except UnitError as exc:
            if not exc.echo:
                problems.append(_problem("L107", f, path + ("unit",), f"claim {c.id!r}: {exc}"))
        else:
            if hint and c.unit and not table.compatible(table.resolve(hint), claim_info) and not (
                    hint == claim_info.currency):  # "$640" with USD/kg: money per unit
                problems.append(_problem("L107", f, path + ("unit",),
                    f"claim {c.id!r}: the value {written!r} is in {hint} but the unit says {c.unit!r}"))
                claim_info = None
            elif info is not None and info.dimension != claim_info.dimension:  # any currency fits a money metric
                problems.append(_problem("L107", f, path + ("unit",),
                    f"claim {c.id!r}: unit {unit_text!r} ({claim_info.dimension}) does not fit metric "
                    f"{c.metric!r}, measured in {metric.unit!r} ({info.dimension})"))
                claim_info = None
    hedge = quantity.canonical_hedge(c.qualifier) if c.qualifier else None
    value = lo = hi = slo = shi = None
    lo_open = hi_open = slo_open = shi_open = None
    if written is not None and claim_info is not None:
        num, gen, strict = _readings(written, hedge, claim_info, domain, tolerance, decimal)
        value = num.value * claim_info.factor
        lo, hi, lo_open, hi_open = gen.lo, gen.hi, gen.lo_open, gen.hi_open
        slo, shi, slo_open, shi_open = strict.lo, strict.hi, strict.lo_open, strict.hi_open
    w_lo, w_hi, w_rel, w_dir, w_bad = _when(c.when, published, f, path + ("when",), problems, c.tense)
    earlier = {}
    if c_from is not None and claim_info is not None:
        _, fg, fs = _readings(c_from.value, None, claim_info, domain, tolerance, decimal)
        fw = _when(c_from.when, published, f, path + ("from", "when"), problems)
        earlier = dict(from_value_text=c_from.value, from_lo=fg.lo, from_hi=fg.hi, from_strict_lo=fs.lo,
                       from_strict_hi=fs.hi, from_when_lo=fw[0], from_when_hi=fw[1])
    change = {}
    if c.change is not None:
        change = _change(c.change, c.direction, claim_info, tolerance)
    return ClaimRow(
        article_id=article_id, claim_id=c.id, claim_key=f"{article_id}/{c.id}", file=f.display, line=line,
        col=col, quote=c.quote, quote_norm=normalise(c.quote), subject=c.subject, metric=c.metric,
        value_text=written, unit_text=unit_text, qualifier=c.qualifier, hedge=hedge, value=value,
        canonical_unit=claim_info.canonical if claim_info else None,
        dimension=claim_info.dimension if claim_info else None,
        currency=claim_info.currency if claim_info else None,
        lo=lo, hi=hi, lo_open=lo_open, hi_open=hi_open,
        strict_lo=slo, strict_hi=shi, strict_lo_open=slo_open, strict_hi_open=shi_open,
        domain_lo=domain.lo, domain_hi=domain.hi,
        when_text=c.when, when_lo=w_lo, when_hi=w_hi, when_relative=w_rel, when_direction=w_dir,
        when_error=w_bad, tense=c.tense, restates=restates,
        from_value_text=None, from_lo=None, from_hi=None, from_strict_lo=None, from_strict_hi=None,
        from_when_lo=None, from_when_hi=None, change_text=None, change_kind=None, change_lo=None,
        change_hi=None, direction=c.direction, share_of=c.of, rank=c.rank,
        superseded_by=global_ref(article_id, c.superseded_by),
        change_window=windows.parse_window(c.window) if c.window else None, state=c.state, event=c.event,
        from_ref=global_ref(article_id, c.from_) if isinstance(c.from_, str) else None,
    )._replace(**earlier, **change)


def _change(text, direction, info, tolerance) -> dict:
    """The change columns (text, kind, lo, hi): a factor for relative/factor changes, a canonical delta for absolute
    ones; an unsigned change takes its sign from the direction word, else stays NULL."""
    ch = quantity.parse_change(text)
    sign = ch.sign or direction_sign(direction)
    if ch.kind == "factor":
        iv = quantity.change_factor(ch)
    elif not sign:
        return dict(change_text=text, change_kind=ch.kind)
    elif ch.kind == "relative":
        iv = quantity.change_factor(dataclasses.replace(ch, sign=sign))
    else:
        scale = 1.0 if ch.number.unit_hint == "%" or info is None else info.factor
        iv = quantity.readings(ch.number, None, Interval(-INF, INF), tolerance).generous.scale(sign * scale)
    return dict(change_text=text, change_kind=ch.kind, change_lo=iv.lo, change_hi=iv.hi)
