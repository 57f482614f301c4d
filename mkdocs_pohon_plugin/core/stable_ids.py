"""Stable URLs: an id, once published, keeps answering.

A node or an indicator lists the ids it had before under ``id_lama``; the site writes a redirect
page for each. Two checks keep that promise:

- within one site, a former id must not be a live id, nor be claimed by two items
  (:func:`check_former_ids`, always on);
- against what was published (a git revision or a folder, ``pohon check --published REV``), every
  id that disappeared must be listed as a former id somewhere (:func:`check_published_ids`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .diagnostics import DiagnosticSink, sort_key
from .model import Loc, Site

if TYPE_CHECKING:  # check.py imports this module
    from .check import CheckResult


@dataclass(frozen=True, slots=True)
class FormerId:
    old_id: str
    new_id: str
    kind: str  # "node" or "indicator"
    loc: Loc


def _claims(site: Site) -> Iterator[FormerId]:
    """Every former id listed by the site's nodes and indicators, in file order."""
    for node in site.nodes.values():
        items = [("node", node.id, node.former_ids, node.loc, node.lines)]
        items += [
            ("indicator", ind.id, ind.former_ids, ind.loc, ind.lines) for ind in node.indicators
        ]
        for kind, new_id, olds, loc, lines in items:
            at = Loc(loc.file, lines.get("id_lama", loc.line))
            for old in olds:
                yield FormerId(old, new_id, kind, at)


def former_ids(site: Site) -> dict[str, FormerId]:
    """Every former id of the site's nodes and indicators, first claim wins."""
    result: dict[str, FormerId] = {}
    for claim in _claims(site):
        result.setdefault(claim.old_id, claim)
    return result


def check_former_ids(site: Site, sink: DiagnosticSink) -> None:
    live = set(site.nodes) | set(site.indicators)
    claimed: dict[str, FormerId] = {}
    for claim in _claims(site):
        old, where = claim.old_id, claim.loc
        if old in live:
            sink.add(
                "id-lama-bentrok",
                where.file,
                where.line,
                f"The former id '{old}' of {claim.kind} '{claim.new_id}' is the id of a live node "
                "or indicator; its URL cannot redirect and show a page at once. Remove it from "
                "'id_lama'.",
            )
            continue
        first = claimed.get(old)
        if first is not None and first.new_id != claim.new_id:
            sink.add(
                "id-lama-bentrok",
                where.file,
                where.line,
                f"The former id '{old}' is claimed by {claim.kind} '{claim.new_id}' and by "
                f"{first.kind} '{first.new_id}' ({first.loc.file}:{first.loc.line}); an old URL "
                "can redirect to one page only. Keep it on one of them.",
            )
            continue
        claimed[old] = claim


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
        ("node", node.id, node.loc, node.lines)
        for node in published.nodes.values()
        if node.id not in live and node.id not in former
    ]
    gone += [
        ("indicator", ind.id, ind.loc, ind.lines)
        for ind in published.indicators.values()
        if ind.id not in live and ind.id not in former
    ]
    for kind, ident, loc, lines in gone:
        file = display.get(loc.file, loc.file)
        sink.add(
            "id-hilang",
            file,
            lines.get("id", loc.line),
            f"The {kind} id '{ident}' was published in {label} ({file}:{loc.line}) and is gone, so "
            "its URL would break. If the item was renamed, list the old id under 'id_lama' of the "
            "item that replaces it; if it was removed on purpose, list it under 'id_lama' of the "
            "item readers should land on instead.",
        )


def compare_with_published(result: CheckResult, published: str, trees: str = "trees") -> None:
    """Add an ``id-hilang`` error to ``result`` for every published id that vanished.

    ``published`` is a git revision (``origin/main``) or a folder; raises
    :class:`~.diff.DiffLoadError` when it cannot be read.
    """
    from .diff import load_side  # git and tar handling live with the diff

    side = load_side(published, trees)
    display = {file: side.display(file) for file in side.result.site.files}
    sink = DiagnosticSink()
    check_published_ids(side.result.site, result.site, sink, side.label, display)
    result.diagnostics = sorted([*result.diagnostics, *sink.items], key=sort_key)
