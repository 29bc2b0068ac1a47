"""A checked ledger that knows what each file contributed, so an edit is re-checked where it can
change something: the one path every check takes (engine.open builds a Session; the language
server keeps one warm; `check --cache` is a Session persisted, ledger.sessioncache).

Cold, a Session loads every file, resolves the vocabulary and then each article file on its own
(resolve.resolve_file), links across files (resolve.link), builds the database and runs every
selected rule. `update(changed)` reloads only the changed files (new text, or None: deleted) and:

* an edit to the vocabulary (a file with units, entities, metrics, constants or FX rates, before or
  after the edit) re-resolves every article and re-runs every rule;
* otherwise only the changed files are re-resolved, their rows replaced in the database, and the
  rules re-run by their scope (ledger.rules, ledger.scope): `article` rules on the affected
  articles — the changed ones, the ones naming them (`restates`, `from`, `superseded_by`,
  relations) and those whose copy or rewrite pairs changed — `group` and `metric` rules on the
  claim groups and metrics of those articles' claims before and after, `vocabulary` rules not at
  all, `ledger` rules in full. Their earlier findings there are replaced, the rest kept.

A restricted rule reads views of the same names over the affected rows (search_path), so SQL and
Python rules run unchanged; the findings are then kept only where the scope says they can differ.
The result equals a cold check (tests/test_incremental.py). The duplicate tables are built only
when a selected rule reads them, or findings on the same words in two articles may be copies."""
from __future__ import annotations

import datetime
import time
from pathlib import Path

import duckdb

from . import ruleexec, sources, store, views, waivers
from .checktypes import Context, Options, Report, finish, hedge_tolerance
from .finding import Finding
from .loader import Ledger, LoadedFile, discover, gc_paused, load_file
from .phrasebook import Phrasebook
from .resolve import ARTICLE_TABLES, VOCABULARY_TABLES, FileRows, Resolved, Tables, link, resolve_file, vocabulary
from .rules import check_ids, discover as discover_rules, select
from .schema import ProblemRow
from .scope import Scope, Views, affected, copy_inputs, item_keys, relinked

# sections whose edit changes what every article resolves against (or what A301 reads)
_VOCABULARY_SECTIONS = ("entities", "metrics", "units", "constants", "fx_rates", "source")


class Session:
    """An open, checked ledger in a DuckDB connection, kept up to date by `update`."""

    def __init__(self, paths: list[Path], options: Options | None, con: duckdb.DuckDBPyConnection, *,
                 check: bool = True, duplicates_always: bool = True) -> None:
        self.options = options = options or Options()
        self.con = con
        self.timings: dict[str, float] = {}
        self.warnings: list[str] = []
        self._clock = time.perf_counter()
        self.all_rules = discover_rules(options.rule_dirs)
        self.rules = select(self.all_rules, options.select, options.ignore) if check else {}
        check_ids(self.all_rules, "severity", options.severities, exact=True)
        self.tolerance = hedge_tolerance(options)
        self._duplicates_built = False
        self._duplicates_always = duplicates_always
        self.hits: dict[str, list[Finding]] = {}
        self.failures: dict[str, ruleexec.RuleFailure] = {}
        self.overlay: dict[Path, str] = {}  # texts given to update() (an editor's unsaved buffers)
        cache = self._persist = None
        if options.cache is not None:
            from .parsecache import ParseCache

            cache = ParseCache.open(options.cache)
        self.roots, files = discover(paths)
        self.ledger = Ledger(roots=self.roots)
        self.diagnostics: dict[Path, list[Finding]] = {}
        with gc_paused():  # loading only allocates: no collection passes over it (ledger.loader)
            for path in files:
                loaded, problems = load_file(path, self.roots, cache)
                self.ledger.files.append(loaded)
                self.diagnostics[path] = problems
        if cache is not None:
            from .sessioncache import Persisted

            self.timings["cache_hits"], self.timings["cache_misses"] = cache.hits, cache.misses
            self.warnings += cache.warnings
        self._lap("load")
        self.vocab = vocabulary(self.ledger.models(), self.tolerance)
        if cache is not None:
            self._persist = Persisted(cache, self)
        self._resolve_all(self.vocab)
        self._lap("resolve")
        self._create_database()
        self._lap("database")
        scope = self._since_last_run() if self._persist is not None else None
        if scope != "unchanged":
            self._run_rules(scope)
        self._assemble()
        if self._persist is not None:
            self._persist.save(self)
            self._lap("cache")

    @classmethod
    def open(cls, paths: list[Path], options: Options | None = None) -> Session:
        """A warm session on an in-memory database: check once, then `update` as files change."""
        return cls(paths, options, duckdb.connect(":memory:"), duplicates_always=False)

    def close(self) -> None:
        self.con.close()

    # -- resolving -----------------------------------------------------------------------------

    def _resolve_all(self, vocab=None) -> None:
        self.ledger.items = {}
        self.vocab = vocab or vocabulary(self.ledger.models(), self.tolerance)
        self.parts: dict[Path, FileRows] = {f.path: self._resolve_file(f) for f in self.ledger.files if _is_article(f)}
        self._link()

    def _resolve_file(self, f: LoadedFile) -> FileRows:
        if self._persist is not None and f.digest is not None:
            return self._persist.rows(f, lambda f: resolve_file(f, f.model, self.vocab))
        return resolve_file(f, f.model, self.vocab)

    def _since_last_run(self):
        """What changed since the run the cache remembers: its findings are taken as they were and
        the rules re-run where the change can affect them (a Scope); "unchanged"; or None (no
        usable last run: every rule runs)."""
        previous = self._persist.previous()
        if previous is None:
            return None
        files, hits, failed, pairs = previous
        now = {f.display: self._persist.keys.get(f.display) for f in self.ledger.files}
        changed = {d for d in set(files) | set(now) if files.get(d) != now.get(d)}
        old = Tables(**{k: list(getattr(self.vocab.tables, k)) for k in VOCABULARY_TABLES})
        parts = [self.parts[f.path] for f in self.ledger.files if f.path in self.parts and f.display not in changed]
        for display in sorted(changed):
            if files.get(display) is not None:
                rows = self._persist.old_rows(files[display])
                if rows is None:
                    return None  # what the file held is unknown: a full run
                parts.append(rows)
        for part in parts:
            for name in ARTICLE_TABLES:
                getattr(old, name).extend(getattr(part.tables, name))
        link(old, [], [])  # the earlier states of `from:` claims, as the last run had them
        self.hits = hits
        # a rule that broke, or is missing from the last run, runs in full
        self.failures = {r: ruleexec.RuleFailure(r, "", 0, "not run") for r in self.rules
                         if r in failed or r not in hits}
        if not changed and not self.failures:
            return "unchanged"
        self._old_items = item_keys(old)
        return affected(changed | relinked(old, self.tables), old, self.tables, pairs ^ self._duplicate_pairs())

    def _link(self) -> None:
        """The ledger's rows from the vocabulary and every file's part, linked across files."""
        tables = Tables(**{k: list(getattr(self.vocab.tables, k)) for k in VOCABULARY_TABLES})
        problems = list(self.vocab.problems)
        for f in self.ledger.files:
            part = self.parts.get(f.path)
            if part is not None:
                for name in ARTICLE_TABLES:
                    getattr(tables, name).extend(getattr(part.tables, name))
                problems.extend(part.problems)
        problems.extend(link(tables, self.ledger.files, self.ledger.models()))
        self.tables = tables
        self.problems = [p for f in self.ledger.files for p in self.diagnostics.get(f.path, ())] + problems
        self.resolved = Resolved(tables, self.problems, self.vocab.unit_table)
        self.phrases = Phrasebook(self.vocab.unit_table)

    # -- the database --------------------------------------------------------------------------

    def _create_database(self) -> None:
        con = self.con
        store.create(con, self.tables)
        self._fill_problems()
        if self._duplicates_always or any(r.needs_duplicates for r in self.rules.values()):
            self._ensure_duplicates()
        views.create(con, self.resolved)  # analysts' display units and views (ledger.views)
        self._views = Views(con)  # before the lock: it attaches an in-memory database
        if self.options.sandbox:  # the tables are in: rules (and `sql`) get no file, network or extension access
            ruleexec.lock(con, self.options.writable)

    def _fill_problems(self) -> None:
        store.append(self.con, "problems", [  # the loader-stage rules select theirs (ruleexec.run_rule)
            ProblemRow(rule=p.rule, message=p.message, file=p.file, line=p.line, col=p.col,
                       article_id=p.article_id, item_id=p.item_id) for p in self.problems])

    def _ensure_duplicates(self) -> None:
        """The duplicate tables, built once (and again after an edit): D6xx, T503, C401's copy
        clusters and the merging of findings on copied text read them."""
        if self._duplicates_built:
            return
        from . import duplicates  # numpy: imported only when duplicates are looked for

        duplicates.load(self.con, self.ledger, duplicates.Thresholds(window_days=self.options.rewrite_window))
        self._duplicates_built = True

    def _duplicate_pairs(self) -> set[tuple]:
        if not self._duplicates_built:
            return set()
        return set(self.con.execute("SELECT article_a, article_b, kind FROM duplicates").fetchall()) | set(
            self.con.execute("SELECT article_id, source_id, 'source' FROM sources").fetchall())

    # -- rules ---------------------------------------------------------------------------------

    def _lap(self, name: str) -> None:
        now = time.perf_counter()
        self.timings[name] = self.timings.get(name, 0.0) + now - self._clock
        self._clock = now

    def _run_rules(self, scope: Scope | None) -> None:
        """Run the selected rules: all in full (`scope` None), else each by its scope."""
        options = self.options
        if scope is not None:
            self._views.fill(scope)
            now_items = item_keys(self.tables)
        with ruleexec.Watchdog(options.rule_timeout, options.check_timeout) as watchdog:
            for rule in self.rules.values():
                if rule.needs_duplicates:
                    self._ensure_duplicates()
                if scope is not None and rule.scope == "vocabulary" and rule.id not in self.failures:
                    continue  # the vocabulary did not change: neither did its findings
                partial = scope is not None and rule.scope in ("article", "group", "metric") and rule.id not in self.failures
                ctx = Context(self.con, self.vocab.unit_table, self.phrases, self.tolerance,
                              self._visible_ledger(scope) if partial and rule.scope == "article" else self.ledger)
                self._views.use(rule.scope if partial else None)
                try:
                    hits, failure = ruleexec.run_rule(rule, ctx, watchdog, self.problems)
                except BaseException:
                    self._views.use(None)
                    raise
                found = [finish(rule, hit, options, self.ledger) for hit in hits]
                if partial:
                    keep = scope.keeper(rule.scope, self._old_items, now_items)
                    found = [f for f in self.hits.get(rule.id, ()) if not keep(f, old=True)] + [
                        f for f in found if keep(f, old=False)]
                found.sort(key=Finding.sort_key)
                self.hits[rule.id] = found
                self.failures.pop(rule.id, None)
                if failure is not None:
                    self.failures[rule.id] = failure
                self._lap(f"rule:{rule.id}")
        self._views.use(None)
        self.timings["rules"] = sum(v for k, v in self.timings.items() if k.startswith("rule:"))

    def _visible_ledger(self, scope: Scope) -> Ledger:
        files = [f for f in self.ledger.files
                 if f.model is None or f.model.article is None or f.model.article.id in scope.visible]
        return Ledger(roots=self.ledger.roots, files=files, diagnostics=self.ledger.diagnostics)

    def _assemble(self) -> None:
        """Every rule's findings, copies merged, waivers applied: the report."""
        findings = [f for rule in self.rules for f in self.hits.get(rule, ())]
        if self._copies_possible(findings):
            self._ensure_duplicates()
            findings = sources.merge_copies(findings, self.con)  # syndicated copies are one source
        applied = waivers.apply(findings, waivers.collect(self.ledger), set(self.rules), set(self.all_rules),
                                self.options.today or datetime.date.today())
        findings = applied.findings
        if waivers.RULE in self.rules:
            findings.extend(finish(self.all_rules[waivers.RULE], p, self.options) for p in applied.problems)
        findings.sort(key=Finding.sort_key)
        self.con.execute("DELETE FROM findings")
        self.con.execute("DELETE FROM waivers")
        if findings:
            store.append(self.con, "findings", store.finding_rows(findings))
        if applied.rows:
            store.append(self.con, "waivers", applied.rows)
        self._lap("findings")
        self.report = Report(findings, self.rules, files=len(self.ledger.files), articles=len(self.tables.articles),
                             claims=len(self.tables.claims), ledger=self.ledger, timings=self.timings,
                             failures=list(self.failures.values()), warnings=self.warnings,
                             problems=list(self.problems))

    def _copies_possible(self, findings: list[Finding]) -> bool:
        """Findings of one rule on the same words in two articles: only then can copies merge."""
        if self._duplicates_built:
            return True
        t = self.tables
        quotes = {(r.article_id, r.claim_id): r.quote_norm for r in t.claims}
        quotes.update(((r.article_id, r.mention_id), r.quote_norm) for r in t.events)
        quotes.update(((r.article_id, r.relation_id), r.quote_norm or r.holds) for r in t.relations)
        seen: dict[tuple, str] = {}
        for f in findings:
            quote = quotes.get((f.article_id, f.item_id))
            if f.item_id is None or quote is None:
                continue
            if seen.setdefault((f.rule, quote), f.article_id) != f.article_id:
                return True
        return False

    # -- incremental ---------------------------------------------------------------------------

    def update(self, changed: dict[Path, str | None]) -> Report:
        """Re-check after the files in `changed` got a new text (None: no unsaved text — read the
        disk, where a deleted file is gone); an article text file may be among them. Returns the
        new report."""
        self.timings = {}
        self._clock = time.perf_counter()
        changed = {Path(p).resolve(): t for p, t in changed.items()}
        for path, text in changed.items():
            if text is None:
                self.overlay.pop(path, None)
            else:
                self.overlay[path] = text
        by_path = {f.path: f for f in self.ledger.files}
        texts = {}  # article text file -> the YAML files that read it
        for f in self.ledger.files:
            if _is_article(f) and f.model.article.text:
                texts.setdefault((f.path.parent / f.model.article.text).resolve(), []).append(f.path)
        reload = {p for p in changed if p in by_path or (p.suffix in (".yaml", ".yml") and _inside(p, self.roots))}
        reload |= {y for p in changed for y in texts.get(p, ())}
        if not reload:  # nothing the ledger reads
            return self.report
        old = {p: by_path.get(p) for p in reload}
        new: dict[Path, LoadedFile | None] = {}
        for path in reload:
            if path not in self.overlay and not path.exists():
                new[path] = None
                continue
            loaded, problems = load_file(path, self.roots, None, self.overlay)
            new[path] = loaded
            self.diagnostics[path] = problems
        for path, loaded in new.items():
            if loaded is None:
                self.diagnostics.pop(path, None)
        files = {f.path: f for f in self.ledger.files}
        files.update({p: f for p, f in new.items() if f is not None})
        for p, f in new.items():
            if f is None:
                files.pop(p, None)
        self.ledger.files = [files[p] for p in sorted(files, key=self._order)]
        self.ledger.diagnostics = [p for f in self.ledger.files for p in self.diagnostics.get(f.path, ())]
        self.ledger.items = {}
        self._lap("load")
        old_tables, old_pairs = self.tables, self._duplicate_pairs()
        self._old_items = item_keys(old_tables)
        # the shipped FX table is used while the ledger has articles and no table of its own
        had_articles = any(_is_article(f) for f in by_path.values())
        has_articles = any(_is_article(f) for f in self.ledger.files)
        if had_articles != has_articles or any(_vocabulary_part(f) for f in (*old.values(), *new.values())):
            self._resolve_all()
            self._lap("resolve")
            self._rebuild_tables()
            self._run_rules(None)
        else:
            for path, loaded in new.items():
                self.parts.pop(path, None)
                if _is_article(loaded):
                    self.parts[path] = self._resolve_file(loaded)
            self._link()
            self._lap("resolve")
            displays = {f.display for f in (*old.values(), *new.values()) if f is not None}
            replaced = displays | relinked(old_tables, self.tables)
            self._replace_rows(replaced, old_tables)
            self._lap("database")
            self._run_rules(affected(replaced, old_tables, self.tables, old_pairs ^ self._duplicate_pairs()))
        self._assemble()
        return self.report

    def _order(self, path: Path):
        for n, root in enumerate(self.roots):
            if path == root or root in path.parents:
                return (n, path)
        return (len(self.roots), path)

    def _replace_rows(self, files: set[str], old: Tables) -> None:
        con = self.con
        keys = sorted(files)
        for name in ARTICLE_TABLES:
            con.execute(f"DELETE FROM {name} WHERE list_contains(?, file)", [keys])
            rows = [r for r in getattr(self.tables, name) if r.file in files]
            if rows:
                store.append(con, name, rows)
        self._replace_shared(files, old)

    def _rebuild_tables(self) -> None:
        con = self.con
        for name in (*ARTICLE_TABLES, *VOCABULARY_TABLES):
            con.execute(f"DELETE FROM {name}")
            rows = getattr(self.tables, name)
            if rows:
                store.append(con, name, rows)
        self._replace_shared(None)

    def _replace_shared(self, files: set[str] | None, old: Tables | None = None) -> None:
        """The tables every update rebuilds whole (problems, broken keys, the duplicate tables when
        they were built) and the display units of the claims of `files` (None: all)."""
        con = self.con
        con.execute("DELETE FROM problems")
        self._fill_problems()
        con.execute("DELETE FROM broken_keys")
        if self.tables.broken_keys:
            store.append(con, "broken_keys", self.tables.broken_keys)
        resolved = self.resolved
        if files is None:
            con.execute("DELETE FROM claim_display")
        else:
            keys = {r.claim_key for t in (old, self.tables) for r in t.claims if r.file in files}
            con.execute("DELETE FROM claim_display WHERE list_contains(?, claim_key)", [sorted(keys)])
            tables = Tables(claims=[r for r in self.tables.claims if r.claim_key in keys], metrics=self.tables.metrics)
            resolved = Resolved(tables, [], self.vocab.unit_table)
        rows = views.display_rows(resolved)
        if rows:
            store.append(con, "claim_display", rows)
        if self._duplicates_built and (files is None or copy_inputs(old, files) != copy_inputs(self.tables, files)):
            for name in ("duplicates", "duplicate_clusters", "sources"):
                con.execute(f"DELETE FROM {name}")
            self._duplicates_built = False
            self._ensure_duplicates()

def _is_article(f: LoadedFile | None) -> bool:
    return f is not None and f.model is not None and f.model.article is not None


def _vocabulary_part(f: LoadedFile | None) -> bool:
    return f is not None and f.model is not None and any(getattr(f.model, s) for s in _VOCABULARY_SECTIONS)


def _inside(path: Path, roots: list[Path]) -> bool:
    return any(root in path.parents for root in roots)
