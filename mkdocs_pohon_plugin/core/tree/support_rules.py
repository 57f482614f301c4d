"""Cascading per indikator: the rules for ``indikator.mendukung``.

An indicator names, under ``mendukung``, the indicators above it that it drives. Allowed targets:

- an indicator of an *ancestor* node of the indicator's node (its parent, grandparent … up to the
  visi);
- across agencies, an indicator of a node that *asked this node (or one of its ancestors) for
  support*: a node X that sends a crosscutting link ``ke: Y`` is helped by Y, so the indicators of Y
  and of Y's descendants may support X's indicators (X's ancestors are then reached through X's
  indicators, not directly). Only an agreed link (``status: disetujui``) allows it; a pending one
  gives a warning, a rejected one an error. This is the direction of :mod:`..site.lineage`.

Errors: an unknown id, the indicator itself, an indicator below (a descendant's, or a partner's that
supports this one), one that is not above (the same node's, an unrelated node's), a cycle. Warnings:
an indicator that supports nothing although its parent node has indicators (``mendukung-kosong``), a
regional or IKU indicator that nothing supports (``tidak-didukung``).

A tree that does not declare ``mendukung`` yet must not drown in warnings: a file in which no
indicator declares it gets ONE ``mendukung-belum-dinyatakan`` (with the count), instead of one
``mendukung-kosong`` per indicator; ``tidak-didukung`` waits until a file below the indicator (one
holding a child node) declares ``mendukung``.

Cost: each node's ancestor set and the links received on its way up are computed once, on first
use; each declared entry is then a few set look-ups, so the rules stay linear in the size of the
trees.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass, field

from .diagnostics import DiagnosticSink, Text
from .graph import Graph
from .model import Crosscutting, Indicator, Node, Site, item_line

KEY = "mendukung"
_RANK = {"disetujui": 2, "menunggu": 1, "ditolak": 0}
"""How much a link's status allows: the best link between two nodes decides."""
_GLOBAL_SUGGESTIONS = 50
"""Most unknown ids for which every indicator id of the site is searched for a near one (each
search reads all ids); past it, only the indicators the entry could point to are searched."""


@dataclass(slots=True)
class _Reach:
    """What the indicators of one node may support, computed once per node."""

    above: frozenset[str]
    """The ids of the node's ancestors."""
    complete: bool = True
    """False when the chain of parents breaks (a missing parent, a cycle): what lies above is
    then unknown, and the missing parent is the error to report."""
    askers: dict[str, Crosscutting] = field(default_factory=dict)
    """Sender node id → the best link it sent to this node or to one of its ancestors."""


class _Index:
    """Memoised ancestor sets and crosscutting reach per node."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        self._reach: dict[str, _Reach] = {}

    def reach(self, node_id: str) -> _Reach:
        found = self._reach.get(node_id)
        if found is None:
            ancestors = self.graph.ancestors(node_id)
            top = ancestors[-1] if ancestors else self.graph.site.nodes[node_id]
            found = _Reach(frozenset(a.id for a in ancestors), top.parent_id is None)
            received = self.graph.received
            for carrier in (node_id, *(a.id for a in ancestors)):
                for link in received.get(carrier, ()):
                    best = found.askers.get(link.source_id)
                    if best is None or _RANK.get(link.status, 0) > _RANK.get(best.status, 0):
                        found.askers[link.source_id] = link
            self._reach[node_id] = found
        return found

    def allowed(self, node: Node) -> Iterator[Indicator]:
        """The indicators an indicator of ``node`` may name: its ancestors', then its askers'."""
        nodes = self.graph.site.nodes
        reach = self.reach(node.id)
        for ancestor in self.graph.ancestors(node.id):
            yield from ancestor.indicators
        for sender_id, link in reach.askers.items():
            sender = nodes.get(sender_id)
            if sender is not None and link.status != "ditolak":
                yield from sender.indicators


def _ids(indicators: list[Indicator], most: int = 3) -> str:
    shown = ", ".join(f"'{i.id}'" for i in indicators[:most])
    return shown + (", …" if len(indicators) > most else "")


@dataclass(slots=True)
class _Edge:
    source: Indicator
    target: Indicator
    file: str
    line: int


class SupportChecker:
    """Runs every ``mendukung`` rule over a site (see the module docstring)."""

    def __init__(self, site: Site, graph: Graph, sink: DiagnosticSink) -> None:
        self.site, self.graph, self.sink = site, graph, sink
        self.index = _Index(graph)
        self.edges: list[_Edge] = []
        """Entries that passed every other rule (agreed or pending): the graph cycles are sought in."""
        self.supported: set[str] = set()
        """Ids of the indicators some existing indicator names under ``mendukung``."""
        self._global_searches = 0
        self._former: dict[str, str] | None = None

    def run(self) -> None:
        site = self.site
        for node in site.nodes.values():
            for indicator in node.indicators:
                seen: set[str] = set()
                for target_id in indicator.supports:
                    if target_id not in seen:
                        seen.add(target_id)
                        self.entry(node, indicator, target_id)
        self.cycles()
        self.unsupported_below()
        self.unsupported_above()

    # -- one entry -----------------------------------------------------------------------------

    def entry(self, node: Node, indicator: Indicator, target_id: str) -> None:
        file = indicator.loc.file
        line = item_line(indicator.lines, KEY, target_id, indicator.loc.line)
        name = indicator.id
        target = self.site.indicators.get(target_id)
        if target is None:
            self.unknown(node, indicator, target_id, file, line)
            return
        self.supported.add(target_id)
        if target is indicator:
            parent = self.graph.parent(node.id)
            hint = (
                Text(
                    id=f"sebut indikator node induknya '{parent.id}' ({_ids(parent.indicators)}) "
                    "yang didorongnya.",
                    en=f"name the indicator of its parent node '{parent.id}' "
                    f"({_ids(parent.indicators)}) that it drives.",
                )
                if parent is not None and parent.indicators
                else Text(
                    id="hapus id itu dari 'mendukung'.", en="remove that id from 'mendukung'."
                )
            )
            self.sink.add(
                "mendukung-diri",
                file,
                line,
                Text(
                    id=f"Indikator '{name}' menyebut dirinya sendiri di 'mendukung'; {hint.id}",
                    en=f"The indicator '{name}' names itself under 'mendukung'; {hint.en}",
                ),
            )
            return
        carrier = self.site.nodes.get(target.node_id)
        if carrier is None:
            return
        reach = self.index.reach(node.id)
        if carrier.id in reach.above:
            self.edges.append(_Edge(indicator, target, file, line))
            return
        link = reach.askers.get(carrier.id)
        if link is not None:
            self.through_link(indicator, target, link, file, line)
            return
        if carrier.id == node.id:
            parent = self.graph.parent(node.id)
            where = (
                Text(
                    id=f"sebut indikator node induk '{parent.id}' ({_ids(parent.indicators)}).",
                    en=f"name an indicator of the parent node '{parent.id}' "
                    f"({_ids(parent.indicators)}).",
                )
                if parent is not None and parent.indicators
                else Text(
                    id="hapus id itu dari 'mendukung'.", en="remove that id from 'mendukung'."
                )
            )
            self.sink.add(
                "mendukung-tidak-di-atas",
                file,
                line,
                Text(
                    id=f"Indikator '{name}' menyebut '{target_id}' di 'mendukung', padahal keduanya "
                    f"indikator node yang sama '{node.id}': sejajar, bukan di atasnya; {where.id}",
                    en=f"The indicator '{name}' names '{target_id}' under 'mendukung', but both "
                    f"are indicators of the same node '{node.id}': side by side, not above; "
                    f"{where.en}",
                ),
            )
            return
        if not (reach.complete and self.index.reach(carrier.id).complete):
            return  # a missing parent or a cycle of parents, reported by their own rules
        if node.id in self.index.reach(carrier.id).above:
            self.sink.add(
                "mendukung-ke-bawah",
                file,
                line,
                Text(
                    id=f"Indikator '{name}' (node '{node.id}') menyebut '{target_id}' di "
                    f"'mendukung', padahal '{target_id}' milik node '{carrier.id}' yang berada di "
                    f"bawahnya; 'mendukung' menunjuk ke atas. Tulis 'mendukung: [{name}]' pada "
                    f"'{target_id}', dan hapus '{target_id}' di sini.",
                    en=f"The indicator '{name}' (node '{node.id}') names '{target_id}' under "
                    f"'mendukung', but '{target_id}' belongs to node '{carrier.id}', which lies "
                    f"below it; 'mendukung' points upwards. Write 'mendukung: [{name}]' on "
                    f"'{target_id}' and remove '{target_id}' here.",
                ),
            )
            return
        helped = self.index.reach(carrier.id).askers
        asker = next((s for s in (node.id, *reach.above) if s in helped), None)
        if asker is not None:
            partner = helped[asker].target_id or ""
            self.sink.add(
                "mendukung-ke-bawah",
                file,
                line,
                Text(
                    id=f"Indikator '{name}' (node '{node.id}') menyebut '{target_id}' di "
                    f"'mendukung', tetapi node '{asker}' meminta dukungan node '{partner}' "
                    f"(crosscutting 'ke: {partner}'), jadi indikator '{target_id}' milik "
                    f"'{carrier.id}' yang mendukung indikator di sini, bukan sebaliknya. Tulis "
                    f"'mendukung: [{name}]' pada '{target_id}', dan hapus '{target_id}' di sini.",
                    en=f"The indicator '{name}' (node '{node.id}') names '{target_id}' under "
                    f"'mendukung', but node '{asker}' asks node '{partner}' for support "
                    f"(crosscutting 'ke: {partner}'), so the indicator '{target_id}' of "
                    f"'{carrier.id}' supports the indicators here, not the other way round. Write "
                    f"'mendukung: [{name}]' on '{target_id}' and remove '{target_id}' here.",
                ),
            )
            return
        self.sink.add(
            "mendukung-tidak-di-atas",
            file,
            line,
            Text(
                id=f"Indikator '{name}' (node '{node.id}') menyebut '{target_id}' milik node "
                f"'{carrier.id}' di 'mendukung', tetapi '{carrier.id}' bukan leluhur node ini dan "
                "tidak meminta dukungannya lewat crosscutting. Sebut indikator node induk atau "
                f"leluhurnya; atau, jika '{carrier.id}' memerlukan dukungan ini, tambahkan pada "
                f"'{carrier.id}' tautan crosscutting 'ke: {node.id}' dan sepakati.",
                en=f"The indicator '{name}' (node '{node.id}') names '{target_id}' of node "
                f"'{carrier.id}' under 'mendukung', but '{carrier.id}' is not an ancestor of this "
                "node and does not ask it for support through crosscutting. Name an indicator of "
                f"its parent or an ancestor node; or, if '{carrier.id}' needs this support, add "
                f"to '{carrier.id}' a crosscutting link 'ke: {node.id}' and agree on it.",
            ),
        )

    def through_link(
        self, indicator: Indicator, target: Indicator, link: Crosscutting, file: str, line: int
    ) -> None:
        name, target_id = indicator.id, target.id
        sender, partner = link.source_id, link.target_id or ""
        link_where = f"{link.loc.file}:{link.loc.line}" if link.loc.file else sender
        if link.status == "ditolak":
            self.sink.add(
                "mendukung-crosscutting-ditolak",
                file,
                line,
                Text(
                    id=f"Indikator '{name}' menyebut '{target_id}' di 'mendukung' melalui tautan "
                    f"crosscutting '{sender}' → '{partner}' ({link_where}), yang ditolak; tautan "
                    f"yang ditolak tidak membawa dukungan. Hapus '{target_id}' dari 'mendukung', "
                    "atau sepakati tautannya lagi.",
                    en=f"The indicator '{name}' names '{target_id}' under 'mendukung' through the "
                    f"crosscutting link '{sender}' → '{partner}' ({link_where}), which was "
                    f"rejected; a rejected link carries no support. Remove '{target_id}' from "
                    "'mendukung', or agree on the link again.",
                ),
            )
            return
        self.edges.append(_Edge(indicator, target, file, line))
        if link.status == "menunggu":
            self.sink.add(
                "mendukung-crosscutting-menunggu",
                file,
                line,
                Text(
                    id=f"Indikator '{name}' mendukung '{target_id}' melalui tautan crosscutting "
                    f"'{sender}' → '{partner}' ({link_where}) yang masih menunggu; sepakati "
                    "tautan itu dulu ('status: disetujui'), baru dukungan ini diakui.",
                    en=f"The indicator '{name}' supports '{target_id}' through the crosscutting "
                    f"link '{sender}' → '{partner}' ({link_where}), which is still pending; agree "
                    "on the link first ('status: disetujui'), then this support counts.",
                ),
                subject=indicator.id,
            )

    def unknown(
        self, node: Node, indicator: Indicator, target_id: str, file: str, line: int
    ) -> None:
        renamed = self.former().get(target_id)
        if renamed is not None:
            hint = Text(
                id=f"id itu sudah diganti menjadi '{renamed}' (id_lama); tulis id barunya.",
                en=f"that id was changed to '{renamed}' (id_lama); write the new id.",
            )
        else:
            candidates = list(dict.fromkeys(i.id for i in self.index.allowed(node)))
            close = difflib.get_close_matches(target_id, candidates, n=1, cutoff=0.6)
            if not close and self._global_searches < _GLOBAL_SUGGESTIONS:
                self._global_searches += 1
                close = difflib.get_close_matches(target_id, self.site.indicators, n=1, cutoff=0.8)
            if close:
                hint = Text(id=f"maksudnya '{close[0]}'?", en=f"did you mean '{close[0]}'?")
            else:
                hint = Text(
                    id="perbaiki id-nya: sebut indikator node induk atau leluhurnya.",
                    en="correct the id: name an indicator of its parent or an ancestor node.",
                )
        self.sink.add(
            "mendukung-tidak-dikenal",
            file,
            line,
            Text(
                id=f"Indikator '{indicator.id}' menyebut '{target_id}' di 'mendukung', tetapi tidak "
                f"ada indikator berid itu; {hint.id}",
                en=f"The indicator '{indicator.id}' names '{target_id}' under 'mendukung', but no "
                f"indicator has that id; {hint.en}",
            ),
        )

    def former(self) -> dict[str, str]:
        if self._former is None:
            self._former = {}
            for ind in self.site.indicators.values():
                for old in ind.former_ids:
                    self._former.setdefault(old, ind.id)
        return self._former

    # -- cycles -------------------------------------------------------------------------------

    def cycles(self) -> None:
        """Each cycle of (otherwise valid) entries once, at the entry of its first member in file
        order, with the chain."""
        out: dict[str, list[_Edge]] = {}
        for entry in self.edges:
            out.setdefault(entry.source.id, []).append(entry)
        done: set[str] = set()
        for start in out:
            if start in done:
                continue
            # the walk's path: stack[k] is a node, path[k] the entry from stack[k] to stack[k + 1]
            stack: list[tuple[str, Iterator[_Edge]]] = [(start, iter(out[start]))]
            position = {start: 0}
            path: list[_Edge] = []
            while stack:
                current, edges = stack[-1]
                edge = next(edges, None)
                if edge is None:
                    stack.pop()
                    del position[current]
                    done.add(current)
                    if path:
                        path.pop()
                    continue
                following = edge.target.id
                at = position.get(following)
                if at is not None:
                    self.cycle([*path[at:], edge])
                elif following not in done:
                    position[following] = len(stack)
                    path.append(edge)
                    stack.append((following, iter(out.get(following, ()))))

    def cycle(self, ring: list[_Edge]) -> None:
        first = min(range(len(ring)), key=lambda i: (ring[i].file, ring[i].line))
        ring = ring[first:] + ring[:first]
        chain = " → ".join([*(e.source.id for e in ring), ring[0].source.id])
        edge = ring[0]
        self.sink.add(
            "mendukung-siklus",
            edge.file,
            edge.line,
            Text(
                id=f"Dukungan indikator membentuk lingkaran ({chain}); dukungan mengalir dari bawah "
                "ke atas, jadi hapus satu 'mendukung' dalam lingkaran itu (yang menunjuk ke "
                "indikator yang sebenarnya berada di bawah).",
                en=f"The indicators' support forms a cycle ({chain}); support flows from below "
                "upwards, so remove one 'mendukung' entry of the cycle (the one naming an "
                "indicator that in fact lies below).",
            ),
        )

    # -- what is not declared ------------------------------------------------------------------

    def unsupported_below(self) -> None:
        """``mendukung-kosong`` per indicator in a file that declares ``mendukung``; one
        ``mendukung-belum-dinyatakan`` for a file that declares none."""
        graph = self.graph
        declaring = self.declaring_files()
        undeclared: dict[str, list[tuple[Indicator, Node]]] = {}
        for node in self.site.nodes.values():
            if not node.indicators:
                continue
            parent = graph.parent(node.id) if node.parent_id is not None else None
            if parent is None or parent.id == node.id or not parent.indicators:
                continue
            for indicator in node.indicators:
                if indicator.supports:
                    continue
                file = indicator.loc.file
                if file not in declaring:
                    undeclared.setdefault(file, []).append((indicator, parent))
                    continue
                self.sink.add(
                    "mendukung-kosong",
                    file,
                    indicator.lines.get("id", indicator.loc.line),
                    Text(
                        id=f"Indikator '{indicator.id}' tidak menyebut indikator yang didukungnya, "
                        f"padahal node induknya '{parent.id}' memiliki indikator "
                        f"({_ids(parent.indicators)}); tambahkan 'mendukung: "
                        f"[{parent.indicators[0].id}]' atau indikator induk lain yang didorongnya.",
                        en=f"The indicator '{indicator.id}' names no indicator that it supports, "
                        f"although its parent node '{parent.id}' has indicators "
                        f"({_ids(parent.indicators)}); add 'mendukung: "
                        f"[{parent.indicators[0].id}]' or another indicator of the parent that it "
                        "drives.",
                    ),
                    subject=indicator.id,
                )
        for file, missing in undeclared.items():
            indicator, parent = min(missing, key=lambda pair: pair[0].loc.line)
            count = len(missing)
            self.sink.add(
                "mendukung-belum-dinyatakan",
                file,
                indicator.lines.get("id", indicator.loc.line),
                Text(
                    id=f"Berkas ini belum menyatakan cascading per indikator: {count} indikator "
                    "belum menyebut indikator di atasnya yang didukungnya ('mendukung'). Sampai "
                    "dinyatakan, halaman indikator menampilkan garis kinerja melalui sasaran "
                    "saja. Tambahkan 'mendukung' pada setiap indikator, mulai dari "
                    f"'{indicator.id}': 'mendukung: [{parent.indicators[0].id}]' atau indikator "
                    f"lain node induknya '{parent.id}' yang didorongnya.",
                    en=f"This file does not declare cascading per indicator yet: {count} "
                    "indicator(s) name no indicator above that they support ('mendukung'). Until "
                    "it is declared, the indicator pages show the lineage through the targets "
                    "(sasaran) only. Add 'mendukung' to each indicator, starting with "
                    f"'{indicator.id}': 'mendukung: [{parent.indicators[0].id}]' or another "
                    f"indicator of its parent node '{parent.id}' that it drives.",
                ),
                subject=indicator.id,
            )

    def unsupported_above(self) -> None:
        """``tidak-didukung``: a regional or IKU indicator that no indicator names, once a file
        holding one of its node's children declares ``mendukung``."""
        graph, site = self.graph, self.site
        declaring = self.declaring_files()
        lowest = site.levels[-1].id if site.levels else None
        for node in site.nodes.values():
            children = graph.children.get(node.id)
            if not children or not node.indicators or node.level == lowest:
                continue
            below = [site.nodes[c] for c in children]
            if not any(ind.loc.file in declaring for child in below for ind in child.indicators):
                continue
            for indicator in node.indicators:
                if indicator.id in self.supported or not (node.opd_id is None or indicator.is_iku):
                    continue
                kind = (
                    Text(id="IKU", en="key performance (IKU)")
                    if indicator.is_iku
                    else Text(id="pemda", en="regional")
                )
                self.sink.add(
                    "tidak-didukung",
                    indicator.loc.file,
                    indicator.lines.get("id", indicator.loc.line),
                    Text(
                        id=f"Indikator {kind.id} '{indicator.id}' tidak didukung indikator mana "
                        "pun di bawahnya: tidak ada yang menyebutnya di 'mendukung'. Tulis "
                        f"'mendukung: [{indicator.id}]' pada indikator node di bawahnya (mis. "
                        f"node '{below[0].id}') yang mendorongnya.",
                        en=f"The {kind.en} indicator '{indicator.id}' is supported by no "
                        "indicator below it: none names it under 'mendukung'. Write 'mendukung: "
                        f"[{indicator.id}]' on the indicator of a node below (e.g. node "
                        f"'{below[0].id}') that drives it.",
                    ),
                    subject=indicator.id,
                )

    def declaring_files(self) -> set[str]:
        return {ind.loc.file for ind in self.site.indicators.values() if ind.supports}


def check_supports(site: Site, graph: Graph, sink: DiagnosticSink) -> None:
    """Every ``mendukung`` rule (see the module docstring)."""
    SupportChecker(site, graph, sink).run()
