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
import functools
import json
import re
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from ..site.mermaid import escape_label
from ..site.render import md_escape
from .diff import (
    ADDED,
    CHANGED,
    REMOVED,
    STATUS,
    Change,
    NodeDiff,
    QuarterChange,
    SiteDiff,
    YearChange,
)

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
    data.pop("levels_en", None)
    data.pop("positions", None)  # the positions' names, for the comment's words
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


def change_diagram(
    diff: SiteDiff, limit: int = DIAGRAM_LIMIT, language: str = "id"
) -> ChangeDiagram | None:
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
    words = _WORDS["en" if language == "en" else "id"]
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
                edges.append(f"    {ids[before]} -.->|{words['before']}| {me}")
        for link in node.crosscutting:
            partner = keys.get(link.target) if not link.external else None
            if partner is None:
                continue
            if link.change == ADDED:
                edges.append(f"    {me} -.->|{words['crosscutting_added']}| {ids[partner]}")
            elif link.change == REMOVED:
                edges.append(f"    {me} -.-x|{words['crosscutting_removed']}| {ids[partner]}")
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


def decimals(value: int | float) -> int:
    """How many decimals ``value`` has as written in a tree (``12.72``: 2, ``12.0`` and ``12``: 0).
    A float read from YAML is the shortest repr of what was written, so its repr gives them."""
    if isinstance(value, int) or float(value).is_integer():
        return 0
    written = repr(float(value))
    if "e" in written or "E" in written:
        exponent = Decimal(written).normalize().as_tuple().exponent
        return -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return len(written.partition(".")[2])


def number_text(
    value: int | float, language: str = "id", places: int | None = None, grouped: bool = False
) -> str:
    """``value`` in the output's one number style: Indonesian ``12,72`` (English ``12.72``), with
    ``places`` decimals (default: as written) and, when ``grouped``, thousands separators
    (Indonesian ``1.100.000``)."""
    if places is None:
        places = decimals(value)
    if isinstance(value, int) and places == 0:
        text = f"{value:,}" if grouped else str(value)
    else:
        text = f"{value:,.{places}f}" if grouped else f"{value:.{places}f}"
    if language == "id":
        text = text.translate(str.maketrans(",.", ".,"))
    return text


def delta_text(
    old: int | float, new: int | float, language: str = "id", grouped: bool = False
) -> str:
    """``new − old`` rounded to the precision of the two values (the most decimals of either),
    signed (``+``, ``−``), in the output's number style: ``12.72 → 12.5`` gives ``−0,22``."""
    places = max(decimals(old), decimals(new))
    exact = Decimal(repr(new)) - Decimal(repr(old))
    delta = round(exact, places)
    sign = "+" if delta > 0 else "−" if delta < 0 else "±"
    magnitude: int | float = int(abs(delta)) if places == 0 else float(abs(delta))
    return sign + number_text(magnitude, language, places, grouped)


def _filters(language: str) -> dict[str, Callable[..., Markup]]:
    """The template's filters for values, writing numbers in ``language``'s style."""

    def value(item: Any) -> Markup:
        """A target, realisation, field value: numbers as written (in the output's number
        style), text escaped, ``—`` for none."""
        if item is None or item == [] or item == {}:
            return Markup("—")
        if isinstance(item, bool):
            yes, no = ("yes", "no") if language == "en" else ("ya", "tidak")
            return Markup(yes if item else no)
        if isinstance(item, int | float):
            return Markup(escape(number_text(item, language)))
        if isinstance(item, list):  # an object in a list in braces: [2025, {tahun: 2026, …}]
            return Markup(", ").join(
                Markup("{") + value(v) + Markup("}") if isinstance(v, dict) else value(v)
                for v in item
            )
        if isinstance(item, dict):
            return Markup(", ").join(
                Markup(f"{escape(str(k))}: ") + value(v) for k, v in item.items()
            )
        return Markup(escape(md_escape(str(item))))

    def rupiah(item: Any) -> Markup:
        if isinstance(item, int | float) and not isinstance(item, bool):
            return Markup(escape("Rp " + number_text(item, language, grouped=True)))
        return value(item)

    def delta(change: YearChange | QuarterChange, grouped: bool = False) -> Markup:
        """`` (−0,22)`` after a change of a number to a number (``grouped``: with thousands
        separators, as for rupiah); nothing otherwise."""
        old, new = change.old, change.new
        if isinstance(old, bool) or isinstance(new, bool):
            return Markup("")
        if not (isinstance(old, int | float) and isinstance(new, int | float)):
            return Markup("")
        return Markup(escape(f" ({delta_text(old, new, language, grouped)})"))

    def change(change: Change) -> Markup:
        """``old → new``; when the two differ only in spaces or line breaks (which the page
        folds), with those made visible (``·`` a space, ``↵`` a line break), so a reviewer sees
        what changed."""
        old, new = value(change.old), value(change.new)
        spacing_only = (
            old == new
            and isinstance(change.old, str)
            and isinstance(change.new, str)
            and change.old != change.new
        )
        if spacing_only:
            note = " (beda spasi)" if language == "id" else " (spacing differs)"
            old, new = value(_visible_spacing(change.old)), value(_visible_spacing(change.new))
            return old + Markup(" → ") + new + Markup(note)
        return old + Markup(" → ") + new

    return {"value": value, "rupiah": rupiah, "delta": delta, "change": change}


_SPACE_RUN = re.compile(r"(?<=\S) {2,}(?=\S)|^ +| +$")


def _visible_spacing(text: str) -> str:
    """``text`` with the spacing a page folds shown: runs of spaces and the spaces at either end as
    ``·``, line breaks as ``↵``, tabs as ``⇥``."""
    text = text.replace("\r\n", "\n").replace("\n", "↵").replace("\t", "⇥")
    return _SPACE_RUN.sub(lambda m: "·" * len(m.group()), text)


def _judgement(change: YearChange, language: str = "id") -> Markup:
    words = _WORDS[language]["judgements"]
    parts = [words.get(change.direction or "", change.direction or "")]
    if change.assessment == "melemah":
        parts.append(f"**{words.get('melemah', 'melemah')}** ⚠️")
    elif change.assessment:
        parts.append(words.get(change.assessment, change.assessment))
    text = ", ".join(p for p in parts if p)
    return Markup(escape(text))


_WORDS: dict[str, dict[str, Any]] = {
    "id": {
        "title": "Perubahan pohon kinerja",
        "no_change": "Tidak ada perubahan isi pohon kinerja (hanya tata letak, komentar atau "
        "berkas lain).",
        "summary": "Ringkasan",
        "attention": "Perhatian",
        "new_errors": "versi baru memiliki {count} kesalahan; jalankan `pohon check` dan "
        "perbaiki sebelum digabung.",
        "weakened": "Target melemah",
        "weakened_explained": "(turun pada indikator yang makin tinggi makin baik, atau naik "
        "pada indikator yang makin rendah makin baik):",
        "legend": "Hijau: ditambah · merah (garis putus): dihapus · biru: dipindah · kuning: "
        "diubah · abu-abu: tidak berubah (konteks).",
        "overflow": "{count} node lain yang berubah tidak digambar.",
        "region": "Pemda",
        "opd_added": "OPD baru",
        "opd_removed": "OPD dihapus",
        "node_added": "Ditambah",
        "node_removed": "Dihapus",
        "node_changed": "Diubah",
        "added": "ditambah",
        "removed": "dihapus",
        "parent": "induk",
        "indicator": "indikator",
        "from_node": "dari node",
        "moved_from_node": "dipindah dari node",
        "position_moved": "Penanggung jawab berpindah dari",
        "position_to": "ke",
        "position_set": "Penanggung jawab ditetapkan:",
        "position_unset": "Penanggung jawab dilepas:",
        "moved": "dipindah",
        "id_changed": "id diganti",
        "declared": "dinyatakan di `id_lama`",
        "detected_name": "terdeteksi: nama sama; tambahkan `id_lama`",
        "detected_content": "terdeteksi: isi sama; tambahkan `id_lama` agar tautan lama tetap "
        "berlaku",
        "realisation": "realisasi",
        "budget": "anggaran",
        "budget_kinds": {
            "pagu_indikatif": "pagu indikatif",
            "anggaran": "anggaran",
            "anggaran_perubahan": "anggaran perubahan",
            "realisasi_anggaran": "realisasi anggaran",
        },
        "before": "dulu",
        "crosscutting_added": "crosscutting baru",
        "crosscutting_removed": "crosscutting dihapus",
        "supports": "mendukung",
        "supports_now": "kini mendukung",
        "supports_no_longer": "tidak lagi mendukung",
        "quarter_kinds": {
            "target": "Target",
            "realisasi": "Realisasi",
            "rencana_aksi": "Rencana aksi",
        },
        "quarter_changed": "berubah dari",
        "quarter_to": "ke",
        "quarter_set": "ditetapkan:",
        "quarter_dropped": "dihapus",
        "addresses_now": "kini menangani",
        "addresses_no_longer": "tidak lagi menangani",
        "problems": "Akar Masalah",
        "theme": "tema",
        "cause": "penyebab",
        "root_cause": "akar masalah",
        "under": "di bawah",
        "judgements": {},
        "polarities": {},
    },
    "en": {
        "title": "Changes to the performance tree",
        "no_change": "No change to the content of the performance tree (only layout, comments "
        "or other files).",
        "summary": "Summary",
        "attention": "Attention",
        "new_errors": "the new version has {count} error(s); run `pohon check` and fix them "
        "before merging.",
        "weakened": "Weakened targets",
        "weakened_explained": "(lower on an indicator where higher is better, or higher on an "
        "indicator where lower is better):",
        "legend": "Green: added · red (dashed): removed · blue: moved · yellow: changed · grey: "
        "unchanged (context).",
        "overflow": "{count} more changed node(s) not drawn.",
        "region": "Regional government",
        "opd_added": "new OPD",
        "opd_removed": "OPD removed",
        "node_added": "Added",
        "node_removed": "Removed",
        "node_changed": "Changed",
        "added": "added",
        "removed": "removed",
        "parent": "parent",
        "indicator": "indicator",
        "from_node": "from node",
        "moved_from_node": "moved from node",
        "position_moved": "Responsibility moved from",
        "position_to": "to",
        "position_set": "Responsibility assigned to",
        "position_unset": "Responsibility withdrawn from",
        "moved": "moved",
        "id_changed": "id changed",
        "declared": "declared in `id_lama`",
        "detected_name": "detected: same name; add `id_lama`",
        "detected_content": "detected: same content; add `id_lama` so that old links keep working",
        "realisation": "realisation",
        "budget": "budget",
        "budget_kinds": {
            "pagu_indikatif": "indicative ceiling",
            "anggaran": "budget",
            "anggaran_perubahan": "revised budget",
            "realisasi_anggaran": "budget spent",
        },
        "before": "before",
        "crosscutting_added": "new crosscutting",
        "crosscutting_removed": "crosscutting removed",
        "supports": "supports",
        "supports_now": "now supports",
        "supports_no_longer": "no longer supports",
        "quarter_kinds": {
            "target": "Target",
            "realisasi": "Realisation",
            "rencana_aksi": "Action plan",
        },
        "quarter_changed": "changed from",
        "quarter_to": "to",
        "quarter_set": "set:",
        "quarter_dropped": "removed",
        "addresses_now": "now addresses",
        "addresses_no_longer": "no longer addresses",
        "problems": "Root causes",
        "theme": "theme",
        "cause": "cause",
        "root_cause": "root cause",
        "under": "under",
        "polarities": {
            "maksimal": "higher is better",
            "minimal": "lower is better",
            "stabil": "on target",
        },
        "judgements": {
            "naik": "up",
            "turun": "down",
            "melemah": "weakened",
            "menguat": "strengthened",
            "membaik": "improved",
            "memburuk": "worsened",
        },
    },
}
"""The words of the Perubahan page and of ``pohon diff``, per language (the data words of
:mod:`.diff`, ``naik``/``melemah`` …, are Indonesian and translated by ``judgements``)."""

_SUMMARY_LABELS_EN = {
    "node_ditambah": "node(s) added",
    "node_dihapus": "node(s) removed",
    "node_dipindah": "node(s) moved",
    "node_diganti_id": "node id(s) changed",
    "node_diubah": "node(s) changed",
    "indikator_ditambah": "indicator(s) added",
    "indikator_dihapus": "indicator(s) removed",
    "indikator_diganti_id": "indicator id(s) changed",
    "target_berubah": "target(s) changed",
    "target_melemah": "target(s) weakened",
    "realisasi_berubah": "realisation(s) changed",
    "anggaran_berubah": "budget(s) changed",
    "crosscutting_ditambah": "crosscutting link(s) added",
    "crosscutting_dihapus": "crosscutting link(s) removed",
    "crosscutting_status": "crosscutting status(es) changed",
    "mendukung_ditambah": "indicator support(s) added",
    "mendukung_dihapus": "indicator support(s) removed",
    "penyebab_ditambah": "cause(s) added",
    "penyebab_dihapus": "cause(s) removed",
    "menangani_ditambah": "cause(s) newly addressed",
    "menangani_dihapus": "cause(s) no longer addressed",
}


def _trusted(words: dict[str, Any]) -> dict[str, Any]:
    """The page's own words as Markup: written here, they are not escaped as tree text is."""
    return {
        key: _trusted(value) if isinstance(value, dict) else Markup(value)
        for key, value in words.items()
    }


def _environment(language: str = "id") -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=StrictUndefined,
    )
    env.filters.update(
        code=_code,
        judge=functools.partial(_judgement, language=language),
        **_filters(language),
    )
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
    ("mendukung_ditambah", "dukungan indikator ditambah"),
    ("mendukung_dihapus", "dukungan indikator dihapus"),
    ("penyebab_ditambah", "penyebab ditambah"),
    ("penyebab_dihapus", "penyebab dihapus"),
    ("menangani_ditambah", "penyebab mulai ditangani"),
    ("menangani_dihapus", "penyebab tidak lagi ditangani"),
)


def render_markdown(
    diff: SiteDiff, diagram_limit: int = DIAGRAM_LIMIT, language: str = "id"
) -> str:
    """The comment for a merge request: summary, warnings, diagram, changes grouped by OPD; in
    ``language`` (``id`` or ``en``; the tree's own words, statements and level names, as written).
    Numbers are written in ``language``'s style (Indonesian: ``12,72``), all in the same one."""
    language = "en" if language == "en" else "id"
    summary = diff.summary()
    counts = [
        (summary[key], _SUMMARY_LABELS_EN[key] if language == "en" else label)
        for key, label in _SUMMARY_LABELS
        if summary[key]
    ]
    weakened = [
        (node, ind, change)
        for node in diff.nodes
        for ind in node.indicators
        for change in ind.targets
        if change.assessment == "melemah"
    ]
    template = _environment(language).get_template("diff.md.j2")
    diagram = change_diagram(diff, diagram_limit, language)
    return template.render(
        w=_trusted(_WORDS[language]),
        diff=diff,
        counts=counts,
        weakened=weakened,
        diagram=diagram,
        mermaid=Markup(diagram.source) if diagram else None,
        levels=diff.levels_en if language == "en" else diff.levels,
        ADDED=ADDED,
        REMOVED=REMOVED,
        CHANGED=CHANGED,
        STATUS=STATUS,
    )


__all__ = ["ChangeDiagram", "change_diagram", "diff_as_dict", "render_json", "render_markdown"]
