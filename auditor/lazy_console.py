"""A stand-in for rich's Console that makes the real one only when it is used.

Importing ``rich.console`` costs more than the rest of a JSON run's output
path; a run that only writes JSON, SARIF or HTML to a file, or JSON to
standard output, never needs it. Anything other than ``file`` creates the
real console and is passed on to it. Hand rich's own objects (Progress, Live)
``real()``: they use the console's dunder methods, which a stand-in cannot pass on.
"""

from __future__ import annotations

import sys
from typing import Any


class LazyConsole:
    def __init__(self, stderr: bool = False, **options: Any) -> None:
        self._stderr = stderr
        self._options = options
        self._real: Any = None

    def real(self) -> Any:
        if self._real is None:
            from rich.console import Console

            self._real = Console(stderr=self._stderr, **self._options)
        return self._real

    @property
    def file(self):
        if self._real is not None:
            return self._real.file
        if self._options.get("file") is not None:
            return self._options["file"]
        return sys.stderr if self._stderr else sys.stdout  # what rich's Console.file gives then

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real(), name)
