"""Analyst tables: readable display units beside the SI values, claims_readable (periods as DATE,
syndicated copies marked), claims_usd through the FX table, latest_figures."""
from __future__ import annotations

import datetime

import duckdb
import pytest

from ledger import duplicates, store, views
from ledger.loader import load_ledger
from ledger.resolve import resolve

from conftest import ROOT, VOCAB, article, write_ledger

VOCAB_X = VOCAB + """\
  - {key: exports, description: Exports by weight, kind: rate, unit: t/year}
  - {key: generation, description: Electricity generated, kind: rate, unit: GWh/year}
"""


def _db(ledger):
    led = load_ledger([ledger])
    resolved = resolve(led)
    con = duckdb.connect(":memory:")
    store.create(con, resolved.tables)
    duplicates.load(con, led)
    views.create(con, resolved)
    return con


@pytest.fixture
def con(tmp_path):
    fx = ("source: {name: test rates}\nfx_rates:\n"
          "  - {currency: JPY, period: '2021', units_per_usd: 110}\n"
          "  - {currency: JPY, period: 2021-02, units_per_usd: 105}\n"
          "  - {currency: EUR, period: '2021', units_per_usd: 0.8}\n")
    a_items = ("claims:\n"
               "  - {id: tonnes, quote: '2,000 tonnes a year', subject: china, metric: exports, value: '2,000', unit: t/year, when: 2024}\n"
               "  - {id: gwh, quote: '5 GWh a year', subject: acme, metric: generation, value: 5, unit: GWh/year}\n"
               "  - {id: yen, quote: '200 billion yen', subject: acme, metric: cost, value: 200 billion, unit: JPY, when: 2021-02}\n"
               "  - {id: eur, quote: '8 million euros', subject: china, metric: cost, value: 8 million, unit: EUR, when: 2021}\n"
               "  - {id: usd, quote: '$3 billion', subject: acme, metric: cost, value: $3 billion, when: 2021}\n"
               "  - {id: old, quote: '40%', subject: china, metric: share, value: 40%, when: 2024, superseded_by: b/new}\n")
    b_items = "claims:\n  - {id: new, quote: '45%', subject: china, metric: share, value: 45%, when: 2024}\n"
    ledger = write_ledger(tmp_path / "l", {
        "vocab.yaml": VOCAB_X, "fx.yaml": fx,
        "a.yaml": article("2,000 tonnes a year. 5 GWh a year. 200 billion yen. 8 million euros. $3 billion. 40%", items=a_items, published="2025-03-01"),
        "b.yaml": article("45%", items=b_items, article_id="b", published="2025-04-01"),
    })
    c = _db(ledger)
    yield c
    c.close()


def one(con, sql, *params):
    cur = con.execute(sql, list(params))
    names = [d[0] for d in cur.description]
    rows = [dict(zip(names, r)) for r in cur.fetchall()]
    assert len(rows) == 1, rows
    return rows[0]


def test_display_units_are_the_vocabulary_units_not_pint_base_strings(con):
    t = one(con, "SELECT * FROM claims_readable WHERE claim_id = 'tonnes'")
    assert t["display_unit"] == "t/year" and t["value_display"] == pytest.approx(2000)
    assert t["interval_text"] == "[1,950 t/year – 2,050 t/year]" or "t/year" in t["interval_text"]
    g = one(con, "SELECT * FROM claims_readable WHERE claim_id = 'gwh'")
    assert g["display_unit"] == "GWh/year" and g["value_display"] == pytest.approx(5)
    raw = one(con, "SELECT canonical_unit FROM claims WHERE claim_id = 'gwh'")
    assert "GWh" not in raw["canonical_unit"]  # the core table keeps SI units for the rules


def test_periods_are_dates_and_undated_claims_show_the_publication(con):
    t = one(con, "SELECT * FROM claims_readable WHERE claim_id = 'tonnes'")
    assert (t["period_lo"], t["period_hi"], t["period_from"]) == (datetime.date(2024, 1, 1), datetime.date(2024, 12, 31), "when")
    g = one(con, "SELECT * FROM claims_readable WHERE claim_id = 'gwh'")
    assert (g["period_lo"], g["period_from"]) == (datetime.date(2025, 3, 1), "publication")
    assert isinstance(g["published"], datetime.date)


def test_money_in_usd_at_the_claims_period(con):
    yen = one(con, "SELECT * FROM claims_usd WHERE claim_id = 'yen'")
    assert yen["fx_basis"] == "month" and yen["units_per_usd"] == 105  # February 2021: the month's rate
    assert yen["usd_value"] == pytest.approx(200e9 / 105)
    eur = one(con, "SELECT * FROM claims_usd WHERE claim_id = 'eur'")
    assert eur["fx_basis"] == "year" and eur["usd_value"] == pytest.approx(8e6 / 0.8)
    usd = one(con, "SELECT * FROM claims_usd WHERE claim_id = 'usd'")
    assert usd["units_per_usd"] == 1 and usd["usd_value"] == pytest.approx(3e9)


def test_latest_figure_leaves_out_superseded_claims(con):
    latest = one(con, "SELECT * FROM latest_figures WHERE subject = 'china' AND metric = 'share'")
    assert latest["claim_key"] == "b/new"


def test_syndicated_copies_are_marked_and_left_out_of_latest(tmp_path):
    text = ("Acme, the battery maker, said on Tuesday it would build a new factory in the north of the "
            "country, where it expects to make 40 batteries a day by the end of next year, according to "
            "a statement released to reporters after the company's annual meeting in the capital city.")
    items = "claims:\n  - {id: d, quote: '40 batteries a day', subject: acme, metric: output, value: 40, unit: battery/day}\n"
    ledger = write_ledger(tmp_path / "l", {"vocab.yaml": VOCAB,
                                           "a.yaml": article(text, items=items, published="2025-06-01"),
                                           "b.yaml": article(text, items=items, article_id="b", published="2025-06-02")})
    con = _db(ledger)
    rows = con.execute("SELECT article_id, is_copy, copy_of FROM claims_readable ORDER BY article_id").fetchall()
    assert rows == [("a", False, None), ("b", True, "a")]
    assert con.execute("SELECT article_id FROM latest_figures").fetchall() == [("a",)]


def test_seed_investments_by_company_in_usd():
    con = _db(ROOT / "claims")
    rows = con.execute("SELECT subject, sum(usd_value) FROM claims_usd WHERE metric = 'investment' "
                       "AND NOT is_copy GROUP BY subject ORDER BY 2 DESC").fetchall()
    assert rows and all(v > 0 for _, v in rows)
