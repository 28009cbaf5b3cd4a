from __future__ import annotations

from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
SAMPLES = {
    "kashgar": EXAMPLES / "kashgar-city-2025-dept-flattened.txt",
    "akto": EXAMPLES / "akto-county-2025-dept-tabbed.txt",
    "jiashi": EXAMPLES / "jiashi-county-2025-unit-flattened.txt",
    "shanshan": EXAMPLES / "shanshan-county-2024-unit-flattened.txt",
    "kizilsu": EXAMPLES / "kizilsu-prefecture-2026-dept-tabbed.txt",
}


@pytest.fixture(scope="session")
def parsed():
    """Parse each sample once per test session."""
    from auditor.parsing import parse_file

    cache: dict[str, object] = {}

    def get(name: str):
        if name not in cache:
            cache[name] = parse_file(SAMPLES[name])
        return cache[name]

    return get
