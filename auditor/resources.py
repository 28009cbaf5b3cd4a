"""The one place that finds the data shipped with the package.

``grammars/`` and ``rules/`` sit at the top of the repository and are mapped
into the package as ``auditor.grammars`` and ``auditor.builtin_rules`` (see
pyproject.toml), so the same code works from a checkout, an editable install
and a wheel.
"""

from __future__ import annotations

from functools import cache
from importlib import util
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from importlib.abc import Traversable

_CHECKOUT = Path(__file__).resolve().parent.parent


def _package_dir(package: str, checkout_dir: str) -> Traversable:
    """The installed data package, or its folder in a source checkout.

    Running from a checkout (``python -m pytest`` at the top of the
    repository) imports ``auditor`` from the working tree, where the data
    folders sit beside the package instead of inside it. A package that is
    a folder on disk (the usual install) is used as a Path directly:
    ``importlib.resources`` would import zipfile and more, about a tenth of
    a short run's start-up; only a zipped install needs it.
    """
    # In a source checkout the folder beside the package wins, even when an editable install
    # of another checkout maps the data package elsewhere (rules and code then always agree).
    if (_CHECKOUT / "pyproject.toml").is_file() and (_CHECKOUT / checkout_dir).is_dir():
        return _CHECKOUT / checkout_dir
    try:
        spec = util.find_spec(package)
    except ModuleNotFoundError:
        spec = None
    if spec is None:
        return _CHECKOUT / checkout_dir
    for location in spec.submodule_search_locations or ():
        if Path(location).is_dir():
            return Path(location)
    from importlib import resources

    return resources.files(package)


@cache
def grammar_text(name: str) -> str:
    """The text of ``grammars/<name>`` (for example ``"structure.lark"``)."""
    return (_package_dir("auditor.grammars", "grammars") / name).read_text(encoding="utf-8")


def builtin_rules_dir() -> Traversable:
    """The folder of the built-in rule library."""
    return _package_dir("auditor.builtin_rules", "rules")


def data_file(name: str) -> Traversable:
    """A data file under ``auditor/data`` (code lists, schemas)."""
    return _package_dir("auditor.data", "auditor/data") / name


@cache
def data_text(name: str) -> str:
    return data_file(name).read_text(encoding="utf-8")
