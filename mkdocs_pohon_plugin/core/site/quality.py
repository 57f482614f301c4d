"""The "Mutu Pohon" (tree quality) pages: the check's quality warnings, as a reader sees them.

Every quality warning in the rule catalogue serves an evaluation criterion
(:mod:`..tree.criteria`). :func:`quality_of` sorts the warnings of a check into one
:class:`QualityReport` per agency and one for the regional tree, each holding every criterion
(in catalogue order) with its findings grouped per rule. A finding names the page it links to
(the node's, the indicator's or the agency's), never a file and a line: the public page is for
readers, not for the people who edit the YAML. Each list is capped (:data:`LIST_LIMIT` per
criterion, shared fairly between its rules) so a large regency's page stays small; the counts
stay exact.

A finding's subject is the node, indicator or agency the rule named
(:attr:`~..tree.diagnostics.Diagnostic.subject`); a finding without one is placed by its file
and line, on the node or indicator whose lines hold that line (or, failing that, on the agency
whose file it is).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..tree.check import CheckResult
from ..tree.criteria import CRITERIA, Criterion
from ..tree.diagnostics import RULES, Diagnostic, sort_key
from ..tree.model import Indicator, Node, Opd, Site
from . import paths

LIST_LIMIT = 40
"""At most this many findings of one criterion are listed on one page; the rest are counted."""

_FILE_LINE = re.compile(r"\s*\(?(?<![^\s('\"])[^\s()'\"]+\.ya?ml:\d+\)?")
"""A ``file.yaml:12`` reference inside a message (a public page names pages, not files). It
starts only where a word starts, so a long word is read once, not once per letter."""

_CLOSING_REMARK = re.compile(r"\s*\([^()]*\)\s*$")

Subject = Node | Indicator | Opd


@dataclass(frozen=True, slots=True)
class Finding:
    """One quality warning as the public page shows it."""

    rule: str
    message: str
    """What the check says, in the reader's language, without file and line references."""
    subject: Subject | None
    """What the finding is about (its page is linked); ``None``: the regional tree as a whole."""
    page: str | None
    """The source path of the page to link (``node/x.md``, ``indikator/x.md``,
    ``opd/x/index.md``); ``None``: nothing to link."""
    count: int = 1
    """How many findings this one stands for (more than one for the check's note that stands
    for the findings past its per-file cap)."""

    @property
    def kind(self) -> str:
        """``node``, ``indicator``, ``opd`` or ``none``: what :attr:`subject` is."""
        if isinstance(self.subject, Node):
            return "node"
        if isinstance(self.subject, Indicator):
            return "indicator"
        if isinstance(self.subject, Opd):
            return "opd"
        return "none"


@dataclass(slots=True)
class RuleFindings:
    """The findings of one rule on one page."""

    rule: str
    summary: str
    """What the rule finds, in the reader's language."""
    findings: list[Finding] = field(default_factory=list)
    """Every finding (the page lists :attr:`shown` of them)."""
    shown: int = 0
    """How many of :attr:`findings` the page lists (see :data:`LIST_LIMIT`)."""

    @property
    def count(self) -> int:
        return sum(f.count for f in self.findings)

    @property
    def listed(self) -> list[Finding]:
        """The findings the page lists."""
        return self.findings[: self.shown]

    @property
    def left_out(self) -> int:
        """How many findings the page counts without listing them."""
        return self.count - sum(f.count for f in self.listed)


@dataclass(slots=True)
class CriterionFindings:
    """One criterion on one page: its name, its question and its findings per rule."""

    criterion: Criterion
    name: str
    question: str
    rules: list[RuleFindings] = field(default_factory=list)
    """The rules of the criterion with findings, in catalogue order."""

    @property
    def id(self) -> str:
        return self.criterion.id

    @property
    def count(self) -> int:
        return sum(r.count for r in self.rules)

    @property
    def left_out(self) -> int:
        return sum(r.left_out for r in self.rules)


@dataclass(slots=True)
class QualityReport:
    """The quality findings of one agency (or, with ``opd`` ``None``, of the regional tree)."""

    opd: Opd | None
    criteria: list[CriterionFindings]
    """Every criterion, in catalogue order, with or without findings."""

    @property
    def count(self) -> int:
        return sum(c.count for c in self.criteria)

    @property
    def page(self) -> str:
        """The source path of the report's page (the regional tree's is the regency page)."""
        return paths.quality_page(self.opd.id) if self.opd else paths.QUALITY

    def counts(self) -> dict[str, int]:
        """Findings per criterion id."""
        return {c.id: c.count for c in self.criteria}


@dataclass(slots=True)
class Quality:
    """The quality findings of a whole site, per agency and for the regional tree."""

    regional: QualityReport
    by_opd: dict[str, QualityReport]
    """Every agency's report, in the order the agencies were read (none left out)."""

    @property
    def count(self) -> int:
        return self.regional.count + sum(r.count for r in self.by_opd.values())

    def report(self, opd: Opd | str | None) -> QualityReport:
        """The report of an agency (its id, or itself); the regional tree's for ``None``."""
        if opd is None:
            return self.regional
        return self.by_opd[opd if isinstance(opd, str) else opd.id]

    def reports(self) -> list[QualityReport]:
        """The regional tree's report, then every agency's."""
        return [self.regional, *self.by_opd.values()]

    def totals(self) -> dict[str, int]:
        """Findings per criterion id over the whole site (regional tree and every agency)."""
        totals = self.regional.counts()
        for report in self.by_opd.values():
            for criterion_id, count in report.counts().items():
                totals[criterion_id] += count
        return totals


def is_quality_warning(diagnostic: Diagnostic) -> bool:
    """Whether the diagnostic is a warning that serves an evaluation criterion."""
    rule = RULES.get(diagnostic.rule)
    return rule is not None and not diagnostic.is_error and rule.criterion is not None


def public_message(text: str) -> str:
    """A check message as the public page shows it: without ``file.yaml:12`` references."""
    return " ".join(_FILE_LINE.sub("", text).split())


class _Places:
    """Where a finding without a subject belongs: the node or indicator whose lines hold its
    line in its file, else the agency whose file it is."""

    def __init__(self, site: Site) -> None:
        spans: dict[str, list[tuple[int, int, int, Node | Indicator]]] = {}
        for node in site.nodes.values():
            if node.loc.file:
                spans.setdefault(node.loc.file, []).append(
                    (node.loc.line, _last_line(node), 0, node)
                )
            for indicator in node.indicators:
                if indicator.loc.file:
                    spans.setdefault(indicator.loc.file, []).append(
                        (indicator.loc.line, _last_line(indicator), 1, indicator)
                    )
        self.spans = {
            file: sorted(items, key=lambda s: (s[0], s[2])) for file, items in spans.items()
        }
        self.starts = {file: [s[0] for s in items] for file, items in self.spans.items()}
        self.opd_files = {opd.loc.file: opd for opd in site.opds.values() if opd.loc.file}

    def find(self, file: str, line: int) -> Subject | None:
        items = self.spans.get(file)
        if items:
            end = bisect.bisect_right(self.starts[file], line)
            # The innermost item that starts at or before the line and reaches it; else the
            # last node that starts before it (a line between the keys a node's lines know).
            for _start, last, _depth, item in reversed(items[:end]):
                if last >= line:
                    return item
            for _start, _last, _depth, item in reversed(items[:end]):
                if isinstance(item, Node):
                    return item
        return self.opd_files.get(file)


def _last_line(item: Node | Indicator) -> int:
    lines = [item.loc.line, *item.lines.values()]
    if isinstance(item, Node):
        for indicator in item.indicators:
            lines.append(_last_line(indicator))
        for link in item.crosscutting:
            lines.extend([link.loc.line, *link.lines.values()])
    elif item.baseline is not None:
        lines.extend([item.baseline.loc.line, *item.baseline.lines.values()])
    return max(lines)


def _subject(site: Site, places: _Places, diagnostic: Diagnostic) -> Subject | None:
    subject = diagnostic.subject
    if subject is not None:
        found: Subject | None = (
            site.nodes.get(subject) or site.indicators.get(subject) or site.opds.get(subject)
        )
        if found is not None:
            return found
    return places.find(diagnostic.file, diagnostic.line)


def _owner(site: Site, subject: Subject | None) -> str | None:
    """The agency a finding's page belongs to (``None``: the regional tree)."""
    if isinstance(subject, Opd):
        return subject.id
    if isinstance(subject, Indicator):
        node = site.nodes.get(subject.node_id)
        return node.opd_id if node is not None else None
    if isinstance(subject, Node):
        return subject.opd_id
    return None


def _page(subject: Subject | None) -> str | None:
    if isinstance(subject, Node):
        return paths.node_page(subject.id)
    if isinstance(subject, Indicator):
        return paths.indicator_page(subject.id)
    if isinstance(subject, Opd):
        return paths.opd_page(subject.id)
    return None


def quality_of(
    result: CheckResult,
    language: str = "id",
    limit: int = LIST_LIMIT,
    diagnostics: Iterable[Diagnostic] | None = None,
) -> Quality:
    """The quality warnings of ``result`` (or of ``diagnostics``), per agency and criterion,
    in ``language``; each criterion's list capped at ``limit`` findings per page."""
    site = result.site
    places = _Places(site)
    chosen = result.diagnostics if diagnostics is None else diagnostics
    found: dict[str | None, dict[str, list[Finding]]] = {}
    for diagnostic in sorted((d for d in chosen if is_quality_warning(d)), key=sort_key):
        subject = _subject(site, places, diagnostic)
        owner = _owner(site, subject)
        if owner is not None and owner not in site.opds:
            owner = None
        finding = Finding(
            diagnostic.rule,
            public_message(diagnostic.text(language)),
            subject,
            _page(subject),
            diagnostic.count,
        )
        found.setdefault(owner, {}).setdefault(diagnostic.rule, []).append(finding)
    regional = _report(None, found.get(None, {}), language, limit)
    by_opd = {
        opd_id: _report(opd, found.get(opd_id, {}), language, limit)
        for opd_id, opd in site.opds.items()
    }
    return Quality(regional, by_opd)


def _report(
    opd: Opd | None, by_rule: dict[str, list[Finding]], language: str, limit: int
) -> QualityReport:
    criteria = {
        cid: CriterionFindings(c, c.name(language), c.question(language))
        for cid, c in CRITERIA.items()
    }
    for rule in RULES.values():  # catalogue order
        findings = by_rule.get(rule.id)
        if findings and rule.criterion in criteria:
            criteria[rule.criterion].rules.append(
                RuleFindings(rule.id, _sentence(rule.summary(language)), findings)
            )
    for criterion in criteria.values():
        _share(criterion.rules, limit)
    return QualityReport(opd, list(criteria.values()))


def _sentence(text: str) -> str:
    """A rule's summary as a heading: a capital first letter, without a closing remark in
    brackets (``… (dilaporkan sekali per lingkaran)``), which is for the people who run the
    check."""
    text = _CLOSING_REMARK.sub("", text) or text
    return text[:1].upper() + text[1:]


def _share(rules: list[RuleFindings], limit: int) -> None:
    """Set how many findings each rule lists: ``limit`` in all, shared fairly (a rule with few
    findings lists them all; the rest is split evenly between the others, in catalogue order)."""
    left = max(limit, 0)
    waiting = sorted(rules, key=lambda r: len(r.findings))
    while waiting:
        share = left // len(waiting)
        extra = left % len(waiting)
        smallest = waiting[0]
        if len(smallest.findings) <= share:
            smallest.shown = len(smallest.findings)
            left -= smallest.shown
            waiting.pop(0)
            continue
        for rule in sorted(waiting, key=rules.index):
            rule.shown = share + (1 if extra > 0 else 0)
            extra -= 1
        return
