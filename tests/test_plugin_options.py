"""A mistake in the plugin's options in ``mkdocs.yml`` is reported before the trees are read:
at once, with the option's own message, even when the trees have errors too."""

from __future__ import annotations

import logging
import shutil
from collections.abc import Mapping
from pathlib import Path

import pytest
import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from tests.sites import MINI, SiteConfig, write_site

MISSING = "induk-yang-hilang"
"""The parent a node of the broken trees names: it does not exist."""


def _site(root: Path, options: Mapping[str, object], theme: str = "material") -> Path:
    """A site whose trees have an error (a node's parent that does not exist)."""
    shutil.copytree(MINI, root / "trees")
    regional = root / "trees" / "pemda.yaml"
    text = regional.read_text("utf-8")
    assert "induk: visi" in text
    regional.write_text(text.replace("induk: visi", f"induk: {MISSING}", 1), "utf-8")
    config = SiteConfig(theme=theme, search_plugin=False).with_options(history=False, **options)
    return write_site(root, None, config, docs={"index.md": "# Beranda\n"})


def _fails(config: Path, caplog: pytest.LogCaptureFixture, message: str) -> None:
    with caplog.at_level(logging.INFO), pytest.raises(Abort):
        build(load_config(str(config)))
    said = [r.getMessage() for r in caplog.records]
    assert any(message in line for line in said), said
    assert not any("trees checked" in line or MISSING in line for line in said), (
        "the trees were checked before the options: " + "\n".join(said)
    )


def test_the_broken_trees_alone_fail_with_the_tree_error(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """The fixture itself: with good options the build reads the trees and stops on them."""
    config = _site(tmp_path, {})
    with caplog.at_level(logging.INFO), pytest.raises(Abort):
        build(load_config(str(config)))
    assert any(MISSING in r.getMessage() for r in caplog.records)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (
            "search_shard_words: 0",
            "search_shard_words harus berupa jumlah kata yang positif (tertulis 0)",
        ),
        ("diagram_limit: 0", "diagram_limit harus berupa jumlah kotak yang positif (tertulis 0)"),
        (
            "lineage_inline_limit: 0",
            "lineage_inline_limit harus berupa jumlah baris yang positif (tertulis 0)",
        ),
        (
            "nav_opd_limit: -1",
            "nav_opd_limit harus berupa jumlah perangkat daerah, 0 atau lebih (tertulis -1)",
        ),
        (
            "changes_since: tidak-ada-revisi",
            "changes_since 'tidak-ada-revisi' tidak dapat dibaca: 'tidak-ada-revisi' bukan "
            "folder maupun revisi git",
        ),
        (  # the plugin's language option: English on request
            "{changes_since: tidak-ada-revisi, language: en}",
            "changes_since 'tidak-ada-revisi' cannot be read: 'tidak-ada-revisi' is neither a "
            "folder nor a git revision",
        ),
    ],
)
def test_a_bad_option_fails_before_the_trees_are_checked(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, options: str, message: str
) -> None:
    _fails(_site(tmp_path, yaml.safe_load(options)), caplog, message)


def test_pagefind_search_needs_material_before_the_trees_are_checked(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    config = _site(tmp_path, {"search": "pagefind"}, theme="mkdocs")
    _fails(config, caplog, "search: pagefind menjawab di kotak pencarian Material")


@pytest.mark.parametrize(
    ("options", "name"),
    [
        ("language: jv", "language"),
        ("search: lunr", "search"),
        ("custom_templates: tidak-ada", "custom_templates"),
        ("mermaid_js: tidak-ada.js", "mermaid_js"),
        ("diagram_limit: banyak", "diagram_limit"),
    ],
)
def test_mkdocs_checks_the_option_types_first(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, options: str, name: str
) -> None:
    """Choices, folders and files are MkDocs' own config checks: they run before any event."""
    config = _site(tmp_path, yaml.safe_load(options))
    with caplog.at_level(logging.INFO), pytest.raises(Abort):
        load_config(str(config))
    said = [r.getMessage() for r in caplog.records]
    assert any(name in line for line in said), said


def test_a_folder_is_a_good_changes_since(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """``changes_since`` naming a folder passes the option check; the build then stops on the
    trees' own error."""
    config = _site(tmp_path, {"changes_since": "lama"})
    shutil.copytree(MINI, tmp_path / "lama")
    with caplog.at_level(logging.INFO), pytest.raises(Abort):
        build(load_config(str(config)))
    said = [r.getMessage() for r in caplog.records]
    assert any(MISSING in line for line in said), said
    assert not any("changes_since" in line for line in said), said
