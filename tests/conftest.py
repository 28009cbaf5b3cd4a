from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

# Property tests draw the same examples on every run, so a CI run cannot fail
# on an example nobody has seen; set HYPOTHESIS_PROFILE=explore to search anew.
settings.register_profile("deterministic", derandomize=True, database=None)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "deterministic"))

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
