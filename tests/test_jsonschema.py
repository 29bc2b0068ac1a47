"""The ledger files' JSON Schema: generated from the models, it accepts every file of the bundled
ledger as a YAML 1.2 editor reads it, rejects bad ones, and `new` drafts point at it."""
from __future__ import annotations

import json

import pytest
import yaml

from ledger import jsonschema as ledger_jsonschema
from ledger.cli import main
from ledger.draft import write_draft

from conftest import ROOT

jsonschema = pytest.importorskip("jsonschema")


class Yaml12Loader(yaml.SafeLoader):
    """What yaml-language-server sees: YAML 1.2 core scalars (no timestamps, only true/false)."""


Yaml12Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers
            if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
for _first in "tTfF":
    Yaml12Loader.add_implicit_resolver("tag:yaml.org,2002:bool", __import__("re").compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list(_first))


def validator():
    schema = ledger_jsonschema.ledger_schema()
    return jsonschema.validators.validator_for(schema)(schema)


def errors(text: str) -> list[str]:
    """Every message, including those under an anyOf (an optional section is `X | null`)."""
    def walk(errs):
        for e in errs:
            yield e.message
            yield from walk(e.context)
    return list(walk(validator().iter_errors(yaml.load(text, Loader=Yaml12Loader))))


def test_the_schema_is_a_valid_json_schema():
    schema = ledger_jsonschema.ledger_schema()
    jsonschema.validators.validator_for(schema).check_schema(schema)


def test_every_file_of_the_bundled_ledger_validates():
    files = sorted((ROOT / "claims").rglob("*.yaml"))
    assert len(files) >= 10
    v = validator()
    for path in files:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=Yaml12Loader)
        problems = [f"{list(e.absolute_path)}: {e.message}" for e in v.iter_errors(data)]
        assert problems == [], path.name


@pytest.mark.parametrize("text, expected", [
    ("article: {id: a, title: T, outlet: O, published: 2025, body: x}\nclaims:\n  - {id: c, quote: q, subject: s, metric: m, value: 1, colour: red}\n",
     "Additional properties are not allowed ('colour' was unexpected)"),
    ("entities:\n  - {key: acme, name: Acme, kind: company}\n", "'company' is not one of"),
    ("article: {id: a, title: T, outlet: O, published: 2025, body: x}\nclaims:\n  - {id: c, subject: s, metric: m, value: 1}\n",
     "'quote' is a required property"),
    ("article: {id: Bad Id, title: T, outlet: O, published: 2025, body: x}\n", "does not match"),
    ("metrics:\n  - {key: m, description: d, kind: rate, unit: t/year, min: low}\n", "is not of type 'number'"),
])
def test_a_bad_file_is_rejected(text, expected):
    found = errors(text)
    assert any(expected in message for message in found), found


def test_yaml_numbers_where_we_read_text_are_accepted():
    assert errors("article: {id: a, title: 1984, outlet: O, published: 2025, body: x}\n"
                  "claims:\n  - {id: c, quote: '40', subject: s, metric: m, value: 40, rank: 1, draft: true}\n") == []


def test_the_bundled_schema_file_is_current():
    # claims/ledger.schema.json is what `new` writes and drafts point at: regenerate it with
    # `factledger schema --json-schema -o claims/ledger.schema.json`
    assert (ROOT / "claims" / "ledger.schema.json").read_text(encoding="utf-8") == ledger_jsonschema.render()


def test_schema_command_prints_it(capsys):
    assert main(["schema", "--json-schema"]) == 0
    assert json.loads(capsys.readouterr().out)["$id"] == ledger_jsonschema.SCHEMA_ID


def test_new_points_the_draft_at_the_schema_and_never_touches_a_foreign_file(tmp_path):
    (tmp_path / "a.txt").write_text("Acme sold 40 cars in 2024.\n")
    draft = write_draft(tmp_path / "a.txt", outlet="O", published="2025")
    first = draft.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=ledger.schema.json"
    assert ledger_jsonschema.is_ours(tmp_path / "ledger.schema.json")
    assert errors(draft.read_text(encoding="utf-8")) == []
    other = tmp_path / "other"
    other.mkdir()
    (other / "ledger.schema.json").write_text('{"mine": true}')
    (other / "b.txt").write_text("Acme sold 40 cars in 2024.\n")
    draft = write_draft(other / "b.txt", outlet="O", published="2025")
    assert (other / "ledger.schema.json").read_text() == '{"mine": true}'
    assert "yaml-language-server" not in draft.read_text(encoding="utf-8")
