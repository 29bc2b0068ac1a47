"""Per-qualifier hedge widths from the configuration (`[hedge-tolerance]`), issue 13 item 9."""
from __future__ import annotations

import pytest

from conftest import VOCAB, article, write_ledger
from ledger.cli import main
from ledger.config import ConfigError, load as load_config
from ledger.quantity import Number, Tolerance, readings
from ledger.interval import Interval

WIDE = Interval(float("-inf"), float("inf"))


def test_an_override_widens_only_its_qualifier():
    num = Number(60.0, 1.0, 10.0, "%", "60%")
    tol = Tolerance(0.05, (("about", 0.1),))
    assert readings(num, "about", WIDE, tol).strict == Interval(54.0, 66.0)
    assert readings(num, "about", WIDE, 0.05).strict == Interval(57.0, 63.0)
    # "nearly" keeps the default fraction
    assert readings(num, "nearly", WIDE, tol).strict == readings(num, "nearly", WIDE, 0.05).strict


def _project(tmp_path, toml: str):
    ledger = write_ledger(tmp_path / "claims", {"vocab.yaml": VOCAB, "a.yaml": article(
        "Acme sold about 60 batteries.", items="""\
            claims:
              - {id: a, quote: "about 60 batteries", subject: acme, metric: sales, value: 60, qualifier: about, when: 2025}
            """), "b.yaml": article("Acme sold 65 batteries.", article_id="b", items="""\
            claims:
              - {id: b, quote: "65 batteries", subject: acme, metric: sales, value: 65, when: 2025}
            """)})
    (tmp_path / "factledger.toml").write_text(toml)
    return ledger


@pytest.mark.parametrize("toml,expect", [
    ('paths = ["claims"]\n', 1),                                   # about 60 (57-63 strictly) vs 65: a warning
    ('paths = ["claims"]\n[hedge-tolerance]\nroughly = 0.1\n', 0),  # 'roughly' sets 'about': 54-66 holds 65
])
def test_the_configuration_sets_a_qualifiers_width(tmp_path, monkeypatch, capsys, toml, expect):
    _project(tmp_path, toml)
    monkeypatch.chdir(tmp_path)
    main(["check", "--select", "C401", "--fail-on", "warning"])
    out = capsys.readouterr().out
    assert out.count(" C401 ") == expect, out


def test_a_bad_entry_is_located(tmp_path):
    (tmp_path / "factledger.toml").write_text('paths = ["claims"]\n\n[hedge-tolerance]\nsomewhat = 0.1\n')
    with pytest.raises(ConfigError, match=r"factledger.toml:3: `hedge-tolerance`: unknown qualifier 'somewhat'"):
        load_config(tmp_path)
    (tmp_path / "factledger.toml").write_text('[hedge-tolerance]\nabout = 2\n')
    with pytest.raises(ConfigError, match=r"about = 2: give a qualifier and a fraction"):
        load_config(tmp_path)
