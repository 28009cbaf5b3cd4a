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

import contextlib
import hashlib
import json
import os
import re
import stat
import sys
from collections.abc import Callable
from functools import cache
from importlib import util
from pathlib import Path
from typing import TYPE_CHECKING, Any

from auditor.resources import grammar_text

if TYPE_CHECKING:
    from lark import Lark

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
    from lark import Lark  # only here: a run whose tables come from the cache never imports lark

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


# -- grammar tables as plain data ---------------------------------------------
# The structure and claims readers drive lark's LALR tables (and, for claims, its
# per-state lexers) with lean loops of their own. What they take from lark is plain
# data: states, rules, regular expressions. Kept as JSON in the private cache, keyed by
# the grammar's text, lark's version and the reader's format, it loads without
# importing lark at all (about 15 ms of a short run) or loading lark's pickled parser.


def lark_version() -> str:
    """lark's version, read from its package without importing it ("" when unknown)."""
    try:
        spec = util.find_spec("lark")
        origin = spec.origin if spec is not None else None
        text = Path(origin).read_text(encoding="utf-8") if origin else ""
    except (ImportError, OSError, ValueError):
        return ""
    found = re.search(r"^__version__\s*(?::\s*str\s*)?=\s*[\"']([^\"']+)[\"']", text, re.MULTILINE)
    return found.group(1) if found else ""


def read_entry(file: Path) -> Any:
    """The JSON stored as ``file`` in the private cache; None when it is absent, damaged, or not
    this user's alone (then the entry is built again, and stored anew by write_entry)."""
    if not _usable(file):
        return None
    try:
        with open(file, encoding="utf-8") as handle:
            return json.load(handle)
    except (OSError, ValueError):
        return None


def write_entry(file: Path, payload: str, prefix: str) -> None:
    """Store ``payload`` as ``file`` in the private cache, and drop the other versions of the
    same entry (files named ``prefix…json``). Readers see the whole file or none; silent on failure."""
    temporary = file.with_name(f"{file.name}.{os.getpid()}.tmp")
    try:
        temporary.write_text(payload, encoding="utf-8")
        os.replace(temporary, file)
        for old in file.parent.glob(f"{prefix}*.json"):
            if old != file:
                old.unlink(missing_ok=True)  # earlier versions of the same entry
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)


def grammar_tables(name: str, form: str, build: Callable[[], Any]) -> Any:
    """``build()`` (which may import lark) for grammar ``name``, or its stored result.

    ``form`` names the reader's data layout: a reader that changes it changes the key.
    Without a version of lark to key on, nothing is stored.
    """
    version = lark_version()
    folder = cache_dir() if version else None
    if folder is None:
        return build()
    key = hashlib.sha256(
        "\0".join((form, version, sys.version, grammar_text(name))).encode("utf-8")
    ).hexdigest()[:32]
    prefix = f"tables-{name.removesuffix('.lark')}-"
    file = folder / f"{prefix}{key}.json"
    stored = read_entry(file)
    if stored is not None:
        return stored
    data = build()  # absent or damaged
    try:
        payload = json.dumps(data, ensure_ascii=False)
    except (TypeError, ValueError):
        return data
    write_entry(file, payload, prefix)
    return data
