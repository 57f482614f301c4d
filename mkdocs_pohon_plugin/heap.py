"""Giving the C heap's free memory back to the system while a big site is written.

Each generated page's body (35–250 KiB) and the theme's page around it are large strings,
allocated with ``malloc`` between objects that live to the end of the build. glibc keeps the
freed space in its heap, fragmented, and the process's memory grows with the pages written
even though Python frees each page. ``malloc_trim(0)`` returns the free pages to the system:
at medium size (6,563 pages), trimming every 250 pages written took the MkDocs process's growth
while writing from 8.6 to 4.9 KiB a page and its peak from 163 to 139 MiB
(``benchmarks/README.md``). Elsewhere (macOS, musl) there is no ``malloc_trim`` and nothing is
done.
"""

from __future__ import annotations

import ctypes
import sys
from collections.abc import Callable

EVERY = 250
"""Pages written between two trims: a trim takes a few milliseconds."""


def _malloc_trim() -> Callable[[int], int] | None:
    """glibc's ``malloc_trim``; ``None`` where the C library has none."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(None)
    except OSError:
        return None
    trim = getattr(libc, "malloc_trim", None)
    if trim is None:
        return None
    trim.argtypes = [ctypes.c_size_t]
    trim.restype = ctypes.c_int
    return trim  # type: ignore[no-any-return]  # a ctypes function


class HeapTrimmer:
    """Counts the pages written and trims the heap every ``every`` pages; ``trim``: the
    function called with ``0`` (glibc's ``malloc_trim`` unless given; ``None``: never)."""

    def __init__(self, every: int = EVERY, trim: Callable[[int], int] | None | bool = True) -> None:
        self.every = every
        self.trim: Callable[[int], int] | None = _malloc_trim() if trim is True else (trim or None)
        self.written = 0
        self.trims = 0

    def wrote(self) -> None:
        """One more page written."""
        self.written += 1
        if self.trim is not None and self.written % self.every == 0:
            self.trim(0)
            self.trims += 1
