"""Parse and evaluate relation equations (`remaining = cost - offset`) over claim intervals.

A small recursive-descent parser: ids contain hyphens, so a minus sign needs spaces around it."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .interval import Interval

_TOKEN = re.compile(r"\s*(?:(?P<num>\d+(?:\.\d+)?)(?![a-z0-9-])|(?P<ref>[a-z0-9][a-z0-9-]*(?:/[a-z0-9][a-z0-9-]*)?)"
                    r"|(?P<op><=|>=|[<>]|[-+*/()=]))")
COMPARISONS = ("=", "<=", ">=", "<", ">")


class RelationError(ValueError):
    pass


@dataclass(frozen=True)
class Expr:
    op: str  # "num" | "ref" | "+" | "-" | "*" | "/" | "neg"
    args: tuple

    def refs(self) -> list[str]:
        if self.op == "ref":
            return [self.args[0]]
        if self.op == "num":
            return []
        return [r for a in self.args for r in a.refs()]

    def divisors(self) -> list[Expr]:
        """Every expression this one divides by, innermost included."""
        inner = [d for a in self.args if isinstance(a, Expr) for d in a.divisors()]
        return inner + [self.args[1]] if self.op == "/" else inner

    def evaluate(self, values: dict[str, Interval]) -> Interval:
        if self.op == "num":
            return Interval.point(self.args[0])
        if self.op == "ref":
            return values[self.args[0]]
        if self.op == "neg":
            return -self.args[0].evaluate(values)
        a, b = (x.evaluate(values) for x in self.args)
        return {"+": a.__add__, "-": a.__sub__, "*": a.__mul__, "/": a.__truediv__}[self.op](b)

    def describe(self) -> str:
        if self.op in ("num", "ref"):
            return str(self.args[0])
        if self.op == "neg":
            return f"-{self.args[0].describe()}"
        return f"{self.args[0].describe()} {self.op} {self.args[1].describe()}"


def _tokens(text: str) -> list[tuple[str, str]]:
    out, pos = [], 0
    text = text.rstrip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m or m.end() == pos:
            raise RelationError(f"unexpected {text[pos:].strip()[:20]!r} at character {pos + 1}")
        kind = m.lastgroup
        out.append((kind, m.group(kind)))
        pos = m.end()
    return out


def parse_relation(text: str, article_id: str) -> tuple[Expr, Expr]:
    left, _, right = parse_comparison(text, article_id)
    return left, right


def parse_comparison(text: str, article_id: str) -> tuple[Expr, str, Expr]:
    """LEFT op RIGHT with op one of = <= >= < > ("direct-jobs <= total-jobs")."""
    tokens = _tokens(text)
    ops = [t[1] for t in tokens if t[0] == "op" and t[1] in COMPARISONS]
    if len(ops) != 1:
        raise RelationError("a relation is one equation or inequality: LEFT = RIGHT, LEFT <= RIGHT, LEFT < RIGHT ...")
    parser = _Parser(tokens, article_id)
    left = parser.sum()
    parser.expect(ops[0])
    right = parser.sum()
    if parser.pos != len(tokens):
        raise RelationError(f"unexpected {tokens[parser.pos][1]!r}")
    return left, ops[0], right


def holds(left: Interval, op: str, right: Interval) -> bool:
    """Whether some values within the two intervals satisfy `left op right`."""
    if op == "=":
        return left.intersects(right)
    if op in ("<=", "<"):
        return left.lo < right.hi or (op == "<=" and left.lo == right.hi and not (left.lo_open or right.hi_open))
    return left.hi > right.lo or (op == ">=" and left.hi == right.lo and not (left.hi_open or right.lo_open))


class _Parser:
    def __init__(self, tokens, article_id):
        self.tokens, self.pos, self.article = tokens, 0, article_id

    def peek(self):
        return self.tokens[self.pos] if self.pos < len(self.tokens) else (None, None)

    def expect(self, op):
        if self.peek() != ("op", op):
            raise RelationError(f"expected {op!r}")
        self.pos += 1

    def sum(self) -> Expr:
        node = self.product()
        while self.peek() in (("op", "+"), ("op", "-")):
            op = self.tokens[self.pos][1]
            self.pos += 1
            node = Expr(op, (node, self.product()))
        return node

    def product(self) -> Expr:
        node = self.atom()
        while self.peek() in (("op", "*"), ("op", "/")):
            op = self.tokens[self.pos][1]
            self.pos += 1
            node = Expr(op, (node, self.atom()))
        return node

    def atom(self) -> Expr:
        kind, value = self.peek()
        self.pos += 1
        if kind == "num":
            return Expr("num", (float(value),))
        if kind == "ref":
            return Expr("ref", (value if "/" in value else f"{self.article}/{value}",))
        if (kind, value) == ("op", "-"):
            return Expr("neg", (self.atom(),))
        if (kind, value) == ("op", "("):
            node = self.sum()
            self.expect(")")
            return node
        raise RelationError("expected a claim id, a number or '('" + (f", got {value!r}" if value else " at the end"))
