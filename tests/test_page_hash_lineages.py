"""The preview cache hashes every page right after planning them: with ``keep_lineages`` the
lineages planning computed are reused, each indicator's computed once; the hashes are the same
as without."""

from __future__ import annotations

import pytest

from mkdocs_pohon_plugin.core.site import lineage_groups, memo
from mkdocs_pohon_plugin.core.site.generate import SiteBuild
from mkdocs_pohon_plugin.core.site.page_hash import PageHasher
from mkdocs_pohon_plugin.core.site.render import RenderOptions
from mkdocs_pohon_plugin.core.tree.check import check_trees
from tests.sites import DEMO


def _hash_all(keep: bool, monkeypatch: pytest.MonkeyPatch) -> tuple[list[str], int]:
    computed: list[str] = []
    real = lineage_groups.lineage

    def counting(graph: object, indicator: object, **kwargs: object) -> object:
        computed.append(indicator.id)  # type: ignore[attr-defined]
        return real(graph, indicator, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(lineage_groups, "lineage", counting)
    build = SiteBuild(check_trees(DEMO), RenderOptions(keep_lineages=keep))
    hasher = PageHasher(build, outside="test")
    hashes = [hasher.page_hash(page) for page in build.pages]
    return hashes, len(computed)


def test_kept_lineages_are_computed_once_and_hash_the_same(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A small memo, as a regency ten times the demo's would have: planning's lineages are
    # gone by the time the pages are hashed, unless they are kept.
    monkeypatch.setattr(memo, "DEFAULT_LIMIT", 16)
    bounded, twice = _hash_all(False, monkeypatch)
    kept, once = _hash_all(True, monkeypatch)
    indicators = len(check_trees(DEMO).site.indicators)
    assert once == indicators
    assert twice > once
    assert kept == bounded
