"""The print views, printed for real: Debian's chromium renders built pages of the mini fixture
(strict MkDocs build, Mermaid served from the site) to PDF with ``--print-to-pdf``; the PDF must
have A4 landscape pages and a sensible page count, and must not print the site's navigation.

Each PDF is also converted to PNG with ``pdftoppm`` (poppler-utils, installed by
``scripts/setup_browser.sh``) into ``$POHON_SHOTS/print`` (default ``/tmp/pohon-shots/print``),
for a person to look at. Skipped only when chromium is missing outside CI.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.browsing import IN_CI
from tests.sites import MINI, SiteConfig, build_site, mermaid_if_installed

SHOTS = Path(os.environ.get("POHON_SHOTS", "/tmp/pohon-shots")) / "print"
A4_LANDSCAPE = (841.89, 595.28)  # points
TOLERANCE = 2.0

PAGES = {
    # page: (most pages, text that must be printed)
    "opd/dinkes/pk-2025": (2, "Perjanjian Kinerja Tahun 2025"),
    "opd/dinkes": (4, "Ringkasan Capaian 2025"),
    "opd/dinkes/cascading": (2, "Matriks Cascading"),
    "node/dinkes-sp-1": (3, "Cakupan K4"),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    config = SiteConfig().with_options(**mermaid_if_installed())
    return build_site(tmp_path_factory.mktemp("print"), MINI, config)


def print_pdf(chromium: Path, page: Path, out: Path, profile: Path) -> bytes:
    command = [
        str(chromium),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profile}",
        "--no-pdf-header-footer",
        "--virtual-time-budget=10000",  # let Mermaid render and pohon.js size the diagrams
        f"--print-to-pdf={out}",
        page.as_uri(),
    ]
    proc = subprocess.run(command, capture_output=True, text=True, timeout=180, check=False)
    assert out.is_file(), proc.stderr[-2000:]
    return out.read_bytes()


def media_boxes(pdf: bytes) -> list[tuple[float, float]]:
    boxes = re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", pdf)
    return [(float(w), float(h)) for w, h in boxes]


def page_count(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))


@pytest.mark.parametrize("path", sorted(PAGES))
def test_print_view_is_a4_landscape(chromium: Path, site: Path, tmp_path: Path, path: str) -> None:
    most, must_show = PAGES[path]
    name = path.replace("/", "_")
    pdf_path = tmp_path / f"{name}.pdf"
    pdf = print_pdf(chromium, site / path / "index.html", pdf_path, tmp_path / "profile")
    pages = page_count(pdf)
    boxes = media_boxes(pdf)
    assert 1 <= pages <= most, f"{path}: {pages} printed pages"
    assert len(boxes) >= pages
    for width, height in boxes:
        assert (
            abs(width - A4_LANDSCAPE[0]) < TOLERANCE and abs(height - A4_LANDSCAPE[1]) < TOLERANCE
        )
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", "-layout", str(pdf_path), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert must_show in " ".join(text.split())
        # Material's header, navigation and search are not printed
        assert "Daftar Perangkat Daerah" not in text and "Tentang" not in text
    elif IN_CI:
        pytest.fail("pdftotext (poppler-utils) is missing: run scripts/setup_browser.sh")
    if shutil.which("pdftoppm"):
        SHOTS.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["pdftoppm", "-r", "60", "-png", str(pdf_path), str(SHOTS / name)],
            check=True,
            timeout=120,
        )
        assert list(SHOTS.glob(f"{name}-*.png"))
