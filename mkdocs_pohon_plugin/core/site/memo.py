"""A bounded memo for what the renderer computes once and reuses: links, headings, lineage rows,
each indicator's lineage, its grouped sections and its funding.

Pages are written in navigation order, so what one page renders is mostly reused by the pages
written soon after it (the pages of the same agency), rarely by a page far away. A plain dict
keeps everything to the end of the build and grows with the site (about 1.5 KiB a page of
entries nobody asks for again; 80,000 pages on a province). :class:`Memo` keeps two generations
of at most :attr:`Memo.limit` entries each: when the newer one is full it becomes the older one
and the oldest entries are dropped; an entry found in the older generation moves to the newer
one, so what every page uses (the link to an agency, a level's heading) stays.

Values must not depend on when they are computed: an entry dropped is computed again, the same.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")

DEFAULT_LIMIT = 2048
"""Entries per generation: a few agencies' worth of pages, a few MiB at most."""


class Memo(Generic[K, V]):
    """A dict of at most ``2 × limit`` recently used entries (see the module's docstring);
    ``limit``: :data:`DEFAULT_LIMIT` unless given."""

    __slots__ = ("limit", "_new", "_old")

    def __init__(self, limit: int | None = None) -> None:
        limit = DEFAULT_LIMIT if limit is None else limit
        if limit < 1:
            raise ValueError(f"limit must be at least 1, not {limit}")
        self.limit = limit
        """Entries per generation."""
        self._new: dict[K, V] = {}
        self._old: dict[K, V] = {}

    def get(self, key: K) -> V | None:
        """The value kept for ``key``; ``None`` when none is kept (values are never ``None``)."""
        found = self._new.get(key)
        if found is None:
            found = self._old.pop(key, None)
            if found is not None:
                self[key] = found
        return found

    def __setitem__(self, key: K, value: V) -> None:
        if len(self._new) >= self.limit and key not in self._new:
            self._old = self._new
            self._new = {}
        self._new[key] = value

    def __len__(self) -> int:
        return len(self._new) + len(self._old)

    def __contains__(self, key: object) -> bool:
        return key in self._new or key in self._old


class LastOne(Generic[K, V]):
    """A memo of one entry: the value for the key asked last. For what consecutive pages share
    and later pages never ask for again (the pages of one node's indicators are written one
    after the other): it holds one value, however many pages are written."""

    __slots__ = ("_key", "_value")

    def __init__(self) -> None:
        self._key: K | None = None
        self._value: V | None = None

    def get(self, key: K) -> V | None:
        """The value kept for ``key``; ``None`` when the last one kept was for another key."""
        return self._value if self._key == key else None

    def __setitem__(self, key: K, value: V) -> None:
        self._key, self._value = key, value

    def clear(self) -> None:
        """Forget the value kept."""
        self._key = self._value = None

    def __len__(self) -> int:
        return 0 if self._value is None else 1
