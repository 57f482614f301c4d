"""The worked override example of ``docs/templates.md``, built with real MkDocs.

The files are read out of the documentation itself (its fenced blocks titled ``mkdocs.yml`` and
``templates/…``), so the documented example and what this test builds cannot drift apart.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

HERE = Path(__file__).parent
MINI = HERE / "fixtures" / "mini"
DOC = HERE.parent / "docs" / "templates.md"
EXAMPLE = "## Example:"
_FENCE = re.compile(r'^```\w+ title="([^"]+)"\n(.*?)^```$', re.MULTILINE | re.DOTALL)


def example_files() -> dict[str, str]:
    """The files of the documented example, by their path in the site's folder."""
    text = DOC.read_text("utf-8")
    section = text[text.index(EXAMPLE) :]
    return {match.group(1): match.group(2) for match in _FENCE.finditer(section)}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("override")
    shutil.copytree(MINI, root / "trees")
    (root / "docs").mkdir()
    for name, content in example_files().items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
    build(load_config(str(root / "mkdocs.yml"), strict=True))
    return root / "site"


def _article(site: Path, path: str) -> str:
    html = (site / path).read_text("utf-8")
    return html[html.index("<article") : html.index("</article>")]


def test_the_example_is_a_site_config_and_two_templates() -> None:
    files = example_files()
    assert sorted(files) == [
        "mkdocs.yml",
        "templates/_lineage.html.j2",
        "templates/indicator.html.j2",
    ]
    assert "custom_templates: templates" in files["mkdocs.yml"]


def test_the_indicator_page_keeps_the_built_in_page_and_ends_with_the_box(site: Path) -> None:
    page = _article(site, "indikator/dinkes-sp-1-k4/index.html")
    # the built-in page is all there, its headings with their anchors and permalinks
    for anchor in ("target-realisasi-capaian", "keterkaitan-indikator", "diagram"):
        assert f'id="{anchor}"' in page and f'<a class="headerlink" href="#{anchor}"' in page
    assert page.index('class="pohon-diagram"') < page.index('<p class="admonition-title">Pelaporan')
    assert "Realisasi Cakupan K4 (%) dilaporkan tiap triwulan ke Bappeda." in page
    toc = (site / "indikator/dinkes-sp-1-k4/index.html").read_text("utf-8")
    assert 'href="#diagram"' in toc  # the included page's headings reached the table of contents
    node = _article(site, "node/dinkes-sp-1/index.html")
    assert "Pelaporan" not in node  # other pages stay built in


def test_crosscutting_lineage_steps_are_marked(site: Path) -> None:
    page = _article(site, "indikator/dinkes-sp-1-k4/index.html")
    # in the Dinas Sosial group of "Didukung oleh" (the row names the link, the group the agency)
    assert '<mark class="pohon-cc">melalui crosscutting, disetujui</mark></li>' in page
    assert "(melalui crosscutting" not in page  # the built-in wording is gone
    steps = re.findall(r"<li>.*?</li>", page)
    assert any("pohon-cc" not in step and "— " in step for step in steps)  # others unchanged


def test_hostile_text_stays_text_in_an_override(tmp_path: Path) -> None:
    """A site template prints tree text escaped like the built-in ones (autoescape on)."""
    trees = tmp_path / "trees"
    shutil.copytree(MINI, trees)
    dinkes = trees / "opd" / "dinkes.yaml"
    text = dinkes.read_text("utf-8")
    assert "Cakupan K4" in text
    dinkes.write_text(text.replace("Cakupan K4", "Cakupan <script>alert(1)</script> K4"), "utf-8")
    (tmp_path / "docs").mkdir()
    for name, content in example_files().items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(content, encoding="utf-8")
    build(load_config(str(tmp_path / "mkdocs.yml"), strict=True))
    page = _article(tmp_path / "site", "indikator/dinkes-sp-1-k4/index.html")
    assert "<script>alert(1)</script>" not in page
    assert "Realisasi Cakupan &lt;script&gt;alert(1)&lt;/script&gt; K4 (%)" in page
