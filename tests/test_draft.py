"""Issue 12 case 11: `factledger new` drafts what an editor would write."""
from __future__ import annotations

import os
import stat

import yaml

from ledger.draft import write_draft

from conftest import write_ledger

VOCAB = """\
entities:
  - {key: acme, name: Acme Steel, kind: organisation, aliases: [Acme]}
  - {key: ohio, name: Ohio, kind: region}
  - {key: plant-deal, name: the plant deal, kind: event}
metrics:
  - {key: steel-output, description: Steel output in tonnes, kind: level, unit: t}
  - {key: output-change, description: Change in steel output, kind: change, unit: "%"}
  - {key: jobs, description: Jobs at the plant, kind: count, unit: job}
units:
  - name: job
"""

TEXT = """\
Acme Steel output jumps
June 3, 2025

Acme produced 812 tonnes of steel last year. Output jumped 45% in May, the company said.
The share of exports fell from 37% to 12%. Acme employs 1,200 workers in Ohio and 300 nurses.
Acme signed the plant deal on May 9 in Columbus. The site covers 640 acres.
"""


def _draft(tmp_path, vocab=VOCAB):
    folder = write_ledger(tmp_path / "ledger", {"vocab.yaml": vocab} if vocab else {})
    text = folder / "acme-steel.txt"
    text.write_text(TEXT, encoding="utf-8")
    target = write_draft(text, outlet="Daily")
    return target, yaml.safe_load(target.read_text(encoding="utf-8")), target.read_text(encoding="utf-8")


def _by_figure(claims, written):
    return next(c for c in claims if c["id"].endswith("-" + written))


def test_new_drafts_units_changes_when_and_published(tmp_path):
    target, doc, raw = _draft(tmp_path)
    claims = doc["claims"]
    assert doc["article"]["published"] == "2025-06-03"  # the printed dateline, not a year guess
    tonnes = _by_figure(claims, "812")
    assert (tonnes["value"], tonnes["unit"], tonnes["when"]) == ("812", "t", "last year")
    jumped = _by_figure(claims, "45")
    assert (jumped.get("change"), jumped["direction"], jumped["when"]) == ("+45%", "jumped", "May")
    assert "value" not in jumped
    share = _by_figure(claims, "12")
    assert (share["value"], share["from"], share["direction"]) == ("12%", {"value": "37%"}, "fell")
    assert not [c for c in claims if c["id"].endswith("-37")]  # the earlier state is the `from`, not a claim
    assert _by_figure(claims, "640")["unit"] == "acre"
    assert _by_figure(claims, "1-200")["unit"] == "worker"
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o666 & ~_umask()


def test_new_suggests_subject_and_metric_from_the_vocabulary(tmp_path):
    _, doc, raw = _draft(tmp_path)
    claims = doc["claims"]
    tonnes = _by_figure(claims, "812")
    assert (tonnes["subject"], tonnes["metric"]) == ("acme", "steel-output")
    assert (_by_figure(claims, "45")["subject"], _by_figure(claims, "45")["metric"]) == ("acme", "output-change")
    assert _by_figure(claims, "1-200")["metric"] == "TODO"  # `worker` is no unit of the vocabulary yet
    assert _by_figure(claims, "640")["metric"] == "TODO"  # no metric measures an area
    # units the vocabulary lacks are proposed, commented; events for dated happenings too
    assert "#   - name: nurse" in raw and "#   - name: worker" in raw and "# events:" in raw and "when: May 9" in raw
    assert all(c["draft"] is True for c in claims)


def test_new_without_vocabulary_leaves_todo(tmp_path):
    _, doc, _ = _draft(tmp_path, vocab=None)
    assert {c["subject"] for c in doc["claims"]} == {"TODO"}


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_new_in_a_decimal_comma_language_writes_ledger_notation(tmp_path):
    folder = write_ledger(tmp_path / "it", {})
    text = folder / "spedizioni.txt"
    text.write_text("Spedizioni in calo\n\nLe spedizioni sono scese a 2.415 tonnellate (-31,7%).\n", encoding="utf-8")
    doc = yaml.safe_load(write_draft(text, language="it").read_text(encoding="utf-8"))
    assert doc["article"]["language"] == "it"
    figures = [(c.get("value"), c.get("change"), c.get("unit")) for c in doc["claims"]]
    assert figures == [("2,415", None, "t"), (None, "-31.7%", None)]


def test_extract_command_reads_a_decimal_comma(tmp_path):
    import json
    import subprocess
    import sys

    from conftest import ROOT
    proc = subprocess.run([sys.executable, "-m", "ledger", "extract", "-", "--format", "json", "--decimal", ","],
                          cwd=ROOT, input="Il debito è pari al 137,3% del PIL.", capture_output=True, text=True)
    assert [(m["value"], m["unit"]) for m in json.loads(proc.stdout)] == [(137.3, "%")]
