"""## What it does
Reports an article whose text file cannot be used: missing, not UTF-8 (with the byte offset), or
outside the ledger folder.

## Why is this bad?
Quote checks and duplicate detection read the text; a ledger that points outside its own folder
could read any file on the machine.

## Example
```yaml
article: {id: example, title: Example, outlet: Example Times, published: 2025-06-04,
          text: ../../etc/passwd}
```

## Use instead
```yaml
article: {id: example, title: Example, outlet: Example Times, published: 2025-06-04,
          body: "The article text, or `text: example.txt` beside this file."}
```
"""
ID = "L106"
NAME = "article-text"
SEVERITY = "error"
SUMMARY = "An article's text file is missing, not UTF-8, or outside the ledger folder."
STAGE = "load"
