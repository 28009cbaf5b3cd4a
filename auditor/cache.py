"""A private per-user cache folder, and grammars built once and kept there.

lark's own cache (``Lark(..., cache=path)``) stores the analysed grammar as a
pickle, and loading a pickle runs whatever it names. ``cache=True`` would put
it in the shared temporary folder, where another user could plant one, so
the file goes only into a folder that this user owns and no one else may
write: ``$XDG_CACHE_HOME/auditor`` (or ``~/.cache/auditor``), created 0700.
If that folder cannot be made, or is not private, nothing is cached and the
grammar is built in memory as before — silently, since a cache is only ever
a shortcut.
"""

from __future__ import annotations

import os
import stat
import sys
from functools import cache
from pathlib import Path

from lark import Lark

from auditor.resources import grammar_text

# Set to any value to build everything in memory (tests; read-only homes).
DISABLE_VARIABLE = "AUDITOR_NO_CACHE"


def _private(path: Path) -> bool:
    """A real folder (not a link) owned by this user that nobody else can write to."""
    try:
        info = os.lstat(path)
    except OSError:
        return False
    if not stat.S_ISDIR(info.st_mode):
        return False
    getuid = getattr(os, "getuid", None)
    if getuid is not None and info.st_uid != getuid():
        return False
    return not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def cache_dir() -> Path | None:
    """The private cache folder, created on first use; None when there can be none."""
    if os.environ.get(DISABLE_VARIABLE):
        return None
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):  # the XDG spec: a relative value is to be ignored
        try:
            base = os.path.join(os.path.expanduser("~"), ".cache")
        except (KeyError, RuntimeError):  # no home folder
            return None
        if not os.path.isabs(base):
            return None
    folder = Path(base) / "auditor"
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError:
        return None
    return folder if _private(folder) else None


def _usable(file: Path) -> bool:
    """A cache file may be read only if this user wrote it and nobody else can change it."""
    try:
        info = os.lstat(file)
    except FileNotFoundError:
        return True  # lark will write it
    except OSError:
        return False
    getuid = getattr(os, "getuid", None)
    owned = getuid is None or info.st_uid == getuid()
    return stat.S_ISREG(info.st_mode) and owned and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


@cache
def grammar(name: str, **options) -> Lark:
    """The LALR parser for ``grammars/<name>``, from the private cache when it can be.

    lark keys its cache file by the grammar text, the options, lark's and
    Python's versions, so a changed grammar is rebuilt, never loaded stale.
    """
    text = grammar_text(name)
    folder = cache_dir()
    if folder is not None:
        file = folder / f"{name.removesuffix('.lark')}-py{sys.version_info[0]}{sys.version_info[1]}.lark-cache"
        if _usable(file):
            try:
                return Lark(text, parser="lalr", cache=str(file), **options)
            except OSError:  # pragma: no cover - lark logs and carries on for most I/O errors
                pass
    return Lark(text, parser="lalr", **options)
