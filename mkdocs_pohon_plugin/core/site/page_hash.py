"""Content hashes of the generated pages: what lets ``mkdocs serve`` render only the pages an
edit changed.

A page's hash covers everything the page can show, without rendering it:

- the **site-wide inputs** (:meth:`PageHasher.site_digest`): the render options, the page
  templates (built-in and ``custom_templates``, by name, size and modification time), every part
  of the model that is not a node (region, level scheme, settings, the agencies: their names are
  on most pages), the files of the trees folder that are not tree files (a nomenclature table)
  and whatever the caller adds (the MkDocs adapter adds ``mkdocs.yml``, the navigation and the
  theme's files); whether the trees have uncommitted changes (git) counts for an agency's
  Perjanjian Kinerja only, which says so (with ``custom_templates``, for every page);
- the page itself: its kind, path, title, YAML source line and template context;
- what it shows of the trees, by kind. A **node** page: the node (with its indicators, budget
  and crosscutting links), its ancestors (breadcrumb, diagram), its children and its
  crosscutting partners. An **indicator** page and an indicator's **support** pages: what its
  node's page shows, plus every step of the indicator's lineage (declared and node-level, with
  the node of each step and the crosscutting link crossed). An **agency's** pages (its page, its
  level pages, cascading, Perjanjian Kinerja): the same for each of its nodes and indicators.
  A **group page of a split listing** (an agency's indicators, codes or IKU, one page of
  them): each row of its group, as its node's fingerprint, in the listing's order, and the
  group's pages; an edit in one agency leaves the other agencies' group pages as they were.
  An agency's **Rencana Aksi** pages: as its other pages. An agency's **Mutu Pohon** page: the
  same, with the findings about the agency and every finding without a subject. A **position**'s pages (the position,
  its Perjanjian Kinerja): each node (of any agency) it or one of its indicators answers for,
  as a node's page shows it, with its indicators' lineage (:data:`POSITION_KINDS`).
  Every **other** kind (home, the indexes, downloads, any kind added later) shows the whole
  model, so it changes whenever any node does.

Each node is fingerprinted once per build (:meth:`PageHasher.node_digest`): its fields as
``repr`` gives them, without where they were read (an inserted line moves every line below it,
but changes nothing a page shows; a page's own edit line is part of its hash), its number in the
regional tree, its last commit and those of its indicators (``history``), and the diagnostics
about it or its indicators. An agency's list of its nodes counts for its own pages only. A hash is therefore conservative: it may change when the page would
not, never the other way round, as long as each kind shows no more than listed above
(``tests/test_serve_preview.py`` compares a preview rebuilt from the cache with a clean build).
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import re
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..review.promises import Promises
from ..tree.model import Indicator, Node, Opd, Position
from .generate import SiteBuild
from .kinds import (
    ACTION_PLAN,
    CASCADING,
    INDEX_CODES_PART,
    INDEX_IKU_PART,
    INDEX_INDICATORS_PART,
    INDICATOR,
    INDICATOR_SUPPORT,
    NODE,
    OPD,
    OPD_LEVEL,
    OPD_QUALITY,
    PK,
    POSITION,
    POSITION_PK,
)
from .lineage import Lineage
from .listings import Listing, ListingGroup, ListingPart
from .pages import Page
from .render import BUILTIN_TEMPLATES

NODE_KINDS = frozenset({NODE})
"""Kinds whose page shows one node and its neighbourhood (``context["node"]``)."""
INDICATOR_KINDS = frozenset({INDICATOR, INDICATOR_SUPPORT})
"""Kinds whose page shows one indicator, its node and its lineage (``context["indicator"]``)."""
OPD_KINDS = frozenset({OPD, OPD_LEVEL, CASCADING, PK})
"""Kinds whose page shows one agency's nodes and indicators (``context["opd"]``)."""
POSITION_KINDS = frozenset({POSITION, POSITION_PK})
"""Kinds whose page shows one position (``context["position"]``): every node (of any agency)
that the position answers for, or one of whose indicators it does, with the node's
neighbourhood (its ancestors nest the list) and its indicators' lineage. The positions
themselves (names, holders, superiors) are site-wide inputs."""
AGENCY_KINDS = frozenset({ACTION_PLAN})
"""Kinds whose page shows what an agency's nodes say and nothing of other agencies
(``context["opd"]``), hashed as :data:`OPD_KINDS`."""
LISTING_PART_KINDS = frozenset({INDEX_INDICATORS_PART, INDEX_CODES_PART, INDEX_IKU_PART})
"""Kinds whose page shows one group of a split listing (``context["part"]``,
``context["listing"]``): its rows (indicators or nodes) and the group's pages."""

_WHERE = re.compile(r"l(?:oc=Loc\([^()]*\)|ines=\{[^{}]*\})")
"""Where a model object was read (``loc=Loc(...)``, ``lines={...}``) in its ``repr``; an odd file
name that this does not match only keeps the location in, which makes a hash change more often.
(Starting with a plain letter keeps the search fast: about 1 ms for the demo's 329 nodes.)"""


def fingerprint(value: object) -> str:
    """``repr(value)`` without the file locations of the model objects in it."""
    return _WHERE.sub("", repr(value))


def folder_stamp(folder: Path, skip: Iterable[str] = ()) -> list[tuple[str, int, int]]:
    """Each file under ``folder`` (name relative to it, modification time in ns, size), sorted,
    leaving out the files ``skip`` names (relative to the working folder, or absolute); empty when the
    folder does not exist."""
    left_out = {os.path.abspath(path) for path in skip}
    found: list[tuple[str, int, int]] = []
    for parent, dirs, names in os.walk(folder):
        dirs.sort()
        for name in names:
            path = os.path.join(parent, name)
            if os.path.abspath(path) in left_out:
                continue
            try:
                stat = os.stat(path)
            except OSError:  # removed while walking
                continue
            found.append((os.path.relpath(path, folder), stat.st_mtime_ns, stat.st_size))
    found.sort()
    return found


def _digest(*parts: object) -> str:
    hasher = hashlib.blake2b(digest_size=16)
    for part in parts:
        hasher.update(part.encode("utf-8") if isinstance(part, str) else repr(part).encode())
        hasher.update(b"\0")
    return hasher.hexdigest()


class PageHasher:
    """The content hash of each planned page of one :class:`~.generate.SiteBuild`.

    ``outside``: inputs the caller knows of and the core does not (the MkDocs adapter: the site
    configuration, the navigation, the theme), as any ``repr``-able value."""

    def __init__(self, build: SiteBuild, outside: object = None) -> None:
        self.build = build
        self.result = build.result
        self.site = build.result.site
        self.graph = build.result.graph
        self.outside = outside
        self._nodes: dict[str, str] = {}
        self._lineages: dict[str, str] = {}
        self._neighbourhoods: dict[str, str] = {}
        self._site: str | None = None
        self._model: str | None = None
        self._findings: dict[str, list[str]] | None = None
        self._opd_nodes: dict[str, list[Node]] | None = None
        self._opds: dict[str, str] = {}
        self._answered: dict[str, list[str]] | None = None

    # Site-wide ---------------------------------------------------------------------------------

    def site_digest(self) -> str:
        """Everything every page depends on (see the module's docstring)."""
        if self._site is None:
            options = self.build.options
            plain = {
                field.name: getattr(options, field.name)
                for field in dataclasses.fields(options)
                if field.name not in ("history", "template_cache", "keep_lineages")
            }
            promises = plain.get("promises")
            if (
                isinstance(promises, Promises)
                and promises.dirty
                and options.custom_templates is None
            ):
                # Whether the working tree has uncommitted changes shows on an agency's
                # Perjanjian Kinerja only (its frame): the first edit after a clean checkout
                # would otherwise build every page again.
                plain["promises"] = dataclasses.replace(promises, dirty=False)
            site = {
                field.name: getattr(self.site, field.name)
                for field in dataclasses.fields(self.site)
                if field.name not in ("nodes", "indicators", "opds")
            }
            # An agency's list of nodes is shown by its own pages only (hashed by kind).
            site["opds"] = [
                dataclasses.replace(opd, node_ids=[]) for opd in self.site.opds.values()
            ]
            templates = [folder_stamp(BUILTIN_TEMPLATES)]
            if options.custom_templates is not None:
                templates.append(folder_stamp(options.custom_templates))
            self._site = _digest(
                fingerprint(plain),
                options.history is not None,
                fingerprint(site),
                templates,
                self._tree_folder_files(),
                self.build.only_opds is not None and sorted(self.build.only_opds),
                self.outside,
            )
        return self._site

    def _tree_folder_files(self) -> list[tuple[str, int, int]]:
        """The files of the trees folder other than the tree files (their content is the
        model): a nomenclature table, say."""
        root = Path(self.site.root)
        return folder_stamp(root, skip=self.site.files) if root.is_dir() else []

    def model_digest(self) -> str:
        """The whole model: every node (:meth:`node_digest`) in the trees' order."""
        if self._model is None:
            self._model = _digest(
                [self.node_digest(node_id) for node_id in self.site.nodes],
                list(self.site.indicators),
                self._all_findings(),
            )
        return self._model

    def downloads_digest(self, workbook: bool) -> str:
        """What the downloads (JSON, CSV, the workbook when ``workbook``) are made of: the whole
        model and what every page depends on (options, the site's fields and files)."""
        return _digest(self.site_digest(), self.model_digest(), workbook)

    # Nodes ---------------------------------------------------------------------------------------

    def node_digest(self, node_id: str) -> str:
        """One node as its pages and its neighbours' pages show it (the module's docstring)."""
        found = self._nodes.get(node_id)
        if found is not None:
            return found
        node = self.site.nodes.get(node_id)
        if node is None:
            found = _digest("missing", node_id)
        else:
            history = self.build.options.history
            commits = (
                [history.last_change(item) for item in (node.id, *_indicator_ids(node))]
                if history is not None
                else None
            )
            findings = self._findings_about([node.id, *_indicator_ids(node)])
            found = _digest(fingerprint(node), self.build.renderer.number(node), commits, findings)
        self._nodes[node_id] = found
        return found

    def _neighbourhood(self, node_id: str) -> str:
        """What a node's page shows of the trees: the node, its ancestors, its crosscutting
        partners (sent and received) and its children."""
        found = self._neighbourhoods.get(node_id)
        if found is not None:
            return found
        ids = [ancestor.id for ancestor in self.graph.ancestors(node_id)]
        ids.append(node_id)
        ids.extend(link.target_id or "" for link in self.graph.sent.get(node_id, ()))
        ids.extend(link.source_id for link in self.graph.received.get(node_id, ()))
        ids.extend(child.id for child in self.graph.child_nodes(node_id))
        found = _digest([(item, self.node_digest(item)) for item in ids])
        self._neighbourhoods[node_id] = found
        return found

    def _lineage(self, indicator: Indicator) -> str:
        """Every step of the indicator's lineage, with its node and the link crossed."""
        found = self._lineages.get(indicator.id)
        if found is not None:
            return found
        lineages = self.build.plan.lineages
        if lineages is None:
            found = self.model_digest()
        else:
            lineage: Lineage = lineages.lineage(indicator)
            steps: list[object] = []
            for part in (lineage.up, lineage.down, lineage.up_by_node, lineage.down_by_node):
                for step in part:
                    via = step.via
                    steps.append(
                        (
                            step.indicator.id,
                            self.node_digest(step.node.id),
                            step.relation,
                            step.distance,
                            step.through,
                            None
                            if via is None
                            else (via.source_id, via.target_id, self.node_digest(via.source_id)),
                        )
                    )
                steps.append("|")
            found = _digest(lineage.declares, steps)
        self._lineages[indicator.id] = found
        return found

    def _indicator(self, indicator: Indicator) -> str:
        node_id = indicator.node_id
        return _digest(indicator.id, self._neighbourhood(node_id), self._lineage(indicator))

    def _opd(self, opd: Opd) -> str:
        found = self._opds.get(opd.id)
        if found is None:
            found = self._opds[opd.id] = self._opd_content(opd)
        return found

    def _opd_content(self, opd: Opd) -> str:
        if self._opd_nodes is None:
            grouped: dict[str, list[Node]] = defaultdict(list)
            for node in self.site.nodes.values():
                if node.opd_id is not None:
                    grouped[node.opd_id].append(node)
            self._opd_nodes = dict(grouped)
        parts = []
        for node in self._opd_nodes.get(opd.id, ()):
            parts.append(self._neighbourhood(node.id))
            parts.extend(self._lineage(indicator) for indicator in node.indicators)
        return _digest(opd.id, opd.node_ids, parts)

    def _opd_quality(self, opd: Opd) -> str:
        """What an agency's Mutu Pohon page shows: the findings about its nodes and indicators
        (in their digests) and about the agency, and, as they are placed by the lines that
        hold them, every finding without a subject."""
        findings = self._all_findings()
        return _digest(self._opd(opd), findings.get(opd.id), findings.get(""))

    def _position(self, position: Position) -> str:
        """What a position's pages show (:data:`POSITION_KINDS`)."""
        if self._answered is None:
            answered: dict[str, list[str]] = defaultdict(list)
            for node in self.site.nodes.values():
                owners = {node.position_id, *(i.position_id for i in node.indicators)}
                for owner in owners:
                    if owner is not None:
                        answered[owner].append(node.id)
            self._answered = dict(answered)
        parts: list[object] = []
        for node_id in self._answered.get(position.id, ()):
            parts.append(node_id)
            parts.append(self._neighbourhood(node_id))
            node = self.site.nodes[node_id]
            parts.extend(self._lineage(indicator) for indicator in node.indicators)
        return _digest(position.id, parts)

    def _listing_group(self, group: ListingGroup[Any]) -> str:
        """What a group page of a split listing shows: each row of its group (an indicator
        with its node, or a node; in the listing's order, which decides the pages) as its
        node's fingerprint gives it, and the group's pages."""
        rows = []
        for row in group.rows:
            node_id = row.node_id if isinstance(row, Indicator) else row.id
            rows.append((row.id, self.node_digest(node_id)))
        pages = [(part.number, part.first, len(part.rows)) for part in group.parts]
        return _digest(group.opd.id if group.opd else None, rows, pages)

    # Diagnostics -------------------------------------------------------------------------------

    def _all_findings(self) -> dict[str, list[str]]:
        if self._findings is None:
            grouped: dict[str, list[str]] = defaultdict(list)
            for diagnostic in self.result.diagnostics:
                grouped[diagnostic.subject or ""].append(
                    fingerprint((diagnostic.rule, diagnostic.text, diagnostic.left_out))
                )
            self._findings = dict(grouped)
        return self._findings

    def _findings_about(self, subjects: Iterable[str]) -> list[list[str]]:
        findings = self._all_findings()
        return [findings[subject] for subject in subjects if subject in findings]

    # Pages -------------------------------------------------------------------------------------

    def page_hash(self, page: Page, frame: str | None = None) -> str:
        """The page's content hash: equal for two builds only if the page is the same.
        ``frame``: the page's :meth:`frame`, when the caller has it."""
        context = page.context
        kind = page.kind
        shows: str
        node = context.get("node")
        indicator = context.get("indicator")
        opd = context.get("opd")
        if kind in INDICATOR_KINDS and isinstance(indicator, Indicator):
            shows = self._indicator(indicator)
        elif kind in NODE_KINDS and isinstance(node, Node):
            shows = self._neighbourhood(node.id)
        elif kind in OPD_KINDS | AGENCY_KINDS and isinstance(opd, Opd):
            shows = self._opd(opd)
        elif kind in POSITION_KINDS and isinstance(position := context.get("position"), Position):
            shows = self._position(position)
        elif kind in LISTING_PART_KINDS and (group := _listing_group(context)) is not None:
            shows = self._listing_group(group)
        elif kind == OPD_QUALITY and isinstance(opd, Opd):
            shows = self._opd_quality(opd)
        else:
            shows = self.model_digest()
        return _digest(self.frame(page) if frame is None else frame, shows)

    def frame(self, page: Page) -> str:
        """What the page's hash covers besides what it shows of the trees: the site-wide inputs,
        its kind, path, title, YAML source line and template context. Two builds' pages with the
        same frame and the same body (:func:`body_key`) are the same page."""
        promises = self.build.options.promises
        return _digest(
            self.site_digest(),
            page.kind,
            page.path,
            page.title,
            page.source,
            _context(page.context),
            page.kind == PK and promises is not None and promises.dirty,
        )


def body_key(frame: str, html: str, toc: object, anchors: Iterable[str]) -> str:
    """A rendered page: its frame (:meth:`PageHasher.frame`), body, table of contents and
    anchors; equal for two builds only if the theme writes the same page for both."""
    return _digest(frame, html, toc, sorted(anchors))


def _listing_group(context: dict[str, Any]) -> ListingGroup[Any] | None:
    """The group of the split listing that a group page (``context["part"]``) belongs to."""
    part, listing = context.get("part"), context.get("listing")
    if not isinstance(part, ListingPart) or not isinstance(listing, Listing):
        return None
    for group in listing.groups:
        if group.opd is part.opd:
            return group
    return None


def _indicator_ids(node: Node) -> list[str]:
    return [indicator.id for indicator in node.indicators]


def _context(context: dict[str, Any]) -> str:
    """A page's template context, its model objects named by id (their content is hashed by
    kind), anything else (a year, a level) as ``repr`` gives it. A large value (a list of
    every indicator) only counts by its length: the model digest covers its content."""
    named: list[tuple[str, object]] = []
    for key, value in sorted(context.items()):
        if isinstance(value, (Node, Indicator, Opd)):
            named.append((key, value.id))
        elif isinstance(value, ListingPart):  # its rows are hashed with its group
            opd = value.opd.id if value.opd else None
            named.append((key, (value.listing, opd, value.number, value.count, value.first)))
        elif isinstance(value, Listing):  # its groups' rows are hashed by the page's kind
            named.append((key, (value.name, value.limit)))
        elif isinstance(value, (list, tuple, dict, set, frozenset)):
            named.append((key, len(value)))
        else:
            named.append((key, fingerprint(value)))
    return fingerprint(named)
