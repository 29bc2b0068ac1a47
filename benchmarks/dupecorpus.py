"""A generated news corpus with known truth for duplicate detection (tests and benchmarks/dupes.py).

Every article is a list of paragraphs with an outlet and a publication day. Stories are synthetic
text drawn from the seed vocabulary (claims/*.txt), so unrelated stories share words but almost
never a 5-word run — as real news does. Planted, with truth:

* `copy`: a full copy under a new header/footer, reordered, with paragraphs dropped or 1-5 % of
  the words substituted (syndication as the old benchmark planted it);
* `partial`: an outlet's own intro (m to 2m paragraphs) then the first m = 30-60 % of a wire
  story's paragraphs, sometimes its own closing paragraph: word-shingle Jaccard 0.1-0.3,
  containment of the whole text 0.3-0.6;
* `update`: a short wire flash re-sent later with 3-9 paragraphs added (after the lead or at the
  end): containment ~1, Jaccard 0.15-0.5 — a short text against a long one;
* `template` (must not pair): earnings and dividend briefs of different companies filled in from
  one template (word Jaccard ~0.5, 5-word-shingle Jaccard ~0.15-0.3);
* `same-topic` (must not pair): stories of different events on one topic that share the topic's
  stock phrases ("rare earth magnets", "the Alliance for Automotive Innovation") and entities.

`ledger_files` writes a small ledger (YAML + text) of rewrite pairs and same-topic pairs with
encoded figures and events, for the rewrite rule (D603), whose signals come from the claims.
"""
from __future__ import annotations

import collections
import itertools
import random
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EDITS = ("header-footer", "drop-paragraphs", "reorder", "substitute-1%", "substitute-3%", "substitute-5%")
POSITIVE = ("copy", "partial", "update")
NEGATIVE = ("template", "same-topic")
START = date(2025, 1, 6)


def vocabulary() -> tuple[list[str], list[int]]:
    """Words and cumulative weights of every seed text (the ledger's and the raw seed listings)."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "claims").glob("*.txt"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted((ROOT.parent / "shared" / "seeds").glob("*.txt"))]
    counts = collections.Counter(w for t in texts for w in re.findall(r"[A-Za-z][a-z]+|\d+", t))
    words, weights = zip(*sorted(counts.items()))
    return list(words), list(itertools.accumulate(weights))


@dataclass
class Corpus:
    texts: list[str] = field(default_factory=list)
    outlets: list[str] = field(default_factory=list)
    days: list[date] = field(default_factory=list)
    paragraphs: list[int] = field(default_factory=list)
    truth: dict[tuple[int, int], str] = field(default_factory=dict)  # (earlier, later) -> category
    detail: dict[tuple[int, int], str] = field(default_factory=dict)  # copy edit, copied range ...
    brief: dict[int, int] = field(default_factory=dict)  # templated brief -> its template

    def add(self, paragraphs: list[str], outlet: str, day: date) -> int:
        self.texts.append("\n".join(paragraphs))
        self.outlets.append(outlet)
        self.days.append(day)
        self.paragraphs.append(len(paragraphs))
        return len(self.texts) - 1

    def pairs(self, category: str) -> set[tuple[int, int]]:
        return {p for p, c in self.truth.items() if c == category}


class Writer:
    """Deterministic text from the seed vocabulary."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.vocab, self.cum = vocabulary()

    def words(self, k: int) -> list[str]:
        return self.rng.choices(self.vocab, cum_weights=self.cum, k=k)

    def sentence(self, lo: int = 8, hi: int = 24, phrases: list[str] = ()) -> str:
        words = self.words(self.rng.randint(lo, hi))
        if phrases and self.rng.random() < 0.6:
            words.insert(self.rng.randrange(len(words) + 1), self.rng.choice(phrases))
        return " ".join(words).capitalize() + "."

    def paragraph(self, phrases: list[str] = ()) -> str:
        return " ".join(self.sentence(phrases=phrases) for _ in range(self.rng.randint(2, 4)))

    def story(self, lo: int = 4, hi: int = 9, phrases: list[str] = ()) -> list[str]:
        return [self.paragraph(phrases) for _ in range(self.rng.randint(lo, hi))]

    def edited(self, body: list[str], edit: str) -> list[str]:
        rng, paragraphs = self.rng, list(body)
        if edit == "header-footer":
            head = " ".join(self.words(12)).capitalize() + " originally appeared on Wire."
            return [head, *paragraphs, "Sign up for our newsletter. " + " ".join(self.words(20)) + "."]
        if edit == "drop-paragraphs" and len(paragraphs) > 3:
            drop = set(rng.sample(range(len(paragraphs)), max(1, len(paragraphs) // 5)))
            return [p for i, p in enumerate(paragraphs) if i not in drop]
        if edit == "reorder":
            rng.shuffle(paragraphs)
            return paragraphs
        if edit.startswith("substitute"):
            rate = int(edit.split("-")[1].rstrip("%")) / 100
            return [" ".join(self.words(1)[0] if rng.random() < rate else t for t in p.split(" ")) for p in paragraphs]
        return paragraphs


# Templated briefs (the shape of auto-generated earnings and dividend items): the slots change
# every few words, so two companies' briefs share words and short runs, never a passage.
TEMPLATES = (
    "{co} ({tick}) posted its quarterly earnings results on {day}. The company reported ${eps} earnings per share "
    "for the quarter, {beat} analysts' consensus estimates of ${est} by ${diff}. {co} had a net margin of {m}% and "
    "a return on equity of {roe}%. The business had revenue of ${rev} million for the quarter, compared to analysts' "
    "expectations of ${rest} million. During the same period last year, the firm posted ${peps} earnings per share. "
    "The firm's revenue was {updown} {g}% compared to the same quarter last year.\n"
    "Shares of {tick} opened at ${px} on {day}. The stock has a market capitalization of ${cap} billion, a P/E ratio "
    "of {pe} and a beta of {beta}. {co} has a 12 month low of ${low} and a 12 month high of ${high}. The stock's "
    "50-day moving average is ${ma} and its 200-day moving average is ${ma2}.",
    "{co} ({tick}) declared a quarterly dividend on {day}. Stockholders of record on {rec} will be given a dividend "
    "of ${div} per share on {pay}. This represents a ${ann} annualized dividend and a yield of {y}%. The "
    "ex-dividend date is {rec}. {co}'s dividend payout ratio is currently {pr}%.\n"
    "{tick} stock opened at ${px} on {day}. The firm has a 50-day moving average of ${ma} and a 200-day moving "
    "average of ${ma2}. The company has a debt-to-equity ratio of {de}, a current ratio of {cr} and a quick ratio "
    "of {qr}. {co} has a one year low of ${low} and a one year high of ${high}.",
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")


def brief(rng: random.Random, template: str, company: str) -> list[str]:
    n = lambda lo, hi, d=2: f"{rng.uniform(lo, hi):.{d}f}"  # noqa: E731
    tick = "".join(c for c in company.upper() if c.isalpha())[:4]
    slots = dict(co=company, tick=tick, day=rng.choice(WEEKDAYS), eps=n(0.1, 4), est=n(0.1, 4), diff=n(0.01, 0.5),
                 beat=rng.choice(("beating", "missing", "topping")), m=n(2, 30), roe=n(2, 40), rev=n(50, 900, 1),
                 rest=n(50, 900, 1), peps=n(0.1, 4), updown=rng.choice(("up", "down")), g=n(0.5, 30, 1),
                 px=n(5, 300), cap=n(0.2, 90), pe=n(5, 60), beta=n(0.3, 2), low=n(5, 100), high=n(100, 400),
                 ma=n(5, 300), ma2=n(5, 300), rec=f"{rng.choice(('May', 'June', 'July'))} {rng.randint(1, 28)}",
                 pay=f"{rng.choice(('August', 'September'))} {rng.randint(1, 28)}", div=n(0.05, 2), ann=n(0.2, 8),
                 y=n(0.5, 6), pr=n(10, 90), de=n(0, 2), cr=n(0.5, 3), qr=n(0.3, 2))
    return template.format(**slots).split("\n")


# Topics: stock phrases every story on the topic uses, and entities it names.
TOPICS = (
    ["rare earth magnets", "the Alliance for Automotive Innovation", "export licences from China",
     "processing of heavy rare earths", "electric vehicle motors", "Commerce Department officials"],
    ["the Federal Reserve", "interest rates", "the Bureau of Labor Statistics", "consumer prices rose",
     "the labor market", "Treasury yields"],
    ["lithium-ion battery cells", "the Inflation Reduction Act", "battery plant in Georgia",
     "tax credits for electric vehicles", "Panasonic Energy", "supply chain for cathode materials"],
)


def build(n: int, seed: int = 1) -> Corpus:
    """About n articles: background stories with a share of copies, partial copies, updates,
    templated briefs and same-topic stories, in publication order within each group."""
    w, c = Writer(seed), Corpus()
    rng = w.rng
    outlets = [f"Outlet{i}" for i in range(60)]
    footers = {o: f"Copyright {o} Media Group. Reproduction of {o} reports requires written consent." for o in outlets}
    companies = [f"{w.words(1)[0].capitalize()} {rng.choice(('Corp', 'Inc', 'Holdings', 'Group'))}" for _ in range(400)]

    def put(paragraphs, outlet, day):
        return c.add([*paragraphs, footers[outlet]], outlet, day)

    while len(c.texts) < n:
        day = START + timedelta(days=rng.randrange(300))
        kind = rng.choices(("plain", "copy", "partial", "update", "template", "same-topic"), (40, 20, 12, 12, 8, 8))[0]
        if kind == "plain":
            put(w.story(), rng.choice(outlets), day)
        elif kind == "copy":
            body, wire = w.story(), rng.choice(outlets)
            first = put(body, wire, day)
            ids = [first]
            for _ in range(rng.randint(1, 3)):
                edit = rng.choice(EDITS)
                ids.append(put(w.edited(body, edit), rng.choice(outlets), day + timedelta(days=rng.randint(0, 3))))
                c.detail[(first, ids[-1])] = edit
            for a, b in itertools.combinations(ids, 2):  # copies of one story are copies of each other
                c.truth[(a, b)] = "copy"
        elif kind == "partial":
            body = w.story(8, 14)
            first = put(body, rng.choice(outlets), day)
            m = max(3, round(len(body) * rng.uniform(0.3, 0.6)))
            own = [w.paragraph() for _ in range(rng.randint(m, 2 * m))]
            tail = [w.paragraph()] if rng.random() < 0.5 else []
            later = put([*own, *body[:m], *tail], rng.choice(outlets), day + timedelta(days=rng.randint(0, 2)))
            c.truth[(first, later)], c.detail[(first, later)] = "partial", f"paragraphs 1-{m} of {len(body)}"
        elif kind == "update":
            flash, outlet = w.story(2, 4), rng.choice(outlets)
            first = put(flash, outlet, day)
            added = [w.paragraph() for _ in range(rng.randint(3, 9))]
            body = [flash[0], *added, *flash[1:]] if rng.random() < 0.5 else [*flash, *added]
            later = put(body, outlet, day + timedelta(days=rng.randint(0, 1)))
            c.truth[(first, later)], c.detail[(first, later)] = "update", f"{len(added)} paragraphs added"
        elif kind == "template":
            template = rng.randrange(len(TEMPLATES))
            ids = [put(brief(rng, TEMPLATES[template], co), rng.choice(outlets), day + timedelta(days=rng.randint(0, 5)))
                   for co in rng.sample(companies, rng.randint(2, 4))]
            c.brief.update((i, template) for i in ids)
            for a, b in itertools.combinations(ids, 2):
                c.truth[(a, b)] = "template"
        else:
            phrases = rng.choice(TOPICS)
            ids = [put(w.story(4, 8, phrases), rng.choice(outlets), day + timedelta(days=rng.randint(0, 20)))
                   for _ in range(rng.randint(2, 3))]
            for a, b in itertools.combinations(ids, 2):
                c.truth[(a, b)] = "same-topic"
    return c


# --- a ledger of rewrites and same-topic stories (figures and events encoded) -----------------

SYLLABLES = ("kor", "van", "tel", "mira", "dos", "ren", "qua", "lis", "bar", "tho", "zen", "ul", "pra", "gol", "esh")
ACTIONS = (  # (event noun, metric, unit noun, phrasing A, phrasing B); {n} the figure, {co} the company
    ("plant-closure", "jobs", "job", "{co} will close its {place} plant, cutting {n} jobs",
     "the {place} factory of {co} is to shut, and {n} jobs go with it"),
    ("recall", "vehicles-recalled", "vehicle", "{co} is recalling {n} vehicles over faulty {part}",
     "about {n} vehicles built by {co} are being called back because of {part} defects"),
    ("investment", "investment", None, "{co} plans to invest ${n} million in a {part} plant in {place}",
     "a ${n} million {part} factory in {place} is planned by {co}"),
    ("strike", "workers-on-strike", "worker", "{n} workers walked out at {co}'s {place} site",
     "a strike by {n} employees halted work at the {place} site of {co}"),
)
FILLER_A = ("Analysts said the decision had been expected for months.", "Shares of the company were little changed.",
            "Local officials said they had not been consulted.", "The union said it would respond next week.")
FILLER_B = ("Market watchers had anticipated the move since spring.", "The stock barely moved in afternoon trading.",
            "Town leaders complained they learned of it from the press.", "Labour representatives promised a reply soon.")


def _name(rng: random.Random, parts: int = 2) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()


def ledger_files(stories: int = 24, seed: int = 3) -> tuple[dict[str, str], dict[tuple[str, str], str]]:
    """({file name: content} of a ledger, {(earlier id, later id): 'rewrite' | 'same-topic'}).

    Each story: a company, a place, a part, one dated event and 1-3 figures of one action. Its
    rewrite (1-40 days later, another outlet) states the same event and 1-3 of the figures in other
    words, with other filler, quoting the chief executive's same sentence. Its same-topic twin
    (same company, 1-40 days later) is a different event of another action: other figures and
    another quote of the same chief executive; sometimes the company's workforce in both."""
    rng, w = random.Random(seed), Writer(seed)
    files, truth, entities, metrics = {}, {}, [], set()
    for s in range(stories):
        co, place, part = f"{_name(rng)} {rng.choice(('Motors', 'Industries', 'Group'))}", _name(rng, 3), _name(rng).lower()
        boss = f"{_name(rng)} {_name(rng, 3)}"
        key = f"co{s}"
        entities.append(f"  - {{key: {key}, name: {co}, kind: organisation}}")
        staff = rng.randrange(20, 90) * 1000
        day = START + timedelta(days=rng.randrange(200))
        a1, a2 = rng.sample(range(len(ACTIONS)), 2)
        n_first = ev_day = said = None  # set by the original ("o"), reused by its rewrite ("r")
        for version, action, days, outlet in (("o", a1, 0, "Wire"), ("r", a1, rng.randint(1, 40), "Daily"),
                                              ("t", a2, rng.randint(1, 40), "Herald")):
            event, metric, unit, text_a, text_b = ACTIONS[action]
            metrics.add((metric, unit))
            ev = f"{key}-{event}-{'t' if version == 't' else 'o'}"
            if version != "r":
                entities.append(f"  - {{key: {ev}, name: {co} {event}, kind: event}}")
            n = (rng.randrange(2, 60) * 100) if version != "r" else n_first
            if version == "o":
                n_first, ev_day = n, day - timedelta(days=rng.randint(1, 5))
            when = ev_day if version != "t" else day + timedelta(days=days - rng.randint(1, 5))
            phrase = (text_b if version == "r" else text_a).format(co=co, place=place, part=part, n=f"{n:,}")
            figure_quote = f"{n:,}" if unit else f"${n:,} million"
            staff_line = f"{co} employs {staff:,} people." if version != "r" or rng.random() < 0.5 else ""
            filler = FILLER_B if version == "r" else FILLER_A
            event_quote = f"on {when:%B} {when.day}"
            if version != "r":
                said = f'"{w.sentence(10, 16)[:-1]}," said {boss}, chief executive of {co}.'
            paragraphs = [f"{phrase[0].upper()}{phrase[1:]}, the company said {event_quote}.", said,
                          " ".join(rng.sample(filler, 2)), w.paragraph(), staff_line, w.paragraph(),
                          " ".join(rng.sample(filler, 2))]
            if version == "r":
                rng.shuffle(paragraphs)
            text = "\n".join(p for p in paragraphs if p)
            value = f"{n}" if unit else f"{n} million"
            claims = [f"  - {{id: f1, quote: '{figure_quote}', subject: {key}, metric: {metric}, value: '{value}', when: {when.year}}}"]
            if staff_line:
                claims.append(f"  - {{id: staff, quote: '{staff:,} people', subject: {key}, metric: staff, value: {staff}, when: {when.year}}}")
            art = f"{key}-{version}"
            files[f"{art}.yaml"] = (
                f"article: {{id: {art}, title: {co}, outlet: {outlet}, published: {day + timedelta(days=days)}, text: {art}.txt}}\n"
                f"claims:\n" + "\n".join(claims) + "\n"
                f"events:\n  - {{id: e1, event: {ev}, quote: '{event_quote}', when: {when}}}\n")
            files[f"{art}.txt"] = text
        truth[(f"{key}-o", f"{key}-r")] = "rewrite"
        truth[(f"{key}-o", f"{key}-t")] = "same-topic"
        truth[(f"{key}-r", f"{key}-t")] = "same-topic"
    units = sorted({u for _, u in metrics if u} | {"person"})
    metric_lines = [f"  - {{key: {m}, description: {m}, kind: {'money' if u is None else 'count'}, unit: {u or 'USD'}}}"
                    for m, u in sorted(metrics, key=str)]
    metric_lines.append("  - {key: staff, description: people employed, kind: count, unit: person}")
    files["vocab.yaml"] = ("entities:\n" + "\n".join(entities) + "\nmetrics:\n" + "\n".join(metric_lines) +
                           "\nunits:\n" + "\n".join(f"  - name: {u}" for u in units) + "\n")
    return files, truth
