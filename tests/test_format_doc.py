"""docs/format.md shows files as ``pohon fmt`` writes them: copying an example never makes
``pohon fmt --check`` fail."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from mkdocs_pohon_plugin.core.review.fmt import format_text
from mkdocs_pohon_plugin.core.tree import spec

FORMAT_MD = Path(__file__).resolve().parent.parent / "docs" / "format.md"

REGION_SKELETON = "pemda:\n  nama: Kabupaten Contoh\n  periode:\n    awal: 2025\n    akhir: 2029\n"
"""What a fragment of the regional file (``pengaturan:`` …) is formatted inside."""

OPD_SKELETON = (
    "opd:\n  id: contoh\n  nama: Dinas Contoh\n\nnode:\n  - id: contoh-ss-1\n"
    "    tingkat: sasaran_strategis\n    pernyataan: Meningkatnya contoh\n    indikator:\n"
)
"""What a fragment of an indicator list (``- id: …`` under ``indikator:``) is formatted in."""


def _examples() -> list[str]:
    return re.findall(r"^```yaml\n(.*?)^```$", FORMAT_MD.read_text("utf-8"), re.S | re.M)


def _whole_files() -> list[str]:
    def top_keys(example: str) -> set[str]:
        data = yaml.safe_load(example)
        return set(data) if isinstance(data, dict) else set()  # a list: a fragment

    return [x for x in _examples() if {"pemda", "opd"} & top_keys(x)]


def _fragments() -> list[str]:
    return [x for x in _examples() if x not in _whole_files()]


def test_the_page_has_whole_file_examples() -> None:
    tops = [next(iter(yaml.safe_load(x))) for x in _whole_files()]
    assert tops == ["pemda", "opd"]


@pytest.mark.parametrize("example", _whole_files(), ids=lambda x: x.split("\n")[1][:20])
def test_whole_file_examples_are_canonical(example: str) -> None:
    assert format_text(example, "format.md") == example


@pytest.mark.parametrize("example", _fragments(), ids=lambda x: x.split("\n")[0][:30])
def test_fragments_are_canonical_inside_a_regional_file(example: str) -> None:
    data = yaml.safe_load(example)
    if data is None:  # a comment line only: the schema line
        assert example.startswith("# yaml-language-server: $schema=")
        return
    if isinstance(data, list):  # indicator list items, indented as inside a node
        assert all(isinstance(item, dict) and "polaritas" in item for item in data), data
        text = OPD_SKELETON + example
        assert format_text(text, "format.md") == text
        return
    regional_keys = {field.key for field in spec.REGIONAL_FILE.fields}
    assert set(data) <= regional_keys - {"pemda"}
    text = REGION_SKELETON + example
    assert format_text(text, "format.md") == text
