"""A :class:`~.diff.SiteDiff` as a merge-request comment (Markdown) or for machines (JSON).

The Markdown comes from the Jinja2 template ``templates/pohon/diff.md.j2``. Every text taken from a
tree is escaped for Markdown and HTML (the site's own ``md_escape`` and Jinja's autoescape), so a
statement cannot inject markup into the comment. The comment carries one Mermaid diagram of the
changed part: the changed nodes, coloured by kind of change, with their parents and crosscutting
partners as grey context; ids are generated (``n0``, ``n1`` …) and labels are escaped with the
site's Mermaid escaping (:func:`~.site.mermaid.escape_label`).
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from ..site.mermaid import escape_label
from ..site.render import format_number, md_escape
from .diff import ADDED, CHANGED, REMOVED, STATUS, NodeDiff, SiteDiff, YearChange

TEMPLATES = Path(__file__).resolve().parents[2] / "templates" / "pohon"
DIAGRAM_LIMIT = 30
"""Most boxes in the comment's diagram; the rest are counted below it."""

_CLASSES = {
    ADDED: "fill:#d3f9d8,stroke:#2b8a3e,color:#000000",
    REMOVED: "fill:#ffe3e3,stroke:#c92a2a,color:#000000,stroke-dasharray:5 5",
    "dipindah": "fill:#d0ebff,stroke:#1864ab,color:#000000",
    CHANGED: "fill:#fff3bf,stroke:#e67700,color:#000000",
    "konteks": "fill:#f1f3f5,stroke:#adb5bd,color:#495057",
}


# --- JSON --------------------------------------------------------------------------------------


def diff_as_dict(diff: SiteDiff) -> dict[str, Any]:
    data = dataclasses.asdict(diff)
    data.pop("context", None)
    data.pop("levels", None)
    return {"ringkasan": diff.summary(), **data}


def render_json(diff: SiteDiff) -> str:
    return json.dumps(diff_as_dict(diff), ensure_ascii=False, indent=2) + "\n"


# --- the diagram -------------------------------------------------------------------------------


@dataclasses.dataclass(slots=True)
class ChangeDiagram:
    source: str
    shown: int
    overflow: int


def _kind(node: NodeDiff) -> str:
    if node.change in (ADDED, REMOVED):
        return node.change
    return "dipindah" if node.moved else CHANGED


def change_diagram(diff: SiteDiff, limit: int = DIAGRAM_LIMIT) -> ChangeDiagram | None:
    """A flowchart of the changed nodes and their neighbours, or ``None`` when no node changed."""
    changed = diff.nodes
    if not changed:
        return None
    boxes: dict[str, tuple[str, str]] = {}  # key -> (label, class)
    keys: dict[str, str] = {}  # node id -> box key (a removed node and a new one may share an id)
    for node in changed[:limit]:
        key = f"{node.change}:{node.id}"
        title = f"{node.old_id} → {node.id}" if node.renamed else node.id
        boxes[key] = (f"{title} · {node.statement}", _kind(node))
        if node.change != REMOVED or node.id not in keys:
            keys[node.id] = key
    for node_id, context in diff.context.items():
        if len(boxes) >= limit:
            break
        if node_id not in keys:
            key = f"konteks:{node_id}"
            boxes[key] = (f"{node_id} · {context.statement}", "konteks")
            keys[node_id] = key
    ids = {key: f"n{i}" for i, key in enumerate(boxes)}
    lines = ["flowchart TB"]
    for key, (label, _) in boxes.items():
        lines.append(f'    {ids[key]}["{escape_label(label)}"]')
    edges: list[str] = []
    for node in changed[:limit]:
        me = ids[f"{node.change}:{node.id}"]
        parent = keys.get(node.parent or "")
        if parent is not None:
            arrow = "-.-" if node.change == REMOVED else "-->"
            edges.append(f"    {ids[parent]} {arrow} {me}")
        if node.moved:
            before = keys.get(_new_id(diff, node.old_parent))
            if before is not None:
                edges.append(f"    {ids[before]} -.->|dulu| {me}")
        for link in node.crosscutting:
            partner = keys.get(link.target) if not link.external else None
            if partner is None:
                continue
            if link.change == ADDED:
                edges.append(f"    {me} -.->|crosscutting baru| {ids[partner]}")
            elif link.change == REMOVED:
                edges.append(f"    {me} -.-x|crosscutting dihapus| {ids[partner]}")
            else:
                edges.append(f"    {me} -.-> {ids[partner]}")
    for node_id, context in diff.context.items():
        me_key = keys.get(node_id)
        parent = keys.get(context.parent or "")
        if me_key is not None and me_key.startswith("konteks:") and parent is not None:
            edges.append(f"    {ids[parent]} --> {ids[me_key]}")
    lines += list(dict.fromkeys(edges))
    used = []
    for key, (_, css) in boxes.items():
        lines.append(f"    class {ids[key]} {css}")
        used.append(css)
    for css in dict.fromkeys(used):
        lines.append(f"    classDef {css} {_CLASSES[css]}")
    overflow = max(0, len(changed) - limit)
    return ChangeDiagram("\n".join(lines) + "\n", len(boxes), overflow)


def _new_id(diff: SiteDiff, old_id: str | None) -> str:
    if old_id is None:
        return ""
    for node in diff.nodes:
        if node.old_id == old_id and node.change == CHANGED:
            return node.id
    return old_id


# --- Markdown ----------------------------------------------------------------------------------


def _finalize(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, Markup):
        return value
    if isinstance(value, bool | int | float):
        return str(value)
    return md_escape(str(value))


def _code(value: Any) -> Markup:
    """An id or code in a code span (backticks cannot occur in validated ids; stripped if so)."""
    text = " ".join(str(value).replace("`", "'").split())
    return Markup("`") + escape(text) + Markup("`")


def _value(value: Any) -> Markup:
    """A target, realisation, field value: numbers as written, text escaped, ``—`` for none."""
    if value is None or value == [] or value == {}:
        return Markup("—")
    if isinstance(value, bool):
        return Markup("ya" if value else "tidak")
    if isinstance(value, int | float):
        return Markup(escape(str(value)))
    if isinstance(value, list):
        return Markup(", ").join(_value(v) for v in value)
    if isinstance(value, dict):
        return Markup(", ").join(
            Markup(f"{escape(str(k))}: ") + _value(v) for k, v in value.items()
        )
    return Markup(escape(md_escape(str(value))))


def _rupiah(value: Any) -> Markup:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return Markup(escape("Rp " + format_number(value, "id")))
    return _value(value)


def _delta(change: YearChange) -> Markup:
    old, new = change.old, change.new
    if not (isinstance(old, int | float) and isinstance(new, int | float)):
        return Markup("")
    delta = new - old
    sign = "+" if delta > 0 else "−"
    return Markup(escape(f" ({sign}{format_number(abs(delta), 'id')})"))


def _judgement(change: YearChange) -> Markup:
    parts = [change.direction or ""]
    if change.assessment == "melemah":
        parts.append("**melemah** ⚠️")
    elif change.assessment:
        parts.append(change.assessment)
    text = ", ".join(p for p in parts if p)
    return Markup(text)


def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=StrictUndefined,
    )
    env.filters.update(code=_code, value=_value, rupiah=_rupiah, delta=_delta, judge=_judgement)
    return env


_SUMMARY_LABELS = (
    ("node_ditambah", "node ditambah"),
    ("node_dihapus", "node dihapus"),
    ("node_dipindah", "node dipindah"),
    ("node_diganti_id", "id node diganti"),
    ("node_diubah", "node diubah"),
    ("indikator_ditambah", "indikator ditambah"),
    ("indikator_dihapus", "indikator dihapus"),
    ("indikator_diganti_id", "id indikator diganti"),
    ("target_berubah", "target berubah"),
    ("target_melemah", "target melemah"),
    ("realisasi_berubah", "realisasi berubah"),
    ("anggaran_berubah", "anggaran berubah"),
    ("crosscutting_ditambah", "crosscutting ditambah"),
    ("crosscutting_dihapus", "crosscutting dihapus"),
    ("crosscutting_status", "status crosscutting berubah"),
)


def render_markdown(diff: SiteDiff, diagram_limit: int = DIAGRAM_LIMIT) -> str:
    """The comment for a merge request: summary, warnings, diagram, changes grouped by OPD."""
    summary = diff.summary()
    counts = [(summary[key], label) for key, label in _SUMMARY_LABELS if summary[key]]
    weakened = [
        (node, ind, change)
        for node in diff.nodes
        for ind in node.indicators
        for change in ind.targets
        if change.assessment == "melemah"
    ]
    template = _environment().get_template("diff.md.j2")
    diagram = change_diagram(diff, diagram_limit)
    return template.render(
        diff=diff,
        counts=counts,
        weakened=weakened,
        diagram=diagram,
        mermaid=Markup(diagram.source) if diagram else None,
        levels=diff.levels,
        ADDED=ADDED,
        REMOVED=REMOVED,
        CHANGED=CHANGED,
        STATUS=STATUS,
    )


__all__ = ["ChangeDiagram", "change_diagram", "diff_as_dict", "render_json", "render_markdown"]
