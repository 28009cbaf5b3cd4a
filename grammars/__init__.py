"""Lark grammars, shipped as package data (see auditor.resources)."""
