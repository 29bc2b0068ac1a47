"""The pygls wiring of `factledger lsp`: diagnostics as you type (the findings of a full check
of the document's ledger with the unsaved texts overlaid, after a short pause in typing, run in
a worker thread), completion, hover and go-to-definition from `features`."""
from __future__ import annotations

import asyncio
import logging
from pathlib import Path

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from ..formats.sarif import read_lines
from . import features
from .analysis import Analysis, analyse, ledger_root

DEBOUNCE_SECONDS = 0.3  # recheck once typing pauses this long
SEVERITY = {"error": types.DiagnosticSeverity.Error, "warning": types.DiagnosticSeverity.Warning,
            "info": types.DiagnosticSeverity.Information}
log = logging.getLogger("factledger.lsp")


class LedgerServer(LanguageServer):
    def __init__(self, version: str):
        super().__init__("factledger", version, text_document_sync_kind=types.TextDocumentSyncKind.Full)
        self.analyses: dict[Path, Analysis] = {}  # ledger root -> last analysis
        self.published: dict[Path, set[str]] = {}  # ledger root -> URIs with diagnostics
        self.generation: dict[Path, int] = {}
        self.recheck_seconds: list[float] = []  # wall time of each recheck (for `factledger lsp` users: measured)

    def path_of(self, uri: str) -> Path:
        return Path(to_fs_path(uri)).resolve()

    def root_for(self, uri: str) -> Path:
        folders = self.workspace.folders
        workspace = Path(to_fs_path(next(iter(folders.values())).uri)) if folders else None
        return ledger_root(self.path_of(uri), workspace)

    def overlay(self, root: Path) -> dict[Path, str]:
        out = {}
        for uri, doc in self.workspace.text_documents.items():
            path = self.path_of(uri)
            if root == path.parent or root in path.parents:
                out[path] = doc.source
        return out

    async def recheck(self, root: Path, debounce: float) -> None:
        generation = self.generation[root] = self.generation.get(root, 0) + 1
        if debounce:
            await asyncio.sleep(debounce)
            if self.generation[root] != generation:
                return  # a newer edit will recheck
        overlay = self.overlay(root)
        analysis = await asyncio.get_running_loop().run_in_executor(None, analyse, root, overlay)
        if self.generation[root] != generation:
            return
        self.analyses[root] = analysis
        self.recheck_seconds.append(analysis.seconds)
        self.publish(root, analysis, overlay)

    def publish(self, root: Path, analysis: Analysis, overlay: dict[Path, str]) -> None:
        by_uri: dict[str, list[types.Diagnostic]] = {}
        lines_of: dict[str, list[str]] = {}
        for f in analysis.findings:
            uri = from_fs_path(f.file)
            if f.file not in lines_of:
                path = Path(f.file)
                lines_of[f.file] = overlay[path].split("\n") if path in overlay else read_lines(f.file)
            by_uri.setdefault(uri, []).append(diagnostic(f, lines_of[f.file]))
        stale = self.published.get(root, set()) - set(by_uri)
        for uri in stale:  # files whose findings are gone
            self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))
        for uri, diagnostics in by_uri.items():
            self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics))
        self.published[root] = set(by_uri)

    async def analysis_for(self, uri: str) -> Analysis:
        root = self.root_for(uri)
        if root not in self.analyses:
            await self.recheck(root, 0)
        return self.analyses[root]


def diagnostic(f, lines: list[str]) -> types.Diagnostic:
    line = max(f.line - 1, 0)
    col = max(f.col - 1, 0)
    text = lines[line] if line < len(lines) else ""
    end = max(len(text.rstrip()), col + 1)
    message = f.message if f.waiver is None else f"{f.message} [waived by {f.waiver.by}: {f.waiver.reason}]"
    return types.Diagnostic(
        range=types.Range(start=types.Position(line=line, character=col), end=types.Position(line=line, character=end)),
        message=message, severity=SEVERITY.get(f.severity, types.DiagnosticSeverity.Warning),
        code=f.rule, source="factledger",
        tags=[types.DiagnosticTag.Unnecessary] if f.waiver is not None else None)


def build(version: str) -> LedgerServer:
    server = LedgerServer(version)

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    async def did_open(ls: LedgerServer, params: types.DidOpenTextDocumentParams):
        await ls.recheck(ls.root_for(params.text_document.uri), 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    async def did_change(ls: LedgerServer, params: types.DidChangeTextDocumentParams):
        await ls.recheck(ls.root_for(params.text_document.uri), DEBOUNCE_SECONDS)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    async def did_save(ls: LedgerServer, params: types.DidSaveTextDocumentParams):
        await ls.recheck(ls.root_for(params.text_document.uri), 0)

    @server.feature(types.TEXT_DOCUMENT_COMPLETION, types.CompletionOptions(trigger_characters=[":", " ", "-"]))
    async def completion(ls: LedgerServer, params: types.CompletionParams):
        doc = ls.workspace.get_text_document(params.text_document.uri)
        analysis = await ls.analysis_for(params.text_document.uri)
        items = features.complete(analysis, doc.source, params.position.line, params.position.character)
        return types.CompletionList(is_incomplete=False, items=[
            types.CompletionItem(label=i.label, detail=i.detail or None,
                                 documentation=i.documentation or None,
                                 kind=types.CompletionItemKind.Property if i.kind == "key" else types.CompletionItemKind.Value,
                                 insert_text=f"{i.label}: " if i.kind == "key" else None)
            for i in items])

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    async def hover(ls: LedgerServer, params: types.HoverParams):
        doc = ls.workspace.get_text_document(params.text_document.uri)
        analysis = await ls.analysis_for(params.text_document.uri)
        text = features.hover(analysis, ls.path_of(params.text_document.uri), doc.source, params.position.line)
        if text is None:
            return None
        return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=text))

    @server.feature(types.TEXT_DOCUMENT_DEFINITION)
    async def definition(ls: LedgerServer, params: types.DefinitionParams):
        doc = ls.workspace.get_text_document(params.text_document.uri)
        analysis = await ls.analysis_for(params.text_document.uri)
        target = features.definition(analysis, doc.source, params.position.line, params.position.character)
        if target is None:
            return None
        start = types.Position(line=max(target.line - 1, 0), character=max(target.col - 1, 0))
        return types.Location(uri=from_fs_path(target.file), range=types.Range(start=start, end=start))

    return server


def serve(version: str) -> None:
    build(version).start_io()
