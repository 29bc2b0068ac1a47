"""Where an edit can change findings, and the restricted views a rule reads there.

An edit to some files affects: their articles; the articles whose copy or rewrite pairs changed;
the articles that name them (`restates`, `superseded_by`, `from`, a relation's terms). A restricted
rule also sees the articles those name (`visible`). Claim groups (subject and metric) and metrics
are those of the visible articles' claims before and after the edit; a metric and the one it
`cumulates` are one. Each rule scope (ledger.rules) keeps its earlier findings outside these and
takes the restricted run's inside them."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

import duckdb

from . import store
from .finding import Finding
from .resolve import ARTICLE_TABLES, Tables

_DB = "factledger_scope"  # the attached in-memory database holding the restricted views
_REF = re.compile(r"([a-z0-9][a-z0-9-]*)/")  # the article of a global reference `article/claim`


@dataclass(slots=True)
class Scope:
    articles: set[str]  # affected: their findings are re-computed
    visible: set[str]  # what a restricted article rule sees (the affected ones and what they name)
    metrics: set[str]
    groups: set[tuple[str, str]]  # (subject, metric)

    def keeper(self, kind: str, before: dict, now: dict):
        """keep(finding, old): whether a finding lies where the restricted run of a rule of scope
        `kind` answers for it — by the rows before the edit (old) or after. `before`, `now`:
        item_keys of the tables then and now."""
        if kind == "article":
            return lambda f, old: f.article_id in self.articles
        keys = self.groups if kind == "group" else self.metrics

        def key(group):
            return group if kind == "group" else group[1]

        def keep(f: Finding, old: bool) -> bool:
            item = (f.article_id, f.item_id)
            if old:  # a finding on what is no longer a claim goes; the run says it again if it holds
                return item not in before or key(before[item]) in keys
            return item not in now or key(now[item]) in keys  # not on a claim: from the vocabulary
        return keep


def affected(files: set[str], old: Tables, new: Tables, pairs_changed: set[tuple]) -> Scope:
    """The scope of an edit to `files` (as shown), from the rows before and after it and the
    duplicate pairs that changed."""
    articles = {r.article_id for t in (old, new) for r in (*t.articles, *t.claims) if r.file in files}
    articles |= {a for p in pairs_changed for a in p[:2]}
    referrers = {r.article_id for r in new.claims
                 if any(ref and ref.split("/", 1)[0] in articles for ref in (r.restates, r.superseded_by, r.from_ref))}
    referrers |= {r.article_id for r in new.relations if set(_REF.findall(r.holds or "")) & articles}
    hit = articles | referrers
    visible = set(hit)
    for t in (old, new):
        for r in t.claims:
            if r.article_id in hit:
                visible.update(ref.split("/", 1)[0] for ref in (r.restates, r.superseded_by, r.from_ref) if ref)
        for r in t.relations:
            if r.article_id in hit:
                visible.update(_REF.findall(r.holds or ""))
    groups = {(r.subject, r.metric) for t in (old, new) for r in t.claims if r.article_id in visible}
    metrics = {m for _, m in groups}
    for m in new.metrics:  # a cumulative metric and its rate are one group
        if m.cumulates and (m.key in metrics or m.cumulates in metrics):
            metrics |= {m.key, m.cumulates}
    return Scope(hit, visible, metrics, groups)


def relinked(old: Tables, new: Tables) -> set[str]:
    """Files whose `from:` claims took another earlier state after the edit."""
    before = {r.claim_key: r for r in old.claims if r.from_ref}
    return {r.file for r in new.claims if r.from_ref and before.get(r.claim_key) != r}


def item_keys(tables: Tables) -> dict[tuple, tuple[str, str]]:
    """(article, claim) -> (subject, metric)."""
    return {(r.article_id, r.claim_id): (r.subject, r.metric) for r in tables.claims}


def copy_inputs(tables: Tables, files: set[str]) -> tuple:
    """What duplicate detection reads of the rows of `files` (texts, dates, outlets, the figures
    and events it compares): when none of it changed, the duplicate tables stand."""
    return (Counter((r.article_id, r.kind, r.text, r.published_lo, r.published_hi, r.outlet, r.file, r.line)
                    for r in tables.articles if r.file in files),
            Counter((r.article_id, r.subject, r.metric, r.lo, r.hi, r.when_lo, r.when_hi, r.event)
                    for r in tables.claims if r.file in files),
            Counter((r.article_id, r.event) for r in tables.events if r.file in files))


class Views:
    """Views with the tables' own names over the rows of a Scope, one schema per rule scope, in
    an attached in-memory database (never in a database file written): a rule runs unchanged
    with its search_path pointed at them."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con
        self.catalog = con.execute("SELECT current_database()").fetchone()[0]
        con.execute(f"ATTACH ':memory:' AS {_DB}")  # before the sandbox locks the configuration
        self._made = False
        self._using: str | None = None

    def fill(self, scope: Scope) -> None:
        """Point the views at `scope` (created on first use)."""
        con = self.con
        if not self._made:
            self._made = True
            main = f"{self.catalog}.main"
            con.execute(f"CREATE TABLE {_DB}.main.visible (article_id VARCHAR)")
            con.execute(f"CREATE TABLE {_DB}.main.metrics (metric VARCHAR)")
            con.execute(f"CREATE TABLE {_DB}.main.groups (subject VARCHAR, metric VARCHAR)")
            for name in ("article", "group", "metric"):
                con.execute(f'CREATE SCHEMA {_DB}."{name}"')
            for table in ARTICLE_TABLES:
                con.execute(f"CREATE VIEW {_DB}.article.{table} AS SELECT * FROM {main}.{table} "
                            f"WHERE article_id IN (SELECT article_id FROM {_DB}.main.visible)")
            con.execute(f'CREATE VIEW {_DB}."metric".claims AS SELECT * FROM {main}.claims '
                        f"WHERE metric IN (SELECT metric FROM {_DB}.main.metrics)")
            con.execute(f'CREATE VIEW {_DB}."group".claims AS SELECT * FROM {main}.claims '
                        f"WHERE (subject, metric) IN (SELECT (subject, metric) FROM {_DB}.main.groups)")
        for table, rows in (("visible", [(a,) for a in sorted(scope.visible)]),
                            ("metrics", [(m,) for m in sorted(scope.metrics)]), ("groups", sorted(scope.groups))):
            con.execute(f"DELETE FROM {_DB}.main.{table}")
            if rows:
                store.append(con, f"{_DB}.main.{table}", rows)

    def use(self, kind: str | None) -> None:
        """Rules read the views of scope `kind` from here on (None: the tables again)."""
        if kind == self._using:
            return
        self._using = kind
        if kind is None:
            self.con.execute("RESET search_path")
        else:
            self.con.execute(f"SET search_path = '{_DB}.{kind},{self.catalog}.main'")
