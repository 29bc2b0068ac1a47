"""The review site in a real headless browser: Debian's chromium + chromedriver (installed by
.ci/run). Skipped, with the reason, where they are not installed; never downloads a browser."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from ledger.report import html_report
from ledger.textnorm import normalise

from conftest import ROOT

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")

webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed (pip install -e '.[test]')")
from selenium.webdriver.common.by import By  # noqa: E402


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("report") / "site"
    html_report([ROOT / "claims"], out)
    return out


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    missing = [str(p) for p in (CHROMIUM, CHROMEDRIVER) if not os.access(p, os.X_OK)]
    if missing:
        pytest.skip(f"no headless browser: {', '.join(missing)} not installed "
                    "(apt-get install -y chromium chromium-driver; .ci/run does this)")
    os.environ.setdefault("SE_OFFLINE", "true")  # Selenium Manager must never fetch a browser or driver
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--no-first-run", "--window-size=1400,1000",
                 f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=webdriver.ChromeService(executable_path=str(CHROMEDRIVER)))
    try:
        yield driver
    finally:
        driver.quit()


def _open(browser, path: Path) -> None:
    browser.get(path.resolve().as_uri())
    assert browser.execute_script("return document.readyState") == "complete"


def test_index_lists_every_article_with_counts(site, browser):
    _open(browser, site / "index.html")
    rows = browser.find_elements(By.CSS_SELECTOR, "tbody tr")
    assert len(rows) == 9  # the 8 seed articles and the BLS reference series
    nikkei = next(r for r in rows if "nikkei-biden-supply-chain-order" in r.text)
    assert "Nikkei" in nikkei.text
    assert nikkei.find_element(By.CSS_SELECTOR, ".badge.error").text == "2"  # T502 tense, Q204 yen


def test_highlights_sit_on_the_quotes(site, browser):
    """Every highlighted quote's text, as the browser shows it, is the quote's words in the article
    (normalised equal to the YAML quote) and occurs verbatim in the article's text file."""
    import yaml

    checked = 0
    for source in sorted((ROOT / "claims").glob("*.yaml")):
        doc = yaml.safe_load(source.read_text(encoding="utf-8"))
        if "article" not in doc:
            continue
        raw = (source.parent / doc["article"]["text"]).read_text(encoding="utf-8")
        _open(browser, site / "articles" / f"{source.stem}.html")
        shown = browser.execute_script(
            "var out = {}; document.querySelectorAll('mark[data-panel]').forEach(function (m) {"
            "  out[m.dataset.panel] = (out[m.dataset.panel] || '') + m.textContent; });"
            "return out;")
        quotes = {f"item-{kind}-{item['id']}": item["quote"]
                  for kind, key in (("claim", "claims"), ("event", "events"), ("relation", "relations"))
                  for item in doc.get(key) or [] if item.get("quote")}
        assert set(shown) == set(quotes), source.name
        for panel, text in shown.items():
            assert normalise(text) == normalise(quotes[panel]), (source.name, panel)
            assert text in raw, (source.name, panel)
            checked += 1
    assert checked >= 52


@pytest.mark.parametrize("page, panel", [
    ("nikkei-biden-supply-chain-order", "event-executive-order-earlier-this-month"),
    ("yahoo-autoblog-rare-earth-magnet-shortage", None),  # the syndicated pair's T501, reported once
])
def test_click_on_highlight_opens_its_findings(site, browser, page, panel, tmp_path):
    _open(browser, site / "articles" / f"{page}.html")
    rule = "T502" if panel else "T501"
    mark = browser.find_element(By.CSS_SELECTOR, f'mark[data-rules~="{rule}"]')
    if panel:
        assert mark.get_attribute("data-panel") == f"item-{panel}"
        assert mark.text.startswith("U.S. President Joe Biden will sign an executive order")
    target = browser.find_element(By.ID, mark.get_attribute("data-panel"))
    finding = target.find_element(By.CSS_SELECTOR, f'.finding[data-rule="{rule}"]')
    assert not finding.is_displayed()  # closed until its highlight is clicked
    mark.click()
    assert target.get_attribute("open") is not None
    assert finding.is_displayed()
    assert rule in finding.text and "error" in finding.text
    assert "active" in mark.get_attribute("class").split()
    shot = tmp_path / f"{page}.png"
    assert browser.save_screenshot(str(shot))
    assert shot.stat().st_size > 10_000
    print(f"screenshot: {shot}")
    keep = os.environ.get("FACTLEDGER_SCREENSHOT_DIR")
    if keep:  # to look at it after the run
        shutil.copy(shot, Path(keep) / shot.name)


def test_claim_without_finding_shows_its_interval(site, browser):
    _open(browser, site / "articles" / "forbes-panasonic-ev-demand.html")
    mark = browser.find_element(By.CSS_SELECTOR, 'mark[data-item="sparks-batteries-per-day"]')
    assert mark.get_attribute("data-rules") == ""
    mark.click()
    panel = browser.find_element(By.ID, "item-claim-sparks-batteries-per-day")
    assert panel.get_attribute("open") is not None
    text = panel.text
    assert "generous reading" in text and "strict reading" in text
    assert "battery" in text


def _inject(browser) -> int:
    """Add an inline script, an inline style and an <img onerror> the way an escaping bug would;
    after a moment, which of them ran (0: none; the style is checked by its colour)."""
    return browser.execute_async_script(
        "var done = arguments[arguments.length - 1]; window.__injected = 0;"
        "var s = document.createElement('script'); s.textContent = 'window.__injected = 1;';"
        "document.body.appendChild(s);"
        "var st = document.createElement('style'); st.textContent = 'body { background: rgb(1, 2, 3) }';"
        "document.head.appendChild(st);"
        "var img = document.createElement('img'); img.setAttribute('onerror', 'window.__injected += 2');"
        "img.src = 'x:broken'; document.body.appendChild(img);"
        "setTimeout(function () { done(window.__injected); }, 300);")


def test_content_security_policy_allows_only_the_report_script_and_style(site, browser, tmp_path):
    """The report's own hashed script runs (the click tests) and its stylesheet applies; a script
    or style that reached the page any other way is blocked by the page's Content-Security-Policy."""
    page = site / "articles" / "forbes-panasonic-ev-demand.html"
    background = "return getComputedStyle(document.body).backgroundColor"
    _open(browser, page)
    assert browser.execute_script(background) == "rgb(250, 250, 247)"  # the hashed stylesheet applies
    assert _inject(browser) == 0
    assert browser.execute_script(background) == "rgb(250, 250, 247)"
    # the same page without its policy runs all of it: the assertions above can fail
    bare = tmp_path / "bare.html"
    bare.write_text("".join(line for line in page.read_text(encoding="utf-8").splitlines(keepends=True)
                            if "Content-Security-Policy" not in line), encoding="utf-8")
    _open(browser, bare)
    assert _inject(browser) == 3
    assert browser.execute_script(background) == "rgb(1, 2, 3)"
