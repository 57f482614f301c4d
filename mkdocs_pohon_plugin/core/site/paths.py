"""Where each page lives: source paths (``node/<id>.md``) and relative links between them.

Every path segment that comes from a tree is checked against the id pattern again here, so a page
path is never built from unvalidated text, whatever the caller did before.
"""

from __future__ import annotations

import posixpath
import re

from ..tree.spec import ID_MAX_LENGTH, ID_PATTERN

_ID = re.compile(ID_PATTERN)
RESERVED_OPD_PAGES = frozenset({"index", "cascading", "mutu"})

HOME = "index.md"
OPD_LIST = "opd/index.md"
INDEX_INDICATORS = "indeks/indikator.md"
INDEX_IKU = "indeks/iku.md"
INDEX_CROSSCUTTING = "indeks/crosscutting.md"
INDEX_CODES = "indeks/kode.md"
INDEX_CASCADING = "indeks/cascading.md"
QUALITY = "indeks/mutu.md"
"""The regency's Mutu Pohon page (the quality findings of every agency, counted)."""
PROBLEMS = "indeks/masalah.md"
"""The index of the problem themes (Akar Masalah)."""
DOWNLOADS = "unduh/index.md"
"""The Unduh Data page, next to the files it lists (``unduh/pohon.json`` …)."""
EXPORT_JSON = "unduh/pohon.json"
EXPORT_CSV = "unduh/indikator.csv"
EXPORT_XLSX = "unduh/matriks-cascading.xlsx"
_PK_NAME = re.compile(r"^pk-\d+$")


class UnsafeIdError(ValueError):
    """An id that must not become part of a path."""


def segment(value: str) -> str:
    """``value`` if it is a URL-safe id; raises :class:`UnsafeIdError` otherwise."""
    if not isinstance(value, str) or len(value) > ID_MAX_LENGTH or not _ID.match(value):
        raise UnsafeIdError(f"{value!r} is not a safe id for a page path")
    return value


def opd_page(opd_id: str) -> str:
    return f"opd/{segment(opd_id)}/index.md"


def opd_level_page(opd_id: str, level_id: str) -> str:
    name = segment(level_id)
    if name in RESERVED_OPD_PAGES or _PK_NAME.match(name):
        name = f"tingkat-{name}"
    return f"opd/{segment(opd_id)}/{name}.md"


def cascading_page(opd_id: str) -> str:
    return f"opd/{segment(opd_id)}/cascading.md"


def quality_page(opd_id: str) -> str:
    """The Mutu Pohon page of an agency: its quality findings, per criterion."""
    return f"opd/{segment(opd_id)}/mutu.md"


def pk_page(opd_id: str, year: int) -> str:
    """The Perjanjian Kinerja of an agency for one year."""
    return f"opd/{segment(opd_id)}/pk-{int(year)}.md"


def position_page(opd_id: str, position_id: str) -> str:
    """The page of one position (jabatan) of an agency."""
    return f"opd/{segment(opd_id)}/jabatan/{segment(position_id)}/index.md"


def position_pk_page(opd_id: str, position_id: str, year: int) -> str:
    """The Perjanjian Kinerja of one position (eselon II–IV) for one year."""
    return f"opd/{segment(opd_id)}/jabatan/{segment(position_id)}/pk-{int(year)}.md"


def action_plan_page(opd_id: str, year: int) -> str:
    """The Rencana Aksi of an agency for one year (its quarterly targets and planned steps)."""
    return f"opd/{segment(opd_id)}/rencana-aksi-{int(year)}.md"


def problem_page(theme_id: str) -> str:
    """The Akar Masalah page of a problem theme."""
    return f"masalah/{segment(theme_id)}.md"


def node_page(node_id: str) -> str:
    return f"node/{segment(node_id)}.md"


def indicator_page(indicator_id: str) -> str:
    return f"indikator/{segment(indicator_id)}.md"


def indicator_support_page(indicator_id: str, opd_id: str) -> str:
    """The supporters of an indicator within one agency (when they do not fit on its page)."""
    return f"indikator/{segment(indicator_id)}/dukungan/{segment(opd_id)}.md"


LISTING_REGIONAL = "daerah"
"""The folder of a split listing's rows of the regional tree (agencies' are under ``opd/``,
so no agency id can take it)."""


def listing_part_page(listing: str, opd_id: str | None, number: int = 1) -> str:
    """A page of a split listing (:mod:`.listings`): the ``number``-th page of an agency's rows
    (``indeks/indikator/opd/<opd>/``, then ``…/2/``) or of the regional tree's
    (``indeks/indikator/daerah/``)."""
    group = f"opd/{segment(opd_id)}" if opd_id is not None else LISTING_REGIONAL
    name = "index" if number == 1 else str(int(number))
    return f"indeks/{segment(listing)}/{group}/{name}.md"


def listing_data_file(listing: str) -> str:
    """The data file of a split listing that its index page's finder reads."""
    return f"indeks/data/{segment(listing)}.json"


def page_url(path: str, directory_urls: bool) -> str:
    """The URL (site-relative) a page's source path is published at, as MkDocs computes it."""
    if not path.endswith(".md"):
        return path
    stem = path[: -len(".md")]
    if not directory_urls:
        return stem + ".html"
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


class Linker:
    """Browser links (relative URLs) from one page to the others, as MkDocs would publish them.

    Computed by splitting paths rather than with :func:`posixpath.relpath`, which asks the
    operating system for the working directory on every call: a big site makes millions.
    """

    __slots__ = ("base", "directory_urls", "root")

    def __init__(self, from_page: str, directory_urls: bool) -> None:
        self.directory_urls = directory_urls
        source = page_url(from_page, directory_urls)
        base = source if source.endswith("/") or not source else posixpath.dirname(source)
        self.base = [part for part in base.split("/") if part]
        self.root = "../" * len(self.base)
        """The way up from the page to the site root (``../../``; empty at the root)."""

    def url(self, to_path: str) -> str:
        """The link to a page (``.md`` source path) or a download (any other path)."""
        target = page_url(to_path, self.directory_urls)
        parts = [part for part in target.split("/") if part]
        base = self.base
        common = 0
        limit = min(len(base), len(parts))
        while common < limit and base[common] == parts[common]:
            common += 1
        rel = "../" * (len(base) - common) + "/".join(parts[common:])
        if target.endswith("/") or not target:
            return rel.rstrip("/") + "/" if rel else "./"
        return rel or "."


def relative_url(from_page: str, to_page: str, directory_urls: bool) -> str:
    """A browser link (not a Markdown link) between two pages, e.g. for Mermaid ``click``."""
    return Linker(from_page, directory_urls).url(to_page)
