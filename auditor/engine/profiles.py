"""The former name of templates: ``load_profile`` reads a template (see auditor.template).

Kept so that ``profile = "xinjiang"`` in a config and ``--profile`` still work.
"""

from __future__ import annotations

from typing import Any

from auditor.template import available_templates, load_template


def load_profile(name: str) -> dict[str, Any]:
    return load_template(name).profile


def available_profiles() -> list[str]:
    return available_templates()
