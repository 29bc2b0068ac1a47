"""## What it does
Reports a ledger file that is not safe, well-formed YAML: a syntax error, an explicit tag
(`!!python/object`, `!!str`), an anchor or alias, a merge key (`<<`), a duplicate key, a file that is
not UTF-8, or a file past the size, depth or node caps.

## Why is this bad?
YAML silently keeps the last of two duplicate keys, expands aliases without limit (a few hundred
bytes can become millions of nodes) and runs code for some tags. A ledger must mean exactly what
it shows.

## Example
```yaml
article:
  id: example
  title: Example
  outlet: Example Times
  published: 2025-06-04
  published: 2025-06-05
  body: "Text."
```

## Use instead
```yaml
article: {id: example, title: Example, outlet: Example Times, published: 2025-06-04,
          body: "Text."}
```
"""
ID = "L101"
NAME = "yaml-syntax"
SEVERITY = "error"
SUMMARY = "A ledger file is not safe, well-formed YAML (syntax, tags, aliases, merge or duplicate keys, caps)."
STAGE = "load"
