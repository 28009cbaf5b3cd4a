"""Loaded rule files kept in the private cache, keyed by their content.

Reading a rule file means parsing YAML, checking every key and compiling
each expression with lark; for an unchanged file that work gives the same
rules every time. A file that loaded without a problem is stored as JSON
(data only: loading it runs nothing) under a key made of its text, the name
it is shown under, and a fingerprint of the code that reads it (the engine's
sources, the expression grammar, lark's and Python's versions). Any change
to those gives a new key, so a stale entry is never used; a file with
problems is never stored, so its problems are always reported afresh.

The rules' examples are kept as one JSON text inside the entry and decoded
only when asked for (``rules test`` runs them; an audit never does): they
are more than a third of the entry.
"""

from __future__ import annotations

import hashlib
import json
import sys
from dataclasses import fields, replace
from enum import Enum
from functools import cache
from pathlib import Path
from typing import Any

from auditor.cache import cache_dir, read_entry, write_entry
from auditor.engine.expression import Expression
from auditor.engine.rule import Example, Rule
from auditor.model.findings import Severity

_ENGINE = Path(__file__).resolve().parent
_FORMAT = "5"


@cache
def _fingerprint() -> str:
    """Identifies the code that turns a rule file into Rules (sizes and times of its sources)."""
    from auditor.cache import lark_version  # read from lark's files: importing lark costs ~15 ms
    from auditor.resources import grammar_text

    parts = [_FORMAT, lark_version(), sys.version, grammar_text("expression.lark")]
    sources = sorted(_ENGINE.rglob("*.py")) + [_ENGINE.parent / "model" / "findings.py"]
    for source in sources:
        try:
            info = source.stat()
        except OSError:
            continue
        parts.append(f"{source.name}:{info.st_size}:{info.st_mtime_ns}")
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _file(shown: str, text: str) -> tuple[Path, str] | None:
    folder = cache_dir()
    if folder is None:
        return None
    prefix = f"rules-{_digest(shown)[:16]}-"
    key = _digest(text + "\0" + _fingerprint())[:32]
    return folder / f"{prefix}{key}.json", prefix


def _encode(value: Any) -> Any:
    """JSON for the values a Rule holds; anything else raises TypeError (then nothing is stored)."""
    if isinstance(value, Severity):  # before str: Severity is a str enum
        return {"severity": value.value}
    if isinstance(value, Enum):
        raise TypeError(type(value).__name__)
    if value is None or type(value) in (str, bool, int, float):
        return value
    if isinstance(value, Expression):
        # JSON text inside the entry: parsed (and made tuples) only when the rule first runs
        return {"expression": value.source, "tree": json.dumps(value.raw(), ensure_ascii=False)}
    if isinstance(value, Example):  # every field, so a field added later is kept too
        return {"example": {f.name: _encode(getattr(value, f.name)) for f in fields(Example)}}
    if isinstance(value, tuple):
        return {"tuple": [_encode(item) for item in value]}
    if isinstance(value, list):
        return [_encode(item) for item in value]
    if isinstance(value, dict) and all(isinstance(key, str) for key in value):
        return {"dict": {key: _encode(item) for key, item in value.items()}}
    raise TypeError(type(value).__name__)


def _decode(value: Any) -> Any:
    if isinstance(value, list):
        return [_decode(item) for item in value]
    if not isinstance(value, dict):
        return value
    if "dict" in value:
        return {key: _decode(item) for key, item in value["dict"].items()}
    if "tuple" in value:
        return tuple(_decode(item) for item in value["tuple"])
    if "expression" in value:
        if not isinstance(value["tree"], str):
            raise ValueError("expression tree")
        return Expression(value["expression"], raw=value["tree"])
    if "example" in value:
        return Example(**{name: _decode(item) for name, item in value["example"].items()})
    if "severity" in value:
        return Severity(value["severity"])
    raise ValueError("unknown entry")


def load(shown: str, text: str, *, examples: bool = True) -> list[Rule] | None:
    """The rules stored for this file's exact text, or None; without their examples unless asked."""
    place = _file(shown, text)
    if place is None:
        return None
    stored = read_entry(place[0])
    if stored is None:
        return None  # absent or damaged: the file itself is read
    try:
        rules = [Rule(**{name: _decode(item) for name, item in entry.items()}) for entry in stored["rules"]]
        if not examples:
            return rules
        kept = json.loads(stored["examples"])
        if len(kept) != len(rules):
            return None
        return [replace(rule, examples=_decode(item)) for rule, item in zip(rules, kept, strict=True)]
    except (ValueError, TypeError, KeyError):  # not what store() wrote: read the file itself
        return None


def store(shown: str, text: str, rules: list[Rule]) -> None:
    """Keep the rules of a file that loaded without problems; silent on any failure."""
    place = _file(shown, text)
    if place is None:
        return
    file, prefix = place
    try:
        stored = [
            {f.name: _encode(getattr(rule, f.name)) for f in fields(Rule) if f.name != "examples"} for rule in rules
        ]
        examples = json.dumps([_encode(rule.examples) for rule in rules], ensure_ascii=False)
        payload = json.dumps({"rules": stored, "examples": examples}, ensure_ascii=False)
    except (TypeError, ValueError):
        return
    write_entry(file, payload, prefix)
