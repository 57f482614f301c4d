"""Rules on positions (``opd.jabatan``) and on who answers for nodes and indicators (``jabatan``).

An agency's positions form a hierarchy inside the agency (its SOTK): each position names its
superior, the head names none. Nodes and indicators name the position that answers for them; the
position's page and its Perjanjian Kinerja are built from those assignments.
"""

from __future__ import annotations

from collections.abc import Iterator

from .diagnostics import DiagnosticSink, Text
from .graph import Graph
from .model import Indicator, Node, Position, Site
from .spec import ECHELONS, PK_ECHELONS

STRUCTURAL = frozenset(PK_ECHELONS)
"""Echelons of a structural post: each is expected to answer for part of the tree."""


# A finding about a position names its agency as its subject (a position has no page of the
# check's own: the agency's Mutu Pohon page lists it); one about a node or an indicator names it.


def _line(position: Position, key: str) -> int:
    return position.lines.get(key, position.loc.line)


def check_positions(site: Site, graph: Graph, sink: DiagnosticSink) -> None:
    """Every position rule; a site without positions is not touched."""
    if not site.positions and not _any_assignment(site):
        return
    _check_duplicates(site, sink)
    _check_superiors(site, sink)
    _check_cycles(site, sink)
    _check_assignments(site, graph, sink)
    _check_idle(site, sink)


def _any_assignment(site: Site) -> bool:
    return any(holder.position_id for holder in _holders(site))


def _holders(site: Site) -> Iterator[Node | Indicator]:
    for node in site.nodes.values():
        yield node
        yield from node.indicators


def _known(site: Site) -> str:
    ids = sorted(site.positions)
    if not ids:
        return "–"
    shown = ", ".join(ids[:8])
    return shown + (", …" if len(ids) > 8 else "")


def _check_duplicates(site: Site, sink: DiagnosticSink) -> None:
    for opd in site.opds.values():
        for position in opd.positions:
            first = site.positions.get(position.id)
            if first is None or first is position:
                continue
            sink.add(
                "jabatan-ganda",
                position.loc.file,
                _line(position, "id"),
                Text(
                    id=f"Id jabatan '{position.id}' sudah dipakai di "
                    f"{first.loc.file}:{_line(first, 'id')}; beri setiap jabatan id sendiri "
                    f"(disarankan '<opd>.<nama-singkat>', mis. '{opd.id}.kabid-…').",
                    en=f"The position id '{position.id}' is already used at "
                    f"{first.loc.file}:{_line(first, 'id')}; give each position its own id "
                    f"(recommended '<opd>.<short-name>', e.g. '{opd.id}.kabid-…').",
                ),
                subject=position.opd_id or None,
            )


def _check_superiors(site: Site, sink: DiagnosticSink) -> None:
    for opd in site.opds.values():
        for position in opd.positions:
            superior_id = position.superior_id
            if superior_id is None:
                continue
            superior = site.positions.get(superior_id)
            if superior is None:
                sink.add(
                    "jabatan-tidak-dikenal",
                    position.loc.file,
                    _line(position, "atasan"),
                    Text(
                        id=f"Atasan '{superior_id}' dari jabatan '{position.id}' tidak ada; "
                        f"tulis id salah satu jabatan {opd.label} (dikenal: {_known(site)}), atau "
                        "hapus 'atasan' untuk kepala perangkat daerah.",
                        en=f"The superior '{superior_id}' of the position '{position.id}' does "
                        f"not exist; write the id of a position of {opd.label} (known: "
                        f"{_known(site)}), or remove 'atasan' for the agency's head.",
                    ),
                    subject=position.opd_id or None,
                )
            elif superior.opd_id != opd.id:
                other = site.opds.get(superior.opd_id)
                other_name = other.label if other is not None else superior.opd_id
                sink.add(
                    "atasan-opd-lain",
                    position.loc.file,
                    _line(position, "atasan"),
                    Text(
                        id=f"Atasan jabatan '{position.id}' adalah '{superior_id}' dari "
                        f"{other_name}; atasan harus jabatan di {opd.label} sendiri (kepala "
                        "perangkat daerah tanpa 'atasan': pihak kedua PK-nya mengikuti PK "
                        "perangkat daerah).",
                        en=f"The superior of the position '{position.id}' is '{superior_id}' "
                        f"of {other_name}; the superior must be a position of {opd.label} itself "
                        "(the agency's head has no 'atasan': its PK's second party follows the "
                        "agency PK).",
                    ),
                    subject=position.opd_id or None,
                )


def _check_cycles(site: Site, sink: DiagnosticSink) -> None:
    positions = site.positions
    done: set[str] = set()
    for opd in site.opds.values():
        for start in opd.positions:
            if start.id in done or positions.get(start.id) is not start:
                continue
            chain: list[str] = []
            seen: dict[str, int] = {}
            current: Position | None = start
            while current is not None and current.id not in done and current.id not in seen:
                seen[current.id] = len(chain)
                chain.append(current.id)
                superior = current.superior_id
                current = positions.get(superior) if superior is not None else None
            done.update(chain)
            if current is None or current.id not in seen:
                continue
            cycle = chain[seen[current.id] :]
            first = positions[cycle[0]]
            path = " → ".join([*cycle, cycle[0]])
            sink.add(
                "jabatan-siklus",
                first.loc.file,
                _line(first, "atasan"),
                Text(
                    id=f"Atasan jabatan membentuk lingkaran: {path}; satu jabatan (kepala "
                    "perangkat daerah) tidak mempunyai atasan, perbaiki 'atasan' salah satunya.",
                    en=f"The superiors of positions form a cycle: {path}; one position (the "
                    "agency's head) has no superior, correct the 'atasan' of one of them.",
                ),
                subject=first.opd_id or None,
            )


def _linked_with(graph: Graph, node: Node, opd_id: str) -> bool:
    """Whether a crosscutting link not rejected joins ``node`` with a node of ``opd_id``."""
    nodes = graph.site.nodes
    for link in graph.sent.get(node.id, ()):
        target = nodes.get(link.target_id) if link.target_id else None
        if target is not None and target.opd_id == opd_id and link.status != "ditolak":
            return True
    for link in graph.received.get(node.id, ()):
        source = nodes.get(link.source_id)
        if source is not None and source.opd_id == opd_id and link.status != "ditolak":
            return True
    return False


def _check_assignments(site: Site, graph: Graph, sink: DiagnosticSink) -> None:
    positions = site.positions
    for node in graph.site.nodes.values():
        holders: list[tuple[Node | Indicator, Text]] = [
            (node, Text(id=f"node '{node.id}'", en=f"node '{node.id}'"))
        ]
        holders += [
            (ind, Text(id=f"indikator '{ind.id}'", en=f"indicator '{ind.id}'"))
            for ind in node.indicators
        ]
        for holder, what in holders:
            position_id = holder.position_id
            if position_id is None:
                continue
            line = holder.lines.get("jabatan", holder.loc.line)
            position = positions.get(position_id)
            if position is None:
                sink.add(
                    "jabatan-tidak-dikenal",
                    holder.loc.file,
                    line,
                    Text(
                        id=f"Jabatan '{position_id}' pada {what.id} tidak ada; tulis id jabatan "
                        f"yang dinyatakan di 'jabatan' perangkat daerahnya (dikenal: "
                        f"{_known(site)}).",
                        en=f"The position '{position_id}' of {what.en} does not exist; write the "
                        f"id of a position declared under its agency's 'jabatan' (known: "
                        f"{_known(site)}).",
                    ),
                    subject=holder.id,
                )
                continue
            if node.opd_id is None or position.opd_id == node.opd_id:
                continue
            if _linked_with(graph, node, position.opd_id):
                continue
            own = site.opds.get(node.opd_id)
            other = site.opds.get(position.opd_id)
            own_name = own.label if own is not None else node.opd_id
            other_name = other.label if other is not None else position.opd_id
            sink.add(
                "jabatan-opd-lain",
                holder.loc.file,
                line,
                Text(
                    id=f"{what.id[0].upper()}{what.id[1:]} ({own_name}) dipertanggungjawabkan "
                    f"jabatan '{position_id}' dari {other_name}, tanpa tautan crosscutting antara "
                    f"node '{node.id}' dan {other_name}; tunjuk jabatan {own_name}, atau "
                    "sepakati crosscutting dengan perangkat daerah itu.",
                    en=f"The {what.en} ({own_name}) is answered for by the position "
                    f"'{position_id}' of {other_name}, with no crosscutting link between node "
                    f"'{node.id}' and {other_name}; name a position of {own_name}, or agree a "
                    "crosscutting link with that agency.",
                ),
                subject=holder.id,
            )


def _check_idle(site: Site, sink: DiagnosticSink) -> None:
    positions = site.positions
    busy: set[str] = set()
    for holder in _holders(site):
        current = positions.get(holder.position_id) if holder.position_id else None
        while current is not None and current.id not in busy:
            busy.add(current.id)
            superior = current.superior_id
            current = positions.get(superior) if superior is not None else None
    for opd in site.opds.values():
        for position in opd.positions:
            if position.id in busy or positions.get(position.id) is not position:
                continue
            if position.echelon is not None and position.echelon not in STRUCTURAL:
                continue  # fungsional and pelaksana plan in their SKP, outside the tree
            sink.add(
                "jabatan-tanpa-tugas",
                position.loc.file,
                _line(position, "id"),
                Text(
                    id=f"Jabatan '{position.id}' ({position.name}) tidak mempertanggungjawabkan "
                    "node atau indikator apa pun, begitu pula bawahannya; tulis "
                    f"'jabatan: {position.id}' pada node atau indikator yang menjadi tugasnya.",
                    en=f"The position '{position.id}' ({position.name}) answers for no node or "
                    "indicator, nor does any position below it; write "
                    f"'jabatan: {position.id}' on the nodes or indicators it answers for.",
                ),
                subject=position.opd_id or None,
            )


__all__ = ["ECHELONS", "STRUCTURAL", "check_positions"]
