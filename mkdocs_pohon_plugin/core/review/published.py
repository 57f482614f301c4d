"""Stable URLs against what was published: every id that vanished since a published revision must
be listed as a former id (``id_lama``) somewhere, or its URL breaks (``pohon check --published``).
"""

from __future__ import annotations

from ..tree.check import CheckResult
from ..tree.diagnostics import DiagnosticSink, Text, sort_key
from ..tree.former_ids import former_ids
from ..tree.model import Site
from .diff import load_side


def check_published_ids(
    published: Site, current: Site, sink: DiagnosticSink, label: str, display: dict[str, str]
) -> None:
    """Report each id of ``published`` that ``current`` neither has nor lists as former.

    ``display`` maps the published side's file paths to the names a reviewer knows
    (``trees/opd/dinkes.yaml``), ``label`` names the published revision.
    """
    live = set(current.nodes) | set(current.indicators)
    former = former_ids(current)
    gone = [
        (Text(id="node", en="node"), node.id, node.loc, node.lines)
        for node in published.nodes.values()
        if node.id not in live and node.id not in former
    ]
    gone += [
        (Text(id="indikator", en="indicator"), ind.id, ind.loc, ind.lines)
        for ind in published.indicators.values()
        if ind.id not in live and ind.id not in former
    ]
    for kind, ident, loc, lines in gone:
        file = display.get(loc.file, loc.file)
        sink.add(
            "id-hilang",
            file,
            lines.get("id", loc.line),
            Text(
                id=f"Id {kind.id} '{ident}' sudah terbit di {label} ({file}:{loc.line}) dan kini "
                "hilang, sehingga URL-nya akan rusak. Jika butir itu berganti id, cantumkan id "
                "lamanya di 'id_lama' pada butir penggantinya; jika sengaja dihapus, cantumkan di "
                "'id_lama' pada butir yang sebaiknya dituju pembaca.",
                en=f"The {kind.en} id '{ident}' was published in {label} ({file}:{loc.line}) and "
                "is gone, so its URL would break. If the item was renamed, list the old id under "
                "'id_lama' of the item that replaces it; if it was removed on purpose, list it "
                "under 'id_lama' of the item readers should land on instead.",
            ),
        )


def compare_with_published(result: CheckResult, published: str, trees: str = "trees") -> None:
    """Add an ``id-hilang`` error to ``result`` for every published id that vanished.

    ``published`` is a git revision (``origin/main``) or a folder; raises
    :class:`~.diff.DiffLoadError` when it cannot be read.
    """
    side = load_side(published, trees)
    display = {file: side.display(file) for file in side.result.site.files}
    sink = DiagnosticSink()
    check_published_ids(side.result.site, result.site, sink, side.label, display)
    result.diagnostics = sorted([*result.diagnostics, *sink.items], key=sort_key)
