"""The core of Pohon: load → validate → model/graph → pages. Knows nothing of MkDocs."""

from .tree.check import CheckResult, check_trees
from .tree.diagnostics import RULES, Diagnostic, Severity
from .tree.graph import Graph
from .tree.model import Crosscutting, Indicator, Level, Node, Opd, Region, Site

__all__ = [
    "RULES",
    "CheckResult",
    "Crosscutting",
    "Diagnostic",
    "Graph",
    "Indicator",
    "Level",
    "Node",
    "Opd",
    "Region",
    "Severity",
    "Site",
    "check_trees",
]
