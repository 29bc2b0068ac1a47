"""`factledger lsp` end to end: a real LSP session (pygls' client, the server as a subprocess over
stdio) — diagnostics on open and as you type, completion, hover, go-to-definition."""
from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import pytest

pytest.importorskip("pygls")
from lsprotocol import types  # noqa: E402
from pygls.lsp.client import LanguageClient  # noqa: E402
from pygls.uris import from_fs_path  # noqa: E402

from ledger.lsp import features  # noqa: E402
from ledger.lsp.analysis import analyse, ledger_root  # noqa: E402

from conftest import ROOT, VOCAB, article, write_ledger  # noqa: E402

A_ITEMS = ("claims:\n"
           "  - id: made\n"
           "    quote: about 6 million batteries a day\n"
           "    subject: acme\n"
           "    metric: output\n"
           "    value: 6 million\n"
           "    unit: battery/day\n"
           "    qualifier: about\n"
           "  - {id: share, quote: '120%', subject: china, metric: share, value: 120%}\n")
B_ITEMS = ("claims:\n"
           "  - {id: made, quote: '5.5 million batteries daily', subject: acme, metric: output, value: 5.5 million, unit: battery/day}\n")


@pytest.fixture
def ledger(tmp_path):
    return write_ledger(tmp_path / "claims", {
        "vocab.yaml": VOCAB,
        "a.yaml": article("We make about 6 million batteries a day; China has 120% of it.", items=A_ITEMS),
        "b.yaml": article("5.5 million batteries daily", items=B_ITEMS, article_id="b", published="2025-05-01")
        .replace('  body: "5.5 million batteries daily"', "  text: b.txt"),
        "b.txt": "5.5 million batteries daily\n",
    })


def test_language_server_session(ledger):
    asyncio.run(asyncio.wait_for(_session(ledger), timeout=120))


async def _session(ledger: Path) -> None:
    client = LanguageClient("factledger-test", "1")
    diagnostics: dict[str, list[types.Diagnostic]] = {}
    arrived = asyncio.Event()

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def on_diagnostics(params: types.PublishDiagnosticsParams):
        diagnostics[params.uri] = params.diagnostics
        arrived.set()

    await client.start_io(sys.executable, "-m", "ledger", "lsp", cwd=str(ROOT))
    try:
        await client.initialize_async(types.InitializeParams(
            capabilities=types.ClientCapabilities(),
            workspace_folders=[types.WorkspaceFolder(uri=from_fs_path(str(ledger.parent)), name="ws")]))
        client.initialized(types.InitializedParams())
        path = ledger / "a.yaml"
        uri = from_fs_path(str(path))
        text = path.read_text(encoding="utf-8")
        client.text_document_did_open(types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id="yaml", version=1, text=text)))
        await asyncio.wait_for(arrived.wait(), 60)
        assert not any(d.code == "L106" for ds in diagnostics.values() for d in ds)  # b's text file is found
        q202 = [d for d in diagnostics[uri] if d.code == "Q202"]
        assert len(q202) == 1 and q202[0].severity == types.DiagnosticSeverity.Error
        # at the value, where `check` puts it (line 15, the column of `120%` after `value: `)
        value_col = text.split("\n")[14].index("value: 120%") + len("value: ")
        assert q202[0].range.start == types.Position(line=14, character=value_col)
        assert q202[0].range.end.line == 14 and q202[0].range.end.character > value_col

        # typing: an unknown unit, not saved — the finding arrives located, the old one stays
        arrived.clear()
        edited = text.replace("unit: battery/day", "unit: batteryz/day")
        client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=edited)]))
        while not any(d.code == "L107" for d in diagnostics[uri]):
            arrived.clear()
            await asyncio.wait_for(arrived.wait(), 60)
        l107 = next(d for d in diagnostics[uri] if d.code == "L107")
        assert l107.range.start.line == edited.split("\n").index("    unit: batteryz/day")
        assert path.read_text(encoding="utf-8") == text  # the file on disk is untouched

        # back to the good text; completion of a subject, hover on the claim, definition of the metric
        client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=3),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)]))
        while any(d.code == "L107" for d in diagnostics[uri]):
            arrived.clear()
            await asyncio.wait_for(arrived.wait(), 60)
        lines = text.split("\n")
        subject_line = lines.index("    subject: acme")
        result = await client.text_document_completion_async(types.CompletionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=types.Position(line=subject_line, character=len("    subject: "))))
        labels = {i.label for i in result.items}
        assert {"acme", "china"} <= labels and "output" not in labels

        hover = await client.text_document_hover_async(types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=subject_line, character=6)))
        value = hover.contents.value
        # the engine's readings of 'about 6 million' and of b's '5.5 million', in the written unit
        assert "- strict: [5.5 million battery/day – 6.5 million battery/day]" in value
        assert "- generous: [5.4 million battery/day – 6.6 million battery/day]" in value
        assert "- O (2025-05-01): 5.5 million battery/day → [5.45 million battery/day – 5.55 million battery/day]" in value

        metric_line = lines.index("    metric: output")
        found = await client.text_document_definition_async(types.DefinitionParams(
            text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=metric_line, character=14)))
        assert found.uri == from_fs_path(str((ledger / "vocab.yaml").resolve()))
        vocab_lines = VOCAB.split("\n")
        assert vocab_lines[found.range.start.line].lstrip().startswith("- {key: output")
    finally:
        await asyncio.wait_for(client.shutdown_async(None), 30)
        client.exit(None)
        await asyncio.wait_for(client.stop(), 30)


def test_completion_by_context(ledger):
    analysis = analyse(ledger, {})
    text = (ledger / "a.yaml").read_text(encoding="utf-8")

    def labels(prefix_line: str, context: str = text) -> set[str]:
        lines = context.split("\n") + [prefix_line]
        return {i.label for i in features.complete(analysis, "\n".join(lines), len(lines) - 1, len(prefix_line))}

    assert "output" in labels("    metric: ") and "acme" not in labels("    metric: ")
    assert {"about", "over", "more than", "up to"} <= labels("    qualifier: ")
    assert {"2025-06", "earlier this month", "last year"} <= labels("    when: ")
    assert {"battery", "battery/day", "%", "USD"} <= labels("    unit: ")
    assert {"past", "present", "future"} == labels("    tense: ")
    assert {"quote", "subject", "metric", "qualifier", "when", "from"} <= labels("  - ")
    assert labels("  - {id: x, subj") >= {"subject"}
    assert {"article", "claims", "entities"} <= labels("")
    assert {"organisation", "country", "event"} <= labels("    kind: ", "entities:\n  - key: x")
    assert {"alliance-letter"} == labels("    event: ")  # only entities of kind event


def test_definition_of_units_and_restated_claims(ledger):
    analysis = analyse(ledger, {})
    text = "claims:\n  - {id: x, unit: battery/day, restates: b/made}\n"
    assert Path(features.definition(analysis, text, 1, 20).file).name == "vocab.yaml"  # battery
    target = features.definition(analysis, text, 1, 45)
    assert Path(target.file).name == "b.yaml" and target.line == 8  # its `- {id: made` line


def test_the_ledger_root_is_the_folder_with_the_vocabulary(ledger):
    (ledger / "reference").mkdir()
    (ledger / "reference" / "r.yaml").write_text("")
    assert ledger_root(ledger / "reference" / "r.yaml") == ledger.resolve()
