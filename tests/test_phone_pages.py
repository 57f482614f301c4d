"""The markup behind readable tables on a phone and the small things of issue 16, on the mini
fixture's built pages (no browser: tests/test_a11y.py looks at the demo in one).

- every wide table is in a scroll container the keyboard reaches (a region named from labels.py),
  or stacked on a phone (the PK annex: each cell labelled with its column), or is a two-column
  key/value table;
- the crosscutting matrix counts agreed links apart from pending or rejected ones and links each
  cell to its links in the list; no empty table header;
- the PK is marked as a draft, unless the agency file says it is signed (pk_ditandatangani);
  its signature block is two parties, not a table (that clipped
  the NIP on a phone);
- the code index's filter says what it filters; the edit button proposes a change;
- the 404 page is Indonesian, with ways out that start at the site's path.
"""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

from mkdocs_pohon_plugin.core.site.labels import labels_for
from tests.sites import MINI, article, build_site, page_html

L = labels_for("id")


class Tables(HTMLParser):
    """Each ``<table>`` of a page with the classes and attributes of the elements around it."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[str, dict[str, str]]] = []
        self.tables: list[dict[str, object]] = []
        self.current: dict[str, object] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        if tag == "table":
            self.current = {"around": list(self.stack), "thead": False, "empty_th": 0, "cells": []}
            self.tables.append(self.current)
        elif tag == "thead" and self.current is not None:
            self.current["thead"] = True
        if tag in {"br", "img", "input", "hr", "meta", "link", "wbr"}:
            return
        self.stack.append((tag, attributes))
        if tag in {"th", "td"} and self.current is not None:
            self._cell = ""

    def handle_data(self, data: str) -> None:
        if any(name in {"th", "td"} for name, _ in self.stack):
            self._cell += data

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            name, attributes = self.stack.pop()
            if name in {"th", "td"} and name == tag and self.current is not None:
                cells = self.current["cells"]
                assert isinstance(cells, list)
                cells.append((name, attributes, self._cell))
                if name == "th" and not self._cell.strip():
                    self.current["empty_th"] = int(str(self.current["empty_th"])) + 1
            if name == tag:
                break
        if tag == "table":
            self.current = None
        if tag in {"th", "td"}:
            self._cell = ""

    _cell = ""


def tables(html: str) -> list[dict[str, object]]:
    parser = Tables()
    parser.feed(html)
    return parser.tables


def generated_pages(site: Path) -> list[str]:
    skip = ("assets/", "pagefind/", "search/")
    return sorted(
        path.relative_to(site).as_posix()
        for path in site.rglob("index.html")
        if not path.relative_to(site).as_posix().startswith(skip)
    )


def test_every_wide_table_scrolls_or_stacks(built_mini_site: Path) -> None:
    checked = 0
    for path in generated_pages(built_mini_site):
        for table in tables(article(built_mini_site, path)):
            around = table["around"]
            assert isinstance(around, list)
            classes = " ".join(attrs.get("class", "") for _, attrs in around)
            if not table["thead"]:
                continue  # a key/value table: two columns that wrap
            checked += 1
            if "pohon-stack" in classes:
                cells = table["cells"]
                assert isinstance(cells, list)
                tds = [attrs for name, attrs, _ in cells if name == "td"]
                assert tds, path
                # every cell that has text says its column (the "No" column of a row without
                # indicators aside: it is empty when hidden)
                assert all(attrs.get("data-label") for attrs in tds if attrs), path
                continue
            scroll = [
                attrs for _, attrs in around if "pohon-scroll" in attrs.get("class", "").split()
            ]
            assert scroll, f"{path}: a table with a header outside a scroll container"
            region = scroll[-1]
            assert region.get("tabindex") == "0", path
            assert region.get("role") == "region", path
            assert region.get("aria-label", "").strip(), path
            assert table["empty_th"] == 0, f"{path}: an empty table header"
    assert checked >= 20


def test_crosscutting_matrix_counts_agreed_apart_and_links_cells(built_mini_site: Path) -> None:
    html = article(built_mini_site, "indeks/crosscutting/index.html")
    assert L["cc_matrix_key"] in html.replace("&amp;", "&")
    # dinkes → dinsos: one agreed link; dinsos → an outside body: one pending link
    agreed = re.search(r'<a href="#cc-dinkes-dinsos"[^>]*><strong>1</strong></a>', html)
    assert agreed, html
    pending = re.search(
        r'<a href="#cc-dinsos-luar"[^>]*><strong>0</strong> '
        r'<span class="pohon-cc-other">\(\+1\)</span></a>',
        html,
    )
    assert pending, html
    assert '<tr id="cc-dinkes-dinsos">' in html
    assert '<tr id="cc-dinsos-luar">' in html
    # every cell's anchor exists once in the list
    for anchor in re.findall(r'href="#(cc-[^"]+)"', html):
        assert html.count(f'id="{anchor}"') == 1, anchor


def test_pk_is_a_draft_signed_by_two_parties(built_mini_site: Path) -> None:
    html = article(built_mini_site, "opd/dinkes/pk-2025/index.html")
    assert f"<strong>{L['pk_draft']}.</strong>" in html
    assert "pohon-draft-watermark" in html
    signatures = html[html.index('class="pohon-signatures"') : html.index("pohon-page-break")]
    assert "pohon-party" in signatures and "<table" not in signatures
    assert L["pk_first"] in signatures and L["pk_second"] in signatures


def test_code_index_filter_and_codes(built_mini_site: Path) -> None:
    html = article(built_mini_site, "indeks/kode/index.html")
    assert f'data-filter-placeholder="{L["filter_placeholder_codes"]}"' in html
    assert L["filter_placeholder"] not in html


def test_edit_button_proposes_a_change(built_mini_site: Path) -> None:
    for path in ("node/dinkes-sp-1/index.html", "tentang/index.html"):
        html = page_html(built_mini_site, path)
        button = re.search(
            r'<a href="[^"]+" title="([^"]+)" aria-label="([^"]+)"[^>]*rel="edit"', html
        )
        assert button, path
        assert button.group(1) == button.group(2) == "Usulkan perubahan", path


def test_not_found_page_is_indonesian_with_ways_out(built_mini_site: Path) -> None:
    html = page_html(built_mini_site, "404.html")
    content = html[html.index("<article") : html.index("</article>")]
    assert "<h1>404 - Halaman tidak ditemukan</h1>" in content
    # the mini site's site_url is https://example.org/pohon/: every way out starts there
    assert '<a href="/pohon/">Beranda</a>' in content
    assert '<a href="/pohon/opd/">Perangkat Daerah</a>' in content
    assert "Cari di situs ini</button>" in content
    assert 'href="/pohon/assets/pohon/pohon.css"' in html
    assert "Not found" not in content


def test_pk_of_a_signed_year_is_not_a_draft(tmp_path: Path) -> None:
    """``pk_ditandatangani`` in the agency file lists the years whose PK carries signatures."""
    trees = tmp_path / "trees"
    shutil.copytree(MINI, trees)
    agency = trees / "opd" / "dinkes.yaml"
    text = agency.read_text(encoding="utf-8")
    agency.write_text(
        text.replace("  id: dinkes\n", "  id: dinkes\n  pk_ditandatangani: [2025]\n", 1),
        encoding="utf-8",
    )
    site = build_site(tmp_path / "site", trees)
    signed = article(site, "opd/dinkes/pk-2025/index.html")
    draft = article(site, "opd/dinkes/pk-2026/index.html")
    assert L["pk_draft"] not in signed and "pohon-draft" not in signed
    assert f"<strong>{L['pk_draft']}.</strong>" in draft
