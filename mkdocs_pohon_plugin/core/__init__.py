"""The core of Pohon: load → validate → model/graph → pages. Knows nothing of MkDocs."""

from .check import CheckResult, check_trees
from .diagnostics import RULES, Diagnostic, Severity
from .graph import Graph
from .model import Crosscutting, Indicator, Level, Node, Opd, Region, Site

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
