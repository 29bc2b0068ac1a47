"""`factledger new`: a draft claims file for an article text, one draft claim per figure.

The draft is written beside the text, never over an existing file, atomically (a temp file
linked into place: an interrupted or concurrent run leaves no half-written or clobbered file).
Every candidate claim carries `draft: true`, the subject and metric the vocabulary beside the text
suggests (TODO when nothing fits), its unit, change, direction and `when` as the sentence gives
them: the ledger loads it, L109 reports it, and no other rule compares it until an editor
completes it. Vocabulary entries and events the drafts need are proposed in comments.
"""
from __future__ import annotations

import datetime
import os
import re
import tempfile
from pathlib import Path

import yaml

from . import lexicon, timeref
from .direction import direction_sign
from .draftguess import Vocabulary, dateline, events_in, when_of
from .extract import QUANTITY_KINDS, Mention, extract

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’')\]]*\s+(?=[\"“‘'(\[]?[A-Z0-9])|\n+")
_MAX_QUOTE = 400  # run-on scraped "sentences": quote a window around the figure instead


class DraftError(Exception):
    """The draft cannot be written (existing file, unreadable text, bad option)."""


def slugify(name: str) -> str:
    return re.sub(r"-{2,}", "-", re.sub(r"[^a-z0-9]+", "-", name.lower())).strip("-")[:120]


def write_draft(textfile: Path, *, article_id: str | None = None, outlet: str | None = None,
                published: str | None = None, title: str | None = None, language: str | None = None) -> Path:
    try:
        text = textfile.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DraftError(f"{textfile}: cannot read the article text as UTF-8 ({exc})") from None
    article_id = slugify(article_id or textfile.stem)
    if not article_id:
        raise DraftError(f"{textfile}: cannot make an article id from the name; pass --id")
    target = textfile.parent / f"{article_id}.yaml"
    if target.exists():
        raise DraftError(f"{target}: already exists; `factledger new` never overwrites a claims file "
                         "(edit it, remove it, or pass another --id)")
    if published is not None:
        try:
            timeref.parse_date(published)
        except ValueError as exc:
            raise DraftError(f"--published {published!r}: {exc}") from None
    if language is not None and not re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]+)?", language):
        raise DraftError(f"--language {language!r}: give a language code such as it, de or en-GB")
    content = render_draft(text, textfile.name, article_id, outlet=outlet, published=published, title=title,
                           vocab=Vocabulary.beside(textfile), language=language)
    _write_new(target, content)
    return target


def render_draft(text: str, text_name: str, article_id: str, *, outlet: str | None = None,
                 published: str | None = None, title: str | None = None,
                 vocab: Vocabulary | None = None, language: str | None = None) -> str:
    vocab = vocab or Vocabulary()
    header = [f"# Draft written by `factledger new` from {text_name}.",
              "# Each claim below is a candidate: check `subject` and `metric` (vocabulary keys; TODO where",
              "# nothing in the vocabulary fits), the value, unit, qualifier and `when` against the quote, then",
              "# delete `draft: true`; delete candidates that are not claims."]
    if published is None:
        published = dateline(text)
        if published is not None:
            header.append("# `published` is the date printed at the top of the text.")
        else:
            published, why = _guess_published(text)
            header.append(f"# `published` is a guess ({why}): give the date the source supports.")
    first_line = next((line.strip() for line in text.splitlines() if line.strip()), article_id)
    article = {"id": article_id, "title": title or first_line[:200], "outlet": outlet or "TODO",
               "published": published, "text": text_name}
    if language:
        article["language"] = language
    decimal = lexicon.decimal_mark(language)
    found = extract(text, decimal)
    dates = [m for m in found if m.kind in ("year", "date")]
    mentions = [m for m in found if m.kind in QUANTITY_KINDS]
    starts = {id(a) for a, b in zip(mentions, mentions[1:]) if b.start_figure is not None and b.start_figure == a.figure}
    claims: list[dict] = []
    for i, m in enumerate((m for m in mentions if id(m) not in starts), 1):
        claims.append(_candidate(text, i, m, dates, published, vocab, claims[-1] if claims else None))
    events = events_in(text, _sentences(text), dates, published)
    body = yaml.safe_dump({"article": article, "claims": claims}, sort_keys=False, allow_unicode=True, width=100)
    return "\n".join(header) + "\n" + body + _proposals(claims, events, text, vocab)


def _guess_published(text: str) -> tuple[str, str]:
    this_year = datetime.date.today().year
    years = [int(m.value) for m in extract(text) if m.kind in ("year", "date") and m.value and m.value <= this_year]
    if years:
        return str(max(years)), "the latest year the text mentions"
    return str(this_year), "the current year; the text names none"


def _candidate(text: str, index: int, m: Mention, dates: list[Mention], published: str, vocab: Vocabulary,
               previous: dict | None) -> dict:
    quote = sentence_of(text, m)
    claim: dict = {"id": f"n{index:02d}-{slugify(m.text)}"[:80].rstrip("-"), "quote": quote}
    sign = {1: "+", -1: "-"}.get(direction_sign(m.direction), "")
    unit = None if m.unit in ("%", "x", "pp") else m.unit
    change = m.kind == "multiple" or m.unit == "pp" or _is_change(text, m)
    claim["subject"] = vocab.subject(quote, m) or _same_paragraph_subject(text, quote, previous) or "TODO"
    claim["metric"] = vocab.metric(quote, unit or ("%" if m.percent else None), change, m.noun) or "TODO"
    claim["draft"] = True
    if m.kind == "multiple":
        claim["change"] = f"{m.qualifier} {m.figure}" if m.qualifier else m.figure
    elif m.unit == "pp":  # "up 5 percentage points": an absolute change of a share
        claim["change"] = f"{sign}{m.figure.rstrip('%')} points"
    elif change:
        claim["change"] = m.figure if m.figure.startswith(("-", "+")) else f"{sign}{m.figure}"
    else:
        claim["value"] = m.figure
        if m.start_figure is not None:
            claim["from"] = {"value": m.start_figure}
    if unit and m.kind != "multiple":
        claim["unit"] = unit
    if m.qualifier and m.kind != "multiple":
        claim["qualifier"] = m.qualifier
    if m.direction:
        claim["direction"] = m.direction
    start = text.find(quote)
    when = when_of(quote, m, start, dates, published) if start >= 0 else None
    if when:
        claim["when"] = when
    if m.high is not None:
        claim["note"] = f"a range as written ({m.text!r}): the value is its low end"
    return claim


def _same_paragraph_subject(text: str, quote: str, previous: dict | None) -> str | None:
    """A sentence that names no entity ("We make 6 million batteries") speaks of the previous
    figure's subject when it directly follows that figure's sentence."""
    if previous is None or previous["subject"] == "TODO":
        return None
    before, here = text.find(previous["quote"]), text.find(quote)
    if before < 0 or here < before:
        return None
    return previous["subject"] if not text[before + len(previous["quote"]):here].strip() else None


def _is_change(text: str, m: Mention) -> bool:
    """'jumped 45%', 'down 6.7 million', 'a 74% drop', '(-40% on the year)': the figure is the change;
    'rose to 40 tonnes', 'fell from 37% to 12%' state a level."""
    if m.kind != "quantity" or m.start_figure is not None:
        return False
    if m.figure and m.figure.startswith(("-", "+")) and m.percent:
        return True
    if not m.direction:
        return False
    at = text.rfind(m.direction, max(0, m.start - 60), m.start) if m.direction else -1
    if at < 0:
        at = text.lower().rfind(m.direction, max(0, m.start - 60), m.start)
    if at < 0:
        return True  # the direction word follows the figure: "38.1% lower", "a 74% drop"
    between = text[at + len(m.direction):m.start].lower().split()
    return not any(w in lexicon.LEVEL_WORDS for w in between)


def _sentences(text: str) -> list[tuple[int, str]]:
    out, start = [], 0
    for b in _SENTENCE_END.finditer(text):
        out.append((start, text[start:b.start()]))
        start = b.end()
    out.append((start, text[start:]))
    return [(s, t) for s, t in out if t.strip()]


_CAPITALISED = re.compile(r"(?<![.!?]\s)(?<!^)\b([A-Z][a-z]+(?:\s+(?:[A-Z][a-z]+|of|de|&)){1,4})")


def _proposals(claims: list[dict], events: list[dict], text: str, vocab: Vocabulary) -> str:
    """Vocabulary entries and events the drafts need, commented for the editor to accept."""
    units = sorted({c["unit"] for c in claims if c.get("unit") in set(lexicon.COUNT_UNITS.values())}
                   - vocab.unit_names)
    known = {e.name.lower() for e in vocab.entities} | {a.lower() for e in vocab.entities for a in e.aliases}
    entities: dict[str, str] = {}
    for c in claims:
        if c["subject"] == "TODO":
            for name in _CAPITALISED.findall(c["quote"]):
                if name.lower() not in known and slugify(name):
                    entities.setdefault(slugify(name), name)
    metrics: dict[str, dict] = {}
    for c in claims:
        if c["metric"] == "TODO":
            unit = c.get("unit") or ("%" if "%" in str(c.get("value", c.get("change", ""))) else None)
            name = {"%": "share", None: "figure"}.get(unit, unit)
            key = slugify(f"{name}-{'change' if 'change' in c else 'level'}")
            metrics.setdefault(key, {"key": key, "description": "TODO", "kind": _metric_kind(c, unit),
                                     "unit": unit or "TODO"})
    lines = []
    if units or entities or metrics:
        lines += ["", "# Proposed vocabulary for these drafts: edit, then move into the vocabulary file."]
        if units:
            lines += ["# units:"] + [f"#   - name: {u}" for u in units]
        if entities:
            lines += ["# entities:"] + [f"#   - {{key: {k}, name: {n!r}, kind: organisation}}" for k, n in entities.items()]
        if metrics:
            lines += ["# metrics:"] + [f"#   - {yaml.safe_dump(m, default_flow_style=True, width=200).strip()}"
                                       for m in metrics.values()]
    if events:
        lines += ["", "# Dated happenings: give each an event key (an entity of kind event) and uncomment.",
                  "# events:"]
        for e in events:
            lines += ["#   - " + yaml.safe_dump(e, default_flow_style=True, allow_unicode=True, width=400).strip()]
    return "\n".join(lines) + ("\n" if lines else "")


def _metric_kind(claim: dict, unit: str | None) -> str:
    if "change" in claim:
        return "change"
    if unit == "%":
        return "share"
    if unit and unit.split("/")[0] in lexicon.CURRENCIES:
        return "money" if "/" not in unit else "rate"
    if unit and "/" in unit:
        return "rate"
    return "count" if unit in set(lexicon.COUNT_UNITS.values()) else "level"


def sentence_of(text: str, m: Mention) -> str:
    """The sentence holding the mention, or a window of words around it in a run-on text."""
    start = 0
    end = len(text)
    for b in _SENTENCE_END.finditer(text):
        if b.end() <= m.start:
            start = b.end()
        elif b.start() >= m.end:
            end = b.start()
            break
    if end - start > _MAX_QUOTE:
        lo = text.rfind(" ", start, max(start, m.start - _MAX_QUOTE // 3)) + 1 or start
        hi = text.find(" ", min(end, m.end + _MAX_QUOTE // 3), end)
        start, end = max(start, lo), hi if hi != -1 else end
    return text[start:end].strip()


def _write_new(target: Path, content: str) -> None:
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp's 0600 is for secrets; a claims file is shared like any other
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(content)
        os.link(tmp, target)  # unlike a rename, a link never replaces a file created meanwhile
    except FileExistsError:
        raise DraftError(f"{target}: already exists; `factledger new` never overwrites a claims file") from None
    except OSError as exc:
        raise DraftError(f"{target}: cannot write ({exc.strerror})") from None
    finally:
        os.unlink(tmp)
