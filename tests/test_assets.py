"""The stylesheet and scripts Pohon ships are well formed: no merge-conflict markers left by a
merge (a stray ``=======`` once silently dropped the breadcrumb's first rule), and the braces of
the stylesheet balance."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ASSETS = Path(__file__).resolve().parent.parent / "mkdocs_pohon_plugin" / "assets"
MARKER = re.compile(r"^(<{7}|={7}|>{7})( |$)", re.M)


@pytest.mark.parametrize(
    "path",
    sorted(p for p in ASSETS.rglob("*") if p.suffix in {".css", ".js"} and ".min." not in p.name),
    ids=lambda p: p.name,
)
def test_no_merge_markers(path: Path) -> None:
    assert not MARKER.search(path.read_text("utf-8"))


def test_the_stylesheet_braces_balance() -> None:
    css = re.sub(r"/\*.*?\*/", "", (ASSETS / "pohon.css").read_text("utf-8"), flags=re.S)
    css = re.sub(r'"(?:\\.|[^"\\])*"', '""', css)
    depth = 0
    for char in css:
        depth += {"{": 1, "}": -1}.get(char, 0)
        assert depth >= 0
    assert depth == 0
