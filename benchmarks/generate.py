"""Deterministic synthetic ledger for benchmarks and recall measurements.

    python benchmarks/generate.py OUT_DIR --articles N [--seed S] [--plant-rate P] [--copies C]

Writes OUT_DIR/vocab.yaml, one YAML file + text per article (~25 claims each, block style like
the seed ledger), syndicated copies, and OUT_DIR/ground_truth.json: every planted inconsistency as
{rule, file, article_id, item_id} plus the duplicate pairs. Values come from one deterministic
"world" keyed by (subject, metric, year), so articles agree with each other unless a slip is
planted on purpose. Rules that do not exist yet (C401, Q204, A302, C403, D601) are planted too and
listed under "hooks": the benchmark reports their recall once someone implements them.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import random
from datetime import date, timedelta
from pathlib import Path

# Slips planted per article file; whole-file problems (L101, L102, L106) get a file to themselves.
FILE_KINDS = ("L101", "L102", "L106")
ITEM_KINDS = ("Q202", "Q203", "A301", "T501", "T502", "L103", "L104", "L105", "L107", "L108",
              "C401", "Q204", "A302", "C403")
IMPLEMENTED_HINT = "rules present in checks/ are scored; the rest are hooks for rules being added"

CURRENCY_USD = {  # rough yearly averages, USD per unit: only for generated restatements
    "EUR": {2015: 1.11, 2016: 1.11, 2017: 1.13, 2018: 1.18, 2019: 1.12, 2020: 1.14, 2021: 1.18, 2022: 1.05,
            2023: 1.08, 2024: 1.08, 2025: 1.10},
    "JPY": {2015: 1 / 121, 2016: 1 / 109, 2017: 1 / 112, 2018: 1 / 110, 2019: 1 / 109, 2020: 1 / 107, 2021: 1 / 110,
            2022: 1 / 131, 2023: 1 / 140, 2024: 1 / 151, 2025: 1 / 148},
    "GBP": {2015: 1.53, 2016: 1.36, 2017: 1.29, 2018: 1.34, 2019: 1.28, 2020: 1.28, 2021: 1.38, 2022: 1.24,
            2023: 1.24, 2024: 1.28, 2025: 1.30},
}
PREFIX = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥"}
MARKETS = ["ev-batteries", "rare-earth-magnets", "semiconductors", "solar-panels", "steel", "wind-turbines"]
COUNTRIES = ["us", "china", "japan", "germany", "india", "korea", "france", "uk", "taiwan", "brazil"]
HEDGES = [None, None, "about", "around", "nearly", "more than", "roughly"]
FILLER = ["Analysts expect the market to remain volatile.", "The company declined to comment further.",
          "Industry groups have lobbied for support.", "Shares moved little on the news.",
          "Suppliers say lead times are still long.", "Officials did not respond to requests."]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]


def _rng(*key) -> random.Random:
    return random.Random(hashlib.sha256(repr(key).encode()).digest())


def sig2(x: float, digits: int = 2) -> float:
    """Round to 2 significant digits (how reporters write figures)."""
    return float(f"{x:.{digits}g}")


def figure(x: float) -> str:
    """A positive number as a reporter writes it: 6.4 million, 350,000, 2.5 billion, 12."""
    for word, scale in (("trillion", 1e12), ("billion", 1e9), ("million", 1e6)):
        if x >= scale:
            return f"{x / scale:g} {word}"
    return f"{x:,.0f}" if x >= 100 or x == int(x) else f"{x:g}"


class World:
    """The true values every consistent claim is drawn from."""

    def __init__(self, seed: int, companies: int) -> None:
        self.seed = seed
        self.companies = companies
        self._shares: dict[tuple[int, int], list[float]] = {}

    def company(self, c: int) -> dict:
        r = _rng(self.seed, "co", c)
        return {"key": f"co-{c:04d}", "market": MARKETS[c % len(MARKETS)],
                "currency": r.choice(["USD", "USD", "EUR", "JPY", "GBP"]), "name": f"Company {c:04d}"}

    def value(self, subject: str, metric: str, year: int) -> float:
        r = _rng(self.seed, subject, metric, year)
        lo, hi = {"output": (1e5, 9e6), "employment": (500, 90_000), "revenue": (1e8, 9e10),
                  "capacity": (5, 90), "exports": (1000, 90_000), "investment": (1e8, 9e9),
                  "unemployment-rate": (3, 12)}[metric]
        return sig2(r.uniform(lo, hi))

    def share(self, c: int, year: int) -> float:
        """Market shares of a market's companies sum to 90 % in every year (no A302 by accident)."""
        m = c % len(MARKETS)
        if (m, year) not in self._shares:
            r = _rng(self.seed, "shares", m, year)
            weights = [r.uniform(1, 5) for _ in range(m, self.companies, len(MARKETS))]
            total = sum(weights)
            self._shares[(m, year)] = [round(90 * w / total, 1) for w in weights]
        return self._shares[(m, year)][c // len(MARKETS)]


def vocab(world: World, events: int) -> str:
    lines = ["entities:"]
    for c in range(world.companies):
        co = world.company(c)
        lines += [f"  - key: {co['key']}", f"    name: {co['name']}", "    kind: organisation"]
    for key in COUNTRIES:
        lines += [f"  - key: {key}", f"    name: {key.upper()}", "    kind: country"]
    for key in MARKETS:
        lines += [f"  - key: {key}", f"    name: {key.replace('-', ' ')} market", "    kind: market"]
    for e in range(events):
        lines += [f"  - key: ev-{e:05d}", f"    name: Event {e:05d}", "    kind: event"]
    lines.append("metrics:")
    for key, kind, unit in (("output", "rate", "battery/day"), ("employment", "count", "job"),
                            ("revenue", "money", "USD"), ("investment", "money", "USD"),
                            ("tariff-cost", "money", "USD"), ("tariff-offset", "money", "USD"),
                            ("tariff-remaining", "money", "USD"), ("market-share", "share", "%"),
                            ("capacity", "level", "GWh"), ("exports", "level", "t"),
                            ("unemployment-rate", "share", "%")):
        lines += [f"  - key: {key}", f"    description: {key.replace('-', ' ')}", f"    kind: {kind}",
                  f"    unit: \"{unit}\""]
    lines += ["units:", "  - name: battery", "  - name: job", "  - name: cell", "    same_as: battery"]
    return "\n".join(lines) + "\n"


class Article:
    """One generated article: YAML items, text sentences, and what was planted where."""

    def __init__(self, world: World, i: int, rng: random.Random, event_date: date, event: str) -> None:
        self.world, self.i, self.rng = world, i, rng
        self.id = f"art-{i:05d}"
        self.published = event_date + timedelta(days=rng.randint(1, 50))
        self.event, self.event_date = event, event_date
        self.claims: list[dict] = []
        self.relations: list[dict] = []
        self.events: list[dict] = []
        self.sentences: list[str] = []
        self.planted: list[tuple[str, str | None]] = []  # (rule, item_id)

    def say(self, sentence: str) -> None:
        self.sentences.append(sentence)
        if self.rng.random() < 0.3:
            self.sentences.append(self.rng.choice(FILLER))

    def claim(self, cid: str, quote: str, **fields) -> dict:
        item = {"id": cid, "quote": quote, **{k: v for k, v in fields.items() if v is not None}}
        self.claims.append(item)
        self.say(f"{quote}.")
        return item

    def build(self, plant: str | None) -> None:
        w, r, year = self.world, self.rng, self.published.year
        main = r.randrange(w.companies)
        others = [(main + len(MARKETS) * k) % w.companies for k in (1, 2, 3)]
        self.subject = w.company(main)
        for n, c in enumerate([main, *others]):
            co = w.company(c)
            key, name = co["key"], co["name"]
            jobs = w.value(key, "employment", year)
            self.claim(f"jobs-{n}", f"{name} employs {figure(jobs)} workers", subject=key, metric="employment",
                       value=figure(jobs), unit="job", when=str(year), tense="present")
            share = w.share(c, year)
            self.claim(f"share-{n}", f"{name} holds {share:g}% of the {co['market'].replace('-', ' ')} market",
                       subject=key, metric="market-share", value=f"{share:g}%", of=co["market"], when=str(year))
            out = w.value(key, "output", year)
            hedge = r.choice(HEDGES[:4])
            self.claim(f"output-{n}", f"{name} makes {hedge + ' ' if hedge else ''}{figure(out)} batteries per day",
                       subject=key, metric="output", value=figure(out), unit="battery/day", qualifier=hedge,
                       when=str(year))
            rev = w.value(key, "revenue", year - 1) / (CURRENCY_USD[co["currency"]][year - 1] if co["currency"] != "USD" else 1.0)
            rev = sig2(rev)
            written = PREFIX[co["currency"]] + figure(rev)
            self.claim(f"revenue-{n}", f"revenue of {written} last year at {name}", subject=key, metric="revenue",
                       value=written, when="last year", tense="past")
        self._restatement(plant == "Q203")
        self._currency(plant == "Q204")
        self._relation(plant == "A301")
        self._change(plant == "C403")
        co = self.subject
        cap = w.value(co["key"], "capacity", year)
        self.claim("capacity", f"a capacity of {cap:g} GWh", subject=co["key"], metric="capacity", value=f"{cap:g}",
                   unit="GWh", when=str(year))
        ex = w.value(co["key"], "exports", year - 1)
        self.claim("exports", f"exported {figure(ex)} tonnes in {year - 1}", subject=co["key"], metric="exports",
                   value=figure(ex), unit="t", when=str(year - 1), tense="past")
        inv = w.value(co["key"], "investment", year)
        self.claim("investment", f"plans to invest ${figure(inv)} this year", subject=co["key"],
                   metric="investment", value=f"${figure(inv)}", when="this year", tense="future")
        country = COUNTRIES[self.i % len(COUNTRIES)]
        rate = w.value(country, "unemployment-rate", year)
        self.claim("unemployment", f"unemployment in {country.upper()} stands at {rate:g}%", subject=country,
                   metric="unemployment-rate", value=f"{rate:g}%", when=str(year), tense="present")
        self._events(plant)
        if plant in ITEM_KINDS:
            self._plant_item(plant)

    def _restatement(self, slip: bool) -> None:
        co = self.subject
        per_day = self.world.value(co["key"], "output", self.published.year)
        per_second = sig2(per_day / 86400 * (1000 if slip else 1), 3)
        self.claim("output-per-second", f"That's about {per_second:g} batteries each second", subject=co["key"],
                   metric="output", value=f"{per_second:g}", unit="battery/s", qualifier="about",
                   when=str(self.published.year), restates="output-0")
        if slip:
            self.planted.append(("Q203", "output-per-second"))

    def _currency(self, slip: bool) -> None:
        co = self.subject
        if co["currency"] == "USD":
            if not slip:
                return
            co = dict(co, currency="EUR")  # a slip needs a foreign figure to restate
        year = self.published.year - 1
        rev = sig2(self.world.value(co["key"], "revenue", year) / CURRENCY_USD[co["currency"]][year])
        local = PREFIX[co["currency"]] + figure(rev)
        usd = sig2(rev * CURRENCY_USD[co["currency"]][year] * (10 if slip else 1), 3)
        if slip:  # a restatement of its own, so the main revenue claim stays consistent
            self.claim("revenue-local", f"sales of {local} in {year}", subject=co["key"], metric="revenue",
                       value=local, when=str(year), tense="past")
        self.claim("revenue-usd", f"(about ${figure(usd)})", subject=co["key"], metric="revenue",
                   value=f"${figure(usd)}", qualifier="about", when=str(year), tense="past",
                   restates="revenue-local" if slip else "revenue-0")
        if slip:
            self.planted.append(("Q204", "revenue-usd"))

    def _relation(self, slip: bool) -> None:
        key, when = self.subject["key"], str(self.published.year)
        r = _rng(self.world.seed, key, "tariff", when)  # a world fact: articles on one year agree
        cost, offset = r.randint(15, 60), r.randint(2, 12)
        remaining = cost - offset + (20 if slip else 0)
        for cid, metric, tenths, words in (("tariff-cost", "tariff-cost", cost, "tariffs will cost"),
                                           ("tariff-offset", "tariff-offset", offset, "aims to offset"),
                                           ("tariff-remaining", "tariff-remaining", remaining, "leaving")):
            self.claim(cid, f"{words} ${tenths / 10:g} billion", subject=f"{key}", metric=metric,
                       value=f"${tenths / 10:g} billion", when=when)
        self.relations.append({"id": "tariff-net", "holds": "tariff-remaining = tariff-cost - tariff-offset"})
        if slip:
            self.planted.append(("A301", "tariff-net"))

    def _change(self, slip: bool) -> None:
        co, year = self.subject, self.published.year
        before, now = (self.world.value(co["key"], "employment", y) for y in (year - 5, year))
        pct = round(100 * (now / before - 1))
        if pct == 0:
            return
        direction = ("fell" if pct < 0 else "rose") if not slip else ("rose" if pct < 0 else "fell")
        self.claim("jobs-change", f"headcount {direction} {abs(pct)}% from {figure(before)} in {year - 5}"
                   f" to {figure(now)}", subject=co["key"], metric="employment", value=figure(now), unit="job",
                   change=f"{pct:+d}%", direction=direction, when=str(year),
                   **{"from": {"value": figure(before), "when": str(year - 5)}})
        if slip:
            self.planted.append(("C403", "jobs-change"))

    def _events(self, plant: str | None) -> None:
        p, d = self.published, self.event_date
        same_month = (d.year, d.month) == (p.year, p.month)
        prev = (p.replace(day=1) - timedelta(days=1))
        if same_month:
            rel = "earlier this month"
        elif (d.year, d.month) == (prev.year, prev.month):
            rel = "last month"
        else:
            rel = None  # two months back: only the date is given
        tense, date_tense = "past", "past"
        if plant == "T501":  # the relative reference names the wrong month
            rel = "last month" if same_month else "earlier this month"
        elif plant == "T502" and rel:
            tense = "future"
        elif plant == "T502":
            date_tense = "future"
        verb = "will announce" if tense == "future" else "announced"
        if rel:
            quote = f"{rel.capitalize()}, {self.subject['name']} {verb} the deal"
            self.events.append({"id": "deal-relative", "event": self.event, "quote": quote, "when": rel,
                                "tense": tense})
            self.say(quote + ".")
            if plant == "T501" or (plant == "T502" and tense == "future"):
                self.planted.append((plant, "deal-relative"))
        quote = f"the deal, dated {MONTHS[d.month - 1]} {d.day}"
        self.events.append({"id": "deal-date", "event": self.event, "quote": quote, "when": d.isoformat(),
                            "tense": date_tense})
        if date_tense == "future":
            self.planted.append(("T502", "deal-date"))
        self.say(f"The company confirmed {quote}, {d.year}.")

    def _plant_item(self, kind: str) -> None:
        """Mutate one standalone claim (capacity / unemployment / share) to carry the slip."""
        by_id = {c["id"]: c for c in self.claims}
        year, market = str(self.published.year), self.subject["market"]
        words = market.replace("-", " ")
        if kind == "Q202":  # a country's share of a market (stated nowhere else) above 100 %
            country = COUNTRIES[self.i % len(COUNTRIES)]
            self.claim("country-share", f"{country.upper()} holds 140% of the {words} market", subject=country,
                       metric="market-share", value="140%", of=market, when=year)
            self.planted.append((kind, "country-share"))
            return
        elif kind == "C401":  # ×10 slip against every other article stating the same fact
            c = by_id["jobs-1"]
            wrong = figure(float(c["value"].replace(",", "")) * 10)
            c["value"] = wrong
            self._requote(c, f"{c['quote'].rsplit(' employs ', 1)[0]} employs {wrong} workers")
        elif kind == "A302":  # two countries with more than the whole market between them
            for country in COUNTRIES[:2]:
                self.claim(f"share-{country}", f"{country.upper()} holds 60% of the {words} market",
                           subject=country, metric="market-share", value="60%", of=market, when=year)
            self.planted.append((kind, None))
            return
        elif kind == "L103":
            by_id["capacity"]["subject"] = self.subject["key"] + "x"
            self.planted.append((kind, "capacity"))
            return
        elif kind == "L104":
            c = by_id["exports"]
            c["id"] = "capacity"
        elif kind == "L105":
            by_id["capacity"]["quote"] = "a capacity of 9999 GWh"
            self.planted.append((kind, "capacity"))
            return
        elif kind == "L107":
            by_id["capacity"]["unit"] = "GWhr"
            self.planted.append((kind, "capacity"))
            return
        elif kind == "L108":
            by_id["capacity"]["when"] = "the other day"
            self.planted.append((kind, "capacity"))
            return
        else:
            return  # planted while building (Q203, Q204, A301, C403, T501, T502)
        self.planted.append((kind, {"C401": "jobs-1", "L104": "capacity"}[kind]))

    def _requote(self, claim: dict, quote: str) -> None:
        old = claim["quote"]
        claim["quote"] = quote
        self.sentences = [s.replace(old, quote) for s in self.sentences]

    def yaml(self, article_id: str, text_name: str, file_plant: str | None) -> str:
        head = ["article:", f"  id: {article_id}", f"  title: \"{self.subject['name']} in the news\"",
                "  outlet: Synthetic Wire", f"  published: {self.published.isoformat()}", f"  text: {text_name}"]
        if file_plant == "L102":
            head.append("  pubished: yes")
        out = ["# generated by benchmarks/generate.py", *head, "claims:"]
        for c in self.claims:
            out.extend(_item(c))
        out.append("relations:")
        for rel in self.relations:
            out.extend(_item(rel))
        out.append("events:")
        for e in self.events:
            out.extend(_item(e))
        if file_plant == "L101":
            out.append("  - {id: broken, event: [unclosed")
        return "\n".join(out) + "\n"

    def text(self) -> str:
        return f"{self.subject['name']} in the news\n\n" + " ".join(self.sentences) + "\n"


def _scalar(v) -> str:
    s = str(v)
    if isinstance(v, dict):
        return "{" + ", ".join(f"{k}: {_scalar(x)}" for k, x in v.items()) + "}"
    if any(ch in s for ch in ":#{}[],&*!|>'\"%@`") or s[:1] in "-?$" or s != s.strip():
        return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return s


def _item(fields: dict) -> list[str]:
    lines = []
    for n, (k, v) in enumerate(fields.items()):
        lines.append(f"{'  - ' if n == 0 else '    '}{k}: {_scalar(v)}")
    return lines


def generate(out: Path, articles: int, seed: int = 1, plant_rate: float = 0.2, copies: float = 0.02) -> dict:
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    world = World(seed, companies=max(4 * len(MARKETS), articles // 20 // len(MARKETS) * len(MARKETS)))
    n_events = max(1, articles // 4)
    event_dates = [date(2016, 1, 1) + timedelta(days=rng.randrange(365 * 9 + 200)) for _ in range(n_events)]
    (out / "vocab.yaml").write_text(vocab(world, n_events), encoding="utf-8")
    planted: list[dict] = []
    duplicates: list[dict] = []
    kinds = list(ITEM_KINDS) + list(FILE_KINDS)
    for i in range(articles):
        a_rng = random.Random(rng.getrandbits(64))
        e = a_rng.randrange(n_events)
        art = Article(world, i, a_rng, event_dates[e], f"ev-{e:05d}")
        plant = kinds[a_rng.randrange(len(kinds))] if a_rng.random() < plant_rate else None
        art.build(plant)
        file_plant = plant if plant in FILE_KINDS else None
        text_name = f"{art.id}.txt"
        (out / f"{art.id}.yaml").write_text(art.yaml(art.id, text_name, file_plant), encoding="utf-8")
        if file_plant == "L106":
            text_name = None  # the text file the YAML names is missing
        else:
            (out / text_name).write_text(art.text(), encoding="utf-8")
        if file_plant:
            planted.append({"rule": file_plant, "file": f"{art.id}.yaml", "article_id": art.id, "item_id": None})
        else:
            planted += [{"rule": rule, "file": f"{art.id}.yaml", "article_id": art.id, "item_id": item}
                        for rule, item in art.planted]
        if not file_plant and a_rng.random() < copies:  # a syndicated copy: same text, same claims
            copy_id = f"{art.id}-syndicated"
            (out / f"{copy_id}.yaml").write_text(art.yaml(copy_id, text_name, None), encoding="utf-8")
            duplicates.append({"rule": "D601", "a": art.id, "b": copy_id})
            planted += [{"rule": rule, "file": f"{copy_id}.yaml", "article_id": copy_id, "item_id": item}
                        for rule, item in art.planted]
    truth = {"articles": articles, "seed": seed, "plant_rate": plant_rate, "note": IMPLEMENTED_HINT,
             "planted": planted, "duplicates": duplicates}
    (out / "ground_truth.json").write_text(json.dumps(truth, indent=1), encoding="utf-8")
    return truth


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--plant-rate", type=float, default=0.2, help="share of articles with one planted slip")
    parser.add_argument("--copies", type=float, default=0.02, help="share of articles with a syndicated copy")
    args = parser.parse_args(argv)
    truth = generate(args.out, args.articles, args.seed, args.plant_rate, args.copies)
    print(f"{args.out}: {args.articles} articles, {len(truth['planted'])} planted slips, "
          f"{len(truth['duplicates'])} copies")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
