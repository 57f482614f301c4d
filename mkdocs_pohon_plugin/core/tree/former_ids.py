"""Stable URLs: an id, once published, keeps answering.

A node or an indicator lists the ids it had before under ``id_lama``; the site writes a redirect
page for each. Two checks keep that promise:

- within one site, a former id must not be a live id, nor be claimed by two items
  (:func:`check_former_ids`, always on);
- against what was published (a git revision or a folder, ``pohon check --published REV``), every
  id that disappeared must be listed as a former id somewhere
  (:func:`..review.published.check_published_ids`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from .diagnostics import DiagnosticSink, Text
from .model import Loc, Site


@dataclass(frozen=True, slots=True)
class FormerId:
    old_id: str
    new_id: str
    kind: str  # "node" or "indicator"
    loc: Loc


_KIND_WORDS = {
    "node": Text(id="node", en="node"),
    "indicator": Text(id="indikator", en="indicator"),
}


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
                Text(
                    id=f"Id lama '{old}' milik {_KIND_WORDS[claim.kind].id} '{claim.new_id}' adalah id node "
                    "atau indikator yang masih ada; URL-nya tidak dapat sekaligus dialihkan dan "
                    "menampilkan halaman. Hapus dari 'id_lama'.",
                    en=f"The former id '{old}' of {_KIND_WORDS[claim.kind].en} '{claim.new_id}' is the id of "
                    "a live node or indicator; its URL cannot redirect and show a page at once. "
                    "Remove it from 'id_lama'.",
                ),
            )
            continue
        first = claimed.get(old)
        if first is not None and first.new_id != claim.new_id:
            sink.add(
                "id-lama-bentrok",
                where.file,
                where.line,
                Text(
                    id=f"Id lama '{old}' diklaim oleh {_KIND_WORDS[claim.kind].id} '{claim.new_id}' dan oleh "
                    f"{_KIND_WORDS[first.kind].id} '{first.new_id}' ({first.loc.file}:{first.loc.line}); "
                    "URL lama hanya dapat dialihkan ke satu halaman. Pertahankan di salah satunya "
                    "saja.",
                    en=f"The former id '{old}' is claimed by {_KIND_WORDS[claim.kind].en} '{claim.new_id}' and "
                    f"by {_KIND_WORDS[first.kind].en} '{first.new_id}' ({first.loc.file}:{first.loc.line}); "
                    "an old URL can redirect to one page only. Keep it on one of them.",
                ),
            )
            continue
        claimed[old] = claim
