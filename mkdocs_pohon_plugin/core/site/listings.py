"""Site-wide listings that stay small on a big regency: all indicators, the IKU and the codes.

A listing is every row of one kind for the whole site (every indicator; every key performance
indicator; every node with a Kemendagri code). While it has at most ``limit`` rows (the plugin's ``index_inline_limit``,
:data:`DEFAULT_INDEX_LIMIT`) its index page lists them all, as it always did. Past the limit the
listing is *split*: the index page keeps a summary, a finder and one line per group (the
regional tree, then each agency) with its count and links to the group's pages, and the rows go
to the group's own pages (``indeks/indikator/opd/<opd>/``, ``indeks/indikator/daerah/``), each at
most ``limit`` rows (``…/2/``, ``…/3/`` after the first). A reader reaches any row from the index
in two links (group page, then the row's own page), with or without JavaScript; with it, the
finder reads the listing's data file (``indeks/data/<listing>.json``, :func:`listing_data`) on
first use and lists the matches as links, from any group.

Plain Python: the kinds in :mod:`.kinds` plan the pages, :mod:`.generate` writes the data files.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from ..tree.model import Indicator, Node, Opd, Site
from . import paths

DEFAULT_INDEX_LIMIT = 40
"""Rows on one listing page. What limits it is not the bytes (about 530 a row of the
all-indicators table, 340 of the code index) but the phone: on the emulated slow-4G phone of
``benchmarks/bench_pages.py`` (CPU slowed 4×) the browser lays a big table out again and again
while it parses the page, about 7–14 ms a row after the 1.7–1.8 s of a page without a table. At
full size (45 agencies, 15,000 indicators) an agency's page of 100 indicators reached
DOMContentLoaded at 2.84 s and the unsplit IKU index (181 rows) at 4.35 s; a page of 50 was at
1.95–2.52 s as the shared machine's load grew, so 40 rows keep every listing page under the
2.5 s target with some room (``benchmarks/README.md``). The demo's indexes are split too."""

INDICATORS = "indikator"
"""The all-indicators listing (``indeks/indikator``)."""
CODES = "kode"
"""The code index (``indeks/kode``)."""
IKU = "iku"
"""The key performance indicators (``indeks/iku``): the regional tree's and each agency's."""

Row = TypeVar("Row", Indicator, Node)

DATA_VERSION = 1
"""The format of the data files (:func:`listing_data`)."""


@dataclass(frozen=True, slots=True)
class ListingPart(Generic[Row]):
    """One page of a group's rows: the ``number``-th of ``count`` pages of the regional tree
    (``opd`` is ``None``) or of an agency."""

    listing: str
    opd: Opd | None
    number: int
    count: int
    rows: list[Row]
    first: int
    """The position (from 1) of the page's first row in its group."""

    @property
    def path(self) -> str:
        return paths.listing_part_page(self.listing, self.opd.id if self.opd else None, self.number)

    @property
    def last(self) -> int:
        return self.first + len(self.rows) - 1


@dataclass(frozen=True, slots=True)
class ListingGroup(Generic[Row]):
    """The rows of the regional tree (``opd`` is ``None``) or of one agency, and their pages."""

    opd: Opd | None
    rows: list[Row]
    parts: list[ListingPart[Row]] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Listing(Generic[Row]):
    """A site-wide listing: its rows in index order, grouped (regional tree first, then the
    agencies in the order they were read; groups without rows left out)."""

    name: str
    rows: list[Row]
    groups: list[ListingGroup[Row]]
    limit: int

    @property
    def split(self) -> bool:
        """Whether the rows are on the groups' pages rather than on the index page."""
        return len(self.rows) > self.limit

    @property
    def parts(self) -> list[ListingPart[Row]]:
        """Every group page, in order (none when the listing is not split)."""
        return [part for group in self.groups for part in group.parts] if self.split else []

    @property
    def data_path(self) -> str:
        return paths.listing_data_file(self.name)


def build_listing(
    name: str,
    rows: Sequence[Row],
    owner: Callable[[Row], str | None],
    site: Site,
    limit: int,
) -> Listing[Row]:
    """The listing ``name`` of ``rows`` (in index order), grouped by ``owner`` (an agency id,
    ``None`` for the regional tree), each group cut into pages of at most ``limit`` rows."""
    if limit < 1:
        raise ValueError(f"a listing page holds at least one row, not {limit}")
    by_owner: dict[str | None, list[Row]] = {}
    for row in rows:
        by_owner.setdefault(owner(row), []).append(row)
    owners: list[tuple[str | None, Opd | None]] = [(None, None)]
    owners += [(opd.id, opd) for opd in site.opds.values()]
    groups: list[ListingGroup[Row]] = []
    for key, opd in owners:
        grouped = by_owner.get(key)
        if not grouped:
            continue
        count = (len(grouped) + limit - 1) // limit
        parts = [
            ListingPart(
                name, opd, i + 1, count, grouped[i * limit : (i + 1) * limit], i * limit + 1
            )
            for i in range(count)
        ]
        groups.append(ListingGroup(opd, grouped, parts))
    return Listing(name, list(rows), groups, limit)


def listing_data(listing: Listing[Row], directory_urls: bool, regional: str) -> str:
    """The data file the index page's finder reads: compact JSON, one array per row.

    ``{"version": 1, "listing": "indikator", "groups": [[label, name, url], …],
    "rows": [[key, text, group, url], …]}``: a group is the regional tree or an agency (its short
    label, full name and group page); a row's ``key`` is the indicator's id or the node's code,
    ``text`` the indicator's name or the node's statement, ``group`` an index into ``groups``,
    ``url`` the row's own page. URLs are from the site root. ``regional``: the word for the
    regional tree's group (*Pemerintah Daerah*).
    """
    groups: list[list[str]] = []
    index: dict[str | None, int] = {}
    for group in listing.groups:
        opd = group.opd
        index[opd.id if opd else None] = len(groups)
        label, full = (opd.label, opd.name) if opd else (regional, regional)
        groups.append([label, full, paths.page_url(group.parts[0].path, directory_urls)])
    rows: list[list[str | int]] = []
    for group in listing.groups:
        position = index[group.opd.id if group.opd else None]
        for row in group.rows:
            if isinstance(row, Indicator):
                key, text, path = row.id, row.name, paths.indicator_page(row.id)
            else:
                key, text, path = row.code or "", row.statement, paths.node_page(row.id)
            rows.append(
                [key, " ".join(text.split()), position, paths.page_url(path, directory_urls)]
            )
    data = {"version": DATA_VERSION, "listing": listing.name, "groups": groups, "rows": rows}
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
