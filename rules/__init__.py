"""Built-in YAML rule library, shipped as package data (see auditor.resources)."""
