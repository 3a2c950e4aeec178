"""Packs for the regulator, the public and the family: contents, assembly, leak gate, manifest, redaction report, PDF finishing."""
