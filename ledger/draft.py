"""`factledger new`: a draft claims file for an article text, one draft claim per figure.

The draft is written beside the text, never over an existing file, atomically (a temp file
linked into place: an interrupted or concurrent run leaves no half-written or clobbered file).
Every candidate claim carries `draft: true` and `TODO` for its subject and metric: the ledger
loads it, L109 reports it, and no other rule compares it until an editor completes it.
"""
from __future__ import annotations

import datetime
import os
import re
import tempfile
from pathlib import Path

import yaml

from . import jsonschema, timeref
from .direction import direction_sign
from .extract import QUANTITY_KINDS, Mention, extract

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’')\]]*\s+(?=[\"“‘'(\[]?[A-Z0-9])|\n+")
_MAX_QUOTE = 400  # run-on scraped "sentences": quote a window around the figure instead


class DraftError(Exception):
    """The draft cannot be written (existing file, unreadable text, bad option)."""


def slugify(name: str) -> str:
    return re.sub(r"-{2,}", "-", re.sub(r"[^a-z0-9]+", "-", name.lower())).strip("-")[:120]


def write_draft(textfile: Path, *, article_id: str | None = None, outlet: str | None = None,
                published: str | None = None, title: str | None = None) -> Path:
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
    content = render_draft(text, textfile.name, article_id, outlet=outlet, published=published, title=title)
    schema_file = jsonschema.ensure_file(target.parent)
    if schema_file is not None:  # editors without our language server still complete and validate keys
        content = jsonschema.modeline(schema_file.name) + "\n" + content
    _write_new(target, content)
    return target


def render_draft(text: str, text_name: str, article_id: str, *, outlet: str | None = None,
                 published: str | None = None, title: str | None = None) -> str:
    header = [f"# Draft written by `factledger new` from {text_name}.",
              "# Each claim below is a candidate: set `subject` and `metric` (vocabulary keys), check the",
              "# value, unit and qualifier against the quote, then delete `draft: true`; delete candidates",
              "# that are not claims."]
    if published is None:
        published, why = _guess_published(text)
        header.append(f"# `published` is a guess ({why}): give the date the source supports.")
    first_line = next((line.strip() for line in text.splitlines() if line.strip()), article_id)
    article = {"id": article_id, "title": title or first_line[:200], "outlet": outlet or "TODO",
               "published": published, "text": text_name}
    mentions = [m for m in extract(text) if m.kind in QUANTITY_KINDS]
    claims = [_candidate(text, i, m) for i, m in enumerate(mentions, 1)]
    body = yaml.safe_dump({"article": article, "claims": claims}, sort_keys=False, allow_unicode=True, width=100)
    return "\n".join(header) + "\n" + body


def _guess_published(text: str) -> tuple[str, str]:
    this_year = datetime.date.today().year
    years = [int(m.value) for m in extract(text) if m.kind in ("year", "date") and m.value and m.value <= this_year]
    if years:
        return str(max(years)), "the latest year the text mentions"
    return str(this_year), "the current year; the text names none"


def _candidate(text: str, index: int, m: Mention) -> dict:
    claim: dict = {"id": f"n{index:02d}-{slugify(m.text)}"[:80].rstrip("-"), "quote": sentence_of(text, m),
                   "subject": "TODO", "metric": "TODO", "draft": True}
    if m.kind == "multiple":
        claim["change"] = m.figure
    elif m.unit == "pp":  # "up 5 percentage points": an absolute change of a share
        sign = {1: "+", -1: "-"}.get(direction_sign(m.direction), "")
        claim["change"] = f"{sign}{m.figure.rstrip('%')} points"
    else:
        claim["value"] = m.figure
        if m.unit not in (None, "%"):
            claim["unit"] = m.unit
    if m.qualifier:
        claim["qualifier"] = m.qualifier
    if m.direction:
        claim["direction"] = m.direction
    if m.high is not None:
        claim["note"] = f"a range as written ({m.text!r}): the value is its low end"
    return claim


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
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(content)
        os.link(tmp, target)  # unlike a rename, a link never replaces a file created meanwhile
    except FileExistsError:
        raise DraftError(f"{target}: already exists; `factledger new` never overwrites a claims file") from None
    except OSError as exc:
        raise DraftError(f"{target}: cannot write ({exc.strerror})") from None
    finally:
        os.unlink(tmp)
