"""`factledger lsp`: a language server for the ledger's YAML files (docs/editors.md)."""
