"""The review site's figure charts (inline SVG, one per subject and metric) and its folding (errors
open, infos folded): the SVG from tiny ledgers, then the pages in headless Chromium, where a
contradiction must show as two bars that do not overlap."""
from __future__ import annotations

import datetime
import math
import os
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from ledger.report import html_report
from ledger.report.chart import Bar, Chart, render

from conftest import VOCAB, article, write_ledger

SVG = "{http://www.w3.org/2000/svg}"
# Two outlets disagree (C401 error: 6 million vs 60 million a day); a third agrees with the first.
A = ("about 6 million batteries a day", "claims:\n  - {id: d, quote: 'about 6 million batteries a day', subject: acme, metric: output, value: 6 million, unit: battery/day, qualifier: about, when: 2025}\n")
B = ("60 million batteries a day", "claims:\n  - {id: d, quote: '60 million batteries a day', subject: acme, metric: output, value: 60 million, unit: battery/day, when: 2025}\n")
C = ("6.1 million batteries each day", "claims:\n  - {id: d, quote: '6.1 million batteries each day', subject: acme, metric: output, value: 6.1 million, unit: battery/day, when: 2025}\n")


@pytest.fixture(scope="module")
def contradiction_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("chart")
    ledger = write_ledger(root / "ledger", {
        "vocab.yaml": VOCAB,
        "a.yaml": article(A[0], items=A[1], published="2025-06-01"),
        "b.yaml": article(B[0], items=B[1], published="2025-06-03", article_id="b"),
        "c.yaml": article(C[0], items=C[1], published="2025-06-05", article_id="c"),
    })
    report, site = html_report([ledger], root / "site")
    return root / "site", report


def _bar(article_id, lo, hi, day, severity=None, strict=None):
    s_lo, s_hi = strict or (lo, hi)
    return Bar(article_id, "d", article_id.upper(), f"{lo}", day, day, lo, hi, s_lo, s_hi, severity)


def test_svg_is_well_formed_self_contained_and_in_time_order():
    d = datetime.date
    chart = Chart("acme", "output", "battery/day", [
        _bar("late", 5.0, 7.0, d(2025, 6, 9)), _bar("early", 50.0, 70.0, d(2025, 6, 1), "error")])
    svg = render(chart, current="late")
    root = ET.fromstring(svg)  # well-formed XML
    assert "href" not in svg and "<script" not in svg  # nothing external, nothing that runs
    groups = root.findall(f"{SVG}g")
    assert [g.get("data-article") for g in groups] == ["early", "late"]
    assert groups[0].get("data-severity") == "error" and "current" in groups[1].get("class")
    assert root.find(f"{SVG}title").text.startswith("acme / output (battery/day)")
    # the spread is under 30x: a linear scale; the bars do not overlap vertically
    rects = [g.find(f"{SVG}rect") for g in groups]
    top = [float(r.get("y")) for r in rects]
    bottom = [float(r.get("y")) + float(r.get("height")) for r in rects]
    assert bottom[0] < top[1]  # 50-70 sits above 5-7


def test_open_ends_reach_the_edge_dashed():
    d = datetime.date(2025, 1, 1)
    chart = Chart("china", "share", "%", [_bar("a", 90.0, math.inf, d), _bar("b", 85.0, 95.0, d)])
    root = ET.fromstring(render(chart))
    first = root.findall(f"{SVG}g")[0].find(f"{SVG}rect")
    assert first.get("stroke-dasharray") == "3 2" and float(first.get("y")) == 24.0  # TOP


def test_each_article_page_charts_its_subjects_and_the_index_the_shared_ones(contradiction_site):
    site, report = contradiction_site
    assert any(f.rule == "C401" and f.severity == "error" for f in report.findings)
    index = (site / "index.html").read_text(encoding="utf-8")
    assert index.count('data-key="acme/output"') == 1
    page = (site / "articles" / "b.html").read_text(encoding="utf-8")
    assert 'class="bar current" data-article="b"' in page


# ---- in the browser ----------------------------------------------------------------------------

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed")
    missing = [str(p) for p in (CHROMIUM, CHROMEDRIVER) if not os.access(p, os.X_OK)]
    if missing:
        pytest.skip(f"no headless browser: {', '.join(missing)} not installed (.ci/run installs them)")
    os.environ.setdefault("SE_OFFLINE", "true")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                 "--window-size=1400,1000", f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=webdriver.ChromeService(executable_path=str(CHROMEDRIVER)))
    try:
        yield driver
    finally:
        driver.quit()


def test_chart_renders_and_shows_the_contradiction(contradiction_site, browser, tmp_path):
    from selenium.webdriver.common.by import By

    site, _ = contradiction_site
    browser.get((site / "articles" / "b.html").resolve().as_uri())
    svg = browser.find_element(By.CSS_SELECTOR, 'svg.chart[data-key="acme/output"]')
    assert svg.is_displayed() and svg.size["width"] > 300 and svg.size["height"] > 120
    boxes = browser.execute_script(
        "return Array.from(arguments[0].querySelectorAll('g.bar')).map(function (g) {"
        "  var r = g.querySelector('rect').getBoundingClientRect();"
        "  return {article: g.dataset.article, severity: g.dataset.severity, top: r.top, bottom: r.bottom,"
        "          left: r.left, width: r.width, height: r.height,"
        "          fill: getComputedStyle(g.querySelector('rect')).fill}; });", svg)
    by = {b["article"]: b for b in boxes}
    assert set(by) == {"a", "b", "c"}
    assert by["a"]["left"] < by["b"]["left"] < by["c"]["left"]  # time order
    assert all(b["width"] > 4 and b["height"] > 1 for b in boxes)
    # 60 million sits clear above 6 million and 6.1 million, which overlap each other
    assert by["b"]["bottom"] < min(by["a"]["top"], by["c"]["top"])
    assert by["a"]["top"] < by["c"]["bottom"] and by["c"]["top"] < by["a"]["bottom"]
    flagged = [b for b in boxes if b["severity"] == "error"]
    assert flagged and all(b["fill"] == "rgb(248, 201, 196)" for b in flagged)  # the error tint
    shot = tmp_path / "chart.png"
    assert svg.screenshot(str(shot)) and shot.stat().st_size > 2_000
    keep = os.environ.get("FACTLEDGER_SCREENSHOT_DIR")
    if keep:
        shutil.copy(shot, Path(keep) / shot.name)


def test_errors_open_infos_folded(contradiction_site, browser):
    from selenium.webdriver.common.by import By

    site, report = contradiction_site
    erring = {f.article_id for f in report.findings if f.severity == "error" and f.item_id}
    assert erring
    page = sorted(erring)[0]
    browser.get((site / "articles" / f"{page}.html").resolve().as_uri())
    panel = browser.find_element(By.CSS_SELECTOR, "details.item.error")
    assert panel.get_attribute("open") is not None
    assert panel.find_element(By.CSS_SELECTOR, ".finding.error").is_displayed()  # without a click
    plain = browser.find_elements(By.CSS_SELECTOR, "details.item.plain, details.item.info")
    assert all(p.get_attribute("open") is None for p in plain)
    for folded in browser.find_elements(By.CSS_SELECTOR, "details.infos"):
        assert folded.get_attribute("open") is None
        assert not folded.find_element(By.CSS_SELECTOR, ".finding.info").is_displayed()


def test_money_in_two_currencies_shares_one_dollar_axis(tmp_path):
    """'200 billion yen (19 billion dollars)': both bars in USD at the period's rate, the slip in view."""
    items = ("claims:\n"
             "  - {id: jpy, quote: '200 billion yen', subject: acme, metric: cost, value: 200 billion, unit: JPY, when: 2021-02}\n"
             "  - {id: usd, quote: '19 billion dollars', subject: acme, metric: cost, value: 19 billion, unit: USD, when: 2021-02, restates: jpy}\n")
    fx = "source: {name: test}\nfx_rates:\n  - {currency: JPY, period: 2021-02, units_per_usd: 105}\n"
    ledger = write_ledger(tmp_path / "l", {"vocab.yaml": VOCAB, "fx.yaml": fx,
                                           "a.yaml": article("200 billion yen (19 billion dollars)", items=items, published="2021-02-20")})
    html_report([ledger], tmp_path / "site")
    page = (tmp_path / "site" / "articles" / "a.html").read_text(encoding="utf-8")
    svg = page[page.index('<svg class="chart"'):page.index("</svg>") + 6]
    root = ET.fromstring(svg)
    assert root.get("aria-label") == "acme / cost (USD)"
    tips = {g.get("data-claim"): g.find(f"{SVG}title").text for g in root.findall(f"{SVG}g")}
    assert "(at 105 JPY per USD) — $1.43 billion – $2.38 billion" in tips["jpy"]  # [150, 250] billion / 105
    assert tips["usd"].split(" — ")[1].startswith("$18.5 billion – $19.5 billion")
