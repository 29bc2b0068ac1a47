"""Published accuracy (docs/accuracy.md): how often the rules are right, measured three ways.

1. **Catalogues** (tests/catalogue/): 40+ consistent look-alike ledgers that must stay silent and
   40+ real inconsistencies, each naming the rule that must flag it. Per rule: true positives (an
   error case flagged by its rule), false positives (a rule firing where the case does not expect
   it — every warning or error on a look-alike, or another rule on an error case), false negatives
   (an error case its rule missed); precision and recall. Information findings (E701 coverage,
   L109 drafts, D603 rewrites) are not verdicts and are left out, as are the findings a case
   declares it carries besides its subject (`# also: D602` — the copies of a syndicated story).
2. **Seed ledger** (claims/): the DESIGN §6 expectations as (rule, article, item) triples; every
   other warning or error is a false positive.
3. **Mutation sensitivity** on the bundled ledger: each claim's value ×10, ×0.1, million↔billion,
   its direction word flipped, its (absolute) date moved a year — and each dated event mention
   moved a month — one at a time; a mutation counts as flagged when the check then reports a new
   warning or error involving that article (located there, or naming it). Counted separately for
   items that have a partner to be compared with (another claim of the same subject and metric, a
   restatement, a relation, its own from/change for a direction word, another mention of the
   event) and for those that have none — nothing can flag a lone figure's ×10 except its quote.

Run by hand: `python benchmarks/accuracy.py` (a few minutes: one check per mutation; `--skip-mutations`
for the first two tables only).
"""
from __future__ import annotations

import argparse
import re
import shutil
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from ledger.engine import Options, run_check  # noqa: E402
from ledger.loader import load_ledger  # noqa: E402
from ledger.timeref import DateError, parse_date  # noqa: E402
from test_catalogue import NOT_VERDICTS, cases, header, run_case  # noqa: E402

VERDICTS = ("warning", "error")


# -- 1. catalogues -------------------------------------------------------------------------------

def catalogue_scores(work: Path):
    tp, fp, fn = Counter(), Counter(), Counter()
    exceptions = []
    for kind in ("errors", "lookalike"):
        for n, path in enumerate(cases(kind)):
            findings, meta = run_case(path, work / f"{kind}-{n}")
            also = set(meta.get("also", "").split())
            fired = {f.rule for f in findings if f.severity in VERDICTS and f.rule not in also}
            expected = set() if kind == "lookalike" else {meta["expect"].split()[0]}
            for rule in fired & expected:
                tp[rule] += 1
            for rule in fired - expected:
                fp[rule] += 1
                exceptions.append((f"{kind}/{path.stem}", rule, meta.get("known", meta.get("why", ""))))
            for rule in expected - fired:
                fn[rule] += 1
                exceptions.append((f"{kind}/{path.stem}", f"missed {rule}", meta.get("why", "")))
    return tp, fp, fn, exceptions


# -- 2. the seed ledger --------------------------------------------------------------------------

SEED_EXPECTED = {
    ("Q204", "nikkei-biden-supply-chain-order", "japan-tsmc-budget-usd"),  # 200 billion yen (19 billion)
    ("T502", "nikkei-biden-supply-chain-order", "executive-order-earlier-this-month"),  # will sign ... earlier
    # the May 9 letter "earlier this month": once for the syndicated pair (either copy carries it)
    ("T501", "yahoo-autoblog-rare-earth-magnet-shortage", "alliance-letter-earlier-this-month"),
    ("D602", "autoblog-rare-earth-magnet-shortage", None),  # the syndicated pair
    ("T503", "autoblog-rare-earth-magnet-shortage", None),  # ... whose dates differ by a day
}
# the Zacks rewrite: D603 is information, scored as any D603 pair that involves the Zacks article
ZACKS = "zacks-rare-earth-magnets-endanger-us-production"


def seed_scores():
    report = run_check([ROOT / "claims"], Options())
    tp, fp, fn = Counter(), Counter(), Counter()
    got = set()
    for f in report.findings:
        if f.rule == "D603":
            if ZACKS in (f.article_id, *f.others) or ZACKS in f.message:
                got.add(("D603", ZACKS, None))
            else:
                fp["D603"] += 1
            continue
        if f.severity not in VERDICTS:
            continue
        key = (f.rule, f.article_id, f.item_id)
        if key in SEED_EXPECTED:
            got.add(key)
        else:
            fp[f.rule] += 1
    for key in SEED_EXPECTED | {("D603", ZACKS, None)}:
        (tp if key in got else fn)[key[0]] += 1
    return tp, fp, fn


# -- 3. mutation sensitivity ---------------------------------------------------------------------

_FLIP = {"rose": "fell", "fell": "rose", "plummeted": "soared", "soared": "plummeted", "doubled": "halved",
         "halved": "doubled", "dropped": "rose", "increased": "decreased", "decreased": "increased",
         "grew": "shrank", "shrank": "grew", "up": "down", "down": "up", "jumped": "dropped",
         "surged": "plunged", "plunged": "surged", "declined": "rose", "tripled": "fell", "lower": "higher",
         "higher": "lower", "cut": "raised"}
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def _scale(text: str, k: float) -> str | None:
    m = _NUMBER.search(text)
    if not m:
        return None
    x = float(m.group().replace(",", "")) * k
    if x == 0:
        return None  # "0" (as in "essentially no magnets") does not change: no mutation
    shown = f"{x:,.6g}" if x >= 1 else f"{x:.6g}"
    return text[:m.start()] + shown.replace(",", "") + text[m.end():]


def _swap(text: str) -> str | None:
    for a, b in (("million", "billion"), ("billion", "million")):
        if a in text:
            return text.replace(a, b, 1)
    return None


def _flip(text: str) -> str | None:
    for word in re.findall(r"[a-z]+", text.lower()):
        if word in _FLIP:
            return re.sub(rf"\b{word}\b", _FLIP[word], text, count=1, flags=re.I)
    return None


def _shift(text: str, months: int) -> str | None:
    try:
        parse_date(text)
    except DateError:
        return None  # relative references move with the publication date
    if months == 12:
        return re.sub(r"\b(\d{4})\b", lambda m: str(int(m.group(1)) + 1), text)
    m = re.fullmatch(r"(\d{4})-(\d{2})(-\d{2})?", text.strip())
    if not m:
        return None
    y, mo = divmod(int(m.group(1)) * 12 + int(m.group(2)), 12)
    return f"{y}-{mo + 1:02d}{m.group(3) or ''}"


def _replace_scalar(source: str, line: int, col: int, new: str) -> str:
    lines = source.split("\n")
    text = lines[line - 1]
    start = col - 1
    if text[start] in "'\"":
        end = text.index(text[start], start + 1) + 1
    else:
        end = len(text)
        for stop in (" #", ",", "}"):
            at = text.find(stop, start)
            if at != -1:
                end = min(end, at)
        while end > start and text[end - 1] == " ":
            end -= 1
    lines[line - 1] = text[:start] + '"' + new.replace('"', '\\"') + '"' + text[end:]
    return "\n".join(lines)


def _items(ledger):
    """(file, article id, item id, field path, text, mutation name, new text, has a partner)."""
    claims = [(f, m.article.id, i, c) for f, m in ledger.models() if m.article and m.article.kind == "article"
              for i, c in enumerate(m.claims) if not c.draft]
    by_quantity = Counter((c.subject, c.metric) for _, _, _, c in claims)
    linked = {(a, c.id) for _, a, _, c in claims if c.restates}
    linked |= {tuple(c.restates.split("/")) if "/" in c.restates else (a, c.restates)
               for _, a, _, c in claims if c.restates}
    for f, m in ledger.models():
        for r in (m.relations if m.article else []):
            linked |= {(m.article.id, ref) for ref in re.findall(r"[a-z0-9][a-z0-9-]*", r.holds)}
    events = [(f, m.article.id, i, e) for f, m in ledger.models() if m.article for i, e in enumerate(m.events)]
    by_event = Counter(e.event for *_, e in events)
    for f, article, i, c in claims:
        partner = by_quantity[(c.subject, c.metric)] > 1 or (article, c.id) in linked
        if c.value is not None:
            for name, new in (("×10", _scale(c.value, 10)), ("×0.1", _scale(c.value, 0.1)),
                              ("million↔billion", _swap(c.value))):
                if new:
                    yield f, article, c.id, ("claims", i, "value"), name, new, partner
        if c.direction:
            new = _flip(c.direction)
            if new:
                yield f, article, c.id, ("claims", i, "direction"), "direction flipped", new, bool(
                    c.from_ or c.change) or partner
        if c.when:
            new = _shift(c.when, 12)
            if new:
                yield f, article, c.id, ("claims", i, "when"), "date +1 year", new, partner
    for f, article, i, e in events:
        new = _shift(e.when, 1)
        if new:
            yield f, article, e.id, ("events", i, "when"), "event date +1 month", new, by_event[e.event] > 1


def _signature(findings):
    return Counter((f.rule, f.article_id, f.item_id) for f in findings if f.severity in VERDICTS)


def mutation_scores(work: Path):
    ledger_dir = work / "claims"
    shutil.copytree(ROOT / "claims", ledger_dir)
    baseline = run_check([ledger_dir], Options()).findings
    base = _signature(baseline)
    involved = defaultdict(set)
    for f in baseline:
        involved[(f.rule, f.article_id, f.item_id)].update((f.article_id, *f.others))
    ledger = load_ledger([ledger_dir])
    table = defaultdict(lambda: [0, 0, 0, 0])  # name -> [partnered, flagged, lone, flagged]
    missed = []
    for f, article, item, path, name, new, partner in list(_items(ledger)):
        original = f.path.read_text(encoding="utf-8")
        line, col = f.doc.position(path)
        f.path.write_text(_replace_scalar(original, line, col, new), encoding="utf-8")
        try:
            findings = run_check([ledger_dir], Options()).findings
        finally:
            f.path.write_text(original, encoding="utf-8")
        after = _signature(findings)
        new_keys = {k for k in after if after[k] > base.get(k, 0)}
        flagged = any(k[1] == article or article in {*fi.others}
                      for fi in findings for k in [(fi.rule, fi.article_id, fi.item_id)] if k in new_keys)
        row = table[name]
        slot = 0 if partner else 2
        row[slot] += 1
        row[slot + 1] += int(flagged)
        if not flagged:
            missed.append((name, f"{article}/{item}", new, "with a partner" if partner else "alone"))
    return table, missed


# -- report --------------------------------------------------------------------------------------

def _ratio(a: int, b: int) -> str:
    return "—" if b == 0 else f"{a / b:.2f}"


def _rule_table(tp, fp, fn) -> list[str]:
    rows = ["| rule | true positives | false positives | false negatives | precision | recall |",
            "|---|---|---|---|---|---|"]
    for rule in sorted(set(tp) | set(fp) | set(fn)):
        rows.append(f"| {rule} | {tp[rule]} | {fp[rule]} | {fn[rule]} | {_ratio(tp[rule], tp[rule] + fp[rule])} "
                    f"| {_ratio(tp[rule], tp[rule] + fn[rule])} |")
    t, p, n = sum(tp.values()), sum(fp.values()), sum(fn.values())
    rows.append(f"| **all** | {t} | {p} | {n} | {_ratio(t, t + p)} | {_ratio(t, t + n)} |")
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-mutations", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        tp, fp, fn, exceptions = catalogue_scores(work)
        print(f"## Catalogues ({len(cases('lookalike'))} look-alikes, {len(cases('errors'))} errors)\n")
        print("\n".join(_rule_table(tp, fp, fn)))
        print("\nExceptions:\n")
        for case, what, why in exceptions:
            print(f"- `{case}`: {what} — {why}")
        print("\n## Seed ledger (DESIGN §6)\n")
        print("\n".join(_rule_table(*seed_scores())))
        if args.skip_mutations:
            return
        table, missed = mutation_scores(work)
        print("\n## Mutation sensitivity (bundled ledger)\n")
        print("| mutation | with a partner: mutated | flagged | share | without: mutated | flagged | share |")
        print("|---|---|---|---|---|---|---|")
        totals = [0, 0, 0, 0]
        for name, row in table.items():
            totals = [a + b for a, b in zip(totals, row)]
            print(f"| {name} | {row[0]} | {row[1]} | {_ratio(row[1], row[0])} | {row[2]} | {row[3]} "
                  f"| {_ratio(row[3], row[2])} |")
        print(f"| **all** | {totals[0]} | {totals[1]} | {_ratio(totals[1], totals[0])} | {totals[2]} "
              f"| {totals[3]} | {_ratio(totals[3], totals[2])} |")
        print("\nNot flagged:\n")
        for name, item, new, partner in missed:
            print(f"- {name} on `{item}` (→ {new!r}, {partner})")


if __name__ == "__main__":
    main()
