"""``pohon export-xlsx``: the matriks cascading of every agency, and of the regency, as a workbook.

Sheets: ``Ringkasan`` (the regency: each agency's sasaran, indicators, IKU, budget per year by
program and capaian summary), ``Pemda`` (the regional tree, for reading), one sheet per agency,
and ``Crosscutting`` (every link). Every sheet is set up for printing: A4 landscape, one page
wide, header rows repeated on each page, text wrapped, panes frozen below the header.

An agency sheet uses the importer's columns (:mod:`.columns`, from the format spec's fields): the printed matrix on the
left (level, sasaran, indicator, unit, baseline, targets, realisations, code and name, budget,
responsible position), the technical columns (ids, parent, polarity, definitions …) to the right
of the print area, with grey headers. ``pohon import-xlsx`` reads the workbook back into the same
agencies, nodes, indicators and crosscutting links (see ``docs/xlsx.md`` for what round-trips).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable
from copy import copy
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..site.capaian import SUMMARY_KEYS, band_summary, latest_realised_year
from ..site.mermaid import level_colours
from ..tree import budget
from ..tree import spec as spec
from ..tree.check import CheckResult
from ..tree.graph import Graph
from ..tree.model import Indicator, Node, Opd, Site, Value
from .cells import needs_text_marker
from .columns import (
    CC_COLUMNS,
    COLUMNS,
    CROSSCUTTING_SHEET,
    GUIDE_SHEET,
    INDICATOR,
    META_HEADERS,
    REGIONAL_SHEET,
    SUMMARY_SHEET,
    Column,
    header_text,
)

FIXED_TIME = (2025, 1, 1, 0, 0, 0)
"""Timestamp written into the workbook's zip entries and properties: the same trees give the
same bytes, so a site build is reproducible."""
_MONEY_COLUMNS = frozenset(kind.column.key for kind in budget.KINDS if kind.column is not None)
"""The columns of an agency sheet that hold rupiah (every budget kind)."""
_SUMMARY_MONEY = {
    budget.PLAN: "Pagu Indikatif Program",
    budget.ADOPTED: "Pagu Program",
    budget.REVISED: "Pagu Perubahan Program",
    budget.SPENT: "Realisasi Anggaran Program",
}
"""The summary sheet's header of each budget kind (followed by the year); the adopted budget
alone keeps the columns a reader knew (``Pagu Program 2025``)."""
_ILLEGAL = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")
HEADER_FILL = "D9E2F3"
TECH_FILL = "EDEDED"
SUMMARY_LABELS = {
    "sangat_baik": "Sangat baik",
    "baik": "Baik",
    "cukup": "Cukup",
    "kurang": "Kurang",
    "sangat_kurang": "Sangat kurang",
    "belum_ada_realisasi": "Belum ada realisasi",
    "tidak_dihitung": "Tidak dihitung",
}


class XlsxUnavailable(RuntimeError):
    """openpyxl is not installed."""


def _openpyxl() -> Any:
    try:
        import openpyxl  # type: ignore[import-untyped]  # openpyxl ships no type stubs
    except ImportError as exc:
        raise XlsxUnavailable(
            "writing .xlsx needs openpyxl: pip install 'mkdocs-pohon-plugin[xlsx]'"
        ) from exc
    return openpyxl


@dataclass(frozen=True, slots=True)
class Slot:
    """One column of a sheet: its spec, and the year / quarter it holds."""

    column: Column
    year: int | None = None
    quarter: int | None = None

    @property
    def key(self) -> str:
        return self.column.key

    @property
    def group(self) -> str | None:
        """The merged group header over yearly columns (``Target`` over ``2025 | 2026``)."""
        if self.quarter is not None:  # Realisasi 2025, Target 2025, Rencana Aksi 2025 over TW1…
            return header_text(self.column, self.year).replace(" TW{quarter}", "")
        if self.year is not None:
            return header_text(self.column).replace(" {year}", "").replace("{year}", "")
        return None

    @property
    def sub(self) -> str:
        if self.quarter is not None:
            return f"TW{self.quarter}"
        if self.year is not None:
            return str(self.year)
        return header_text(self.column)


# --- which columns a sheet needs -----------------------------------------------------------------


def _years(values: Iterable[Iterable[int]]) -> list[int]:
    return sorted({year for group in values for year in group})


def layout(nodes: list[Node], years: range, *, full: bool = False) -> list[Slot]:
    """The columns for ``nodes``: printed ones first, technical ones after. Optional columns
    (quarterly realisations, notes, former ids …) only when some node uses them, unless ``full``.
    A yearly column has one slot per year of the period and any other year a row has; an optional
    one only the years some row has (the period's first, for ``full``)."""
    indicators = [ind for node in nodes for ind in node.indicators]

    def rows(column: Column) -> list[Any]:
        return indicators if column.scope == INDICATOR else list(nodes)

    def used(column: Column) -> bool:
        if full or not column.optional:
            return True
        return any(_present(column.value(row)) for row in rows(column))

    def column_years(column: Column) -> list[int]:
        found = _years(column.value(row) or {} for row in rows(column))
        if not column.optional:
            return _years([years, found])
        return found or ([years[0]] if full and len(years) else [])

    slots: list[Slot] = []
    for column in COLUMNS:
        if column.key == "opd_id" or not used(column):
            continue
        if not column.yearly:
            slots.append(Slot(column))
        elif "{quarter}" in column.header:
            quarters = range(1, len(spec.QUARTERS) + 1)
            slots += [Slot(column, y, q) for y in column_years(column) for q in quarters]
        else:
            slots += [Slot(column, y) for y in column_years(column)]
    return slots


# --- cell values ---------------------------------------------------------------------------------


def _present(value: Any) -> bool:
    return value is not None and value is not False and value not in ("", [], {})


def _cell_value(slot: Slot, value: Any) -> Any:
    """A field's value as its cell holds it: one year of a year map (one quarter of a year's
    quarterly realisation), a list joined by commas, ``ya`` for true."""
    if slot.column.yearly:
        value = (value or {}).get(slot.year or 0)
        if slot.quarter is not None:
            value = (value or {}).get(f"tw{slot.quarter}")
        return value
    if isinstance(value, list):
        return ", ".join(str(item) for item in value) if value else None
    if isinstance(value, bool):
        return "ya" if value else None
    return value


def node_value(slot: Slot, node: Node, site: Site, number: int, name: str | None) -> Any:
    """The cell of a sasaran's column: its field's value, or (for the columns that are no
    field) the row number and the program's name; the level by its name."""
    key = slot.key
    if key == "no":
        return number
    if key == "code_name":
        return name
    if key == "level":
        level = site.level(node.level)
        return level.label() if level is not None else node.level
    return _cell_value(slot, slot.column.value(node))


def indicator_value(slot: Slot, ind: Indicator) -> Any:
    """The cell of an indicator's column: its field's value."""
    return _cell_value(slot, slot.column.value(ind))


def put(cell: Any, value: Value | None) -> None:
    """Write a value so that it reads back the same: text that looks like a number (or a
    placeholder a measure cell reads as a blank, :func:`.cells.needs_text_marker`) keeps a
    leading apostrophe (Excel's "text" marker), text starting with ``=`` never becomes a formula,
    characters a workbook cannot hold are dropped."""
    if value is None:
        return
    if isinstance(value, str):
        text = _ILLEGAL.sub("", value)
        cell.value = text
        cell.data_type = "s"
        if needs_text_marker(text) or text.startswith(("=", "+", "-", "@")):
            cell.quotePrefix = True
        return
    cell.value = value


# --- styles --------------------------------------------------------------------------------------


class _Styles:
    def __init__(self, openpyxl: Any, levels: int) -> None:
        styles = openpyxl.styles
        thin = styles.Side(style="thin", color="999999")
        self.border = styles.Border(left=thin, right=thin, top=thin, bottom=thin)
        self.header_font = styles.Font(bold=True, size=9)
        self.tech_font = styles.Font(bold=True, italic=True, size=9, color="555555")
        self.body_font = styles.Font(size=9)
        self.bold_font = styles.Font(bold=True, size=9)
        self.title_font = styles.Font(bold=True, size=14)
        self.subtitle_font = styles.Font(size=10, color="444444")
        self.header_fill = styles.PatternFill("solid", fgColor=HEADER_FILL)
        self.tech_fill = styles.PatternFill("solid", fgColor=TECH_FILL)
        # The diagrams' level colours, one distinct fill per level of the scheme.
        self.level_fills = [
            styles.PatternFill("solid", fgColor=fill.lstrip("#").upper())
            for fill, _stroke, _text in level_colours(max(levels, 1))
        ]
        self.Alignment = styles.Alignment
        self.header_align = styles.Alignment(horizontal="center", vertical="center", wrap_text=True)
        self.wrap = styles.Alignment(vertical="top", wrap_text=True)
        self.wrap_right = styles.Alignment(vertical="top", horizontal="right", wrap_text=True)


def _page_setup(ws: Any, title_rows: str | None, last_col: str, last_row: int) -> None:
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.5
    ws.page_margins.header = ws.page_margins.footer = 0.25
    ws.print_options.horizontalCentered = True
    if title_rows:
        ws.print_title_rows = title_rows
    ws.print_area = f"A1:{last_col}{max(last_row, 1)}"
    ws.oddFooter.left.text = "&A"
    ws.oddFooter.left.size = 8
    ws.oddFooter.right.text = "&P / &N"
    ws.oddFooter.right.size = 8


def _merge(ws: Any, first_row: int, col: int, last_row: int, last_col: int) -> None:
    """Merge a range without rebuilding the cells under it (openpyxl's ``merge_cells`` replaces
    each one and redraws borders: slow for a thousand ranges). The cells under the top-left one
    stay empty, with the same border, so the range prints as one bordered box. Added to the
    range set directly: ``MultiCellRange.add`` first compares the new range with every range
    already there, which is quadratic on a big agency's sheet; ours never overlap."""
    from openpyxl.worksheet.cell_range import CellRange  # type: ignore[import-untyped]
    from openpyxl.worksheet.merge import MergedCellRange  # type: ignore[import-untyped]

    ref = CellRange(min_col=col, min_row=first_row, max_col=last_col, max_row=last_row).coord
    ws.merged_cells.ranges.add(MergedCellRange(ws, ref))


def _col(index: int) -> str:
    from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

    return get_column_letter(index)


# --- sheets --------------------------------------------------------------------------------------


class WorkbookWriter:
    def __init__(self, result: CheckResult) -> None:
        self.openpyxl = _openpyxl()
        self.result = result
        self.site: Site = result.site
        self.graph: Graph = result.graph
        self.styles = _Styles(self.openpyxl, len(self.site.levels))
        self._style_cache: dict[tuple[Any, ...], Any] = {}
        self.wb = self.openpyxl.Workbook()
        self.sheet_names: dict[str, str] = {}
        self.level_position = {level.id: i for i, level in enumerate(self.site.levels)}
        self.walk_order = {node.id: i for i, (node, _d) in enumerate(self.graph.walk())}

    # -- helpers --

    def style(self, cell: Any, key: tuple[Any, ...], **attrs: Any) -> None:
        """Give ``cell`` the style ``attrs`` (named by ``key``), computed once per workbook:
        setting fonts and borders one by one hashes every style object, which dominates the
        time of a large export."""
        key = (*key, bool(cell.quotePrefix))  # the text marker lives in the style too
        cached = self._style_cache.get(key)
        if cached is not None:
            cell._style = copy(cached)
            return
        for name, value in attrs.items():
            setattr(cell, name, value)
        self._style_cache[key] = copy(cell._style)

    def sheet_name(self, opd_id: str) -> str:
        taken = {name.lower() for name in self.sheet_names.values()}
        taken |= {SUMMARY_SHEET.lower(), REGIONAL_SHEET.lower(), CROSSCUTTING_SHEET.lower()}
        taken |= {GUIDE_SHEET.lower()}
        base = opd_id[:31]
        name, n = base, 2
        while name.lower() in taken:
            suffix = f"~{n}"
            name = base[: 31 - len(suffix)] + suffix
            n += 1
        self.sheet_names[opd_id] = name
        return name

    def code_name(self, code: str | None) -> str | None:
        nomenclature = self.result.nomenclature
        if not code or nomenclature is None:
            return None
        return nomenclature.name(code)

    def opd_nodes(self, opd: Opd) -> list[Node]:
        """An agency's nodes in tree order (top nodes, then what lies below each), then any
        node the walk does not reach (a cycle), in file order."""
        ordered: list[Node] = []
        seen: set[str] = set()
        for top in self.graph.opd_top_nodes(opd.id):
            for node in [top, *self.graph.descendants(top.id)]:
                if node.opd_id == opd.id and node.id not in seen:
                    ordered.append(node)
                    seen.add(node.id)
        ordered += [self.site.nodes[n] for n in opd.node_ids if n not in seen]
        return ordered

    def depth_in(self, node: Node, scope: set[str]) -> int:
        return sum(1 for a in self.graph.ancestors(node.id) if a.id in scope)

    # -- the matrix of one agency (or the regional tree) --

    def matrix_sheet(
        self,
        title: str,
        heading: str,
        meta: list[tuple[str, str | None]],
        nodes: list[Node],
        *,
        full: bool = False,
    ) -> Any:
        s = self.styles
        ws = self.wb.create_sheet(title)
        years = self.site.years if self.site.region else range(2025, 2030)
        slots = layout(nodes, years, full=full)
        region = self.site.region
        ws["A1"] = heading
        ws["A1"].font = s.title_font
        if region is not None:
            parts = [
                region.name,
                region.document,
                f"Periode {region.period.start}–{region.period.end}",
            ]
            ws["A2"] = " · ".join(p for p in parts if p)
            ws["A2"].font = s.subtitle_font
        present = [(label, value) for label, value in meta if value]
        second_col = next((i + 1 for i, slot in enumerate(slots) if slot.key == "indicator"), 4)
        row = 3
        for i in range(0, len(present), 2):
            for (label, value), col in zip(present[i : i + 2], (1, second_col), strict=False):
                cell = ws.cell(row, col)
                put(cell, f"{label}: {value}")
                cell.font = s.bold_font if label == META_HEADERS["name"] else s.body_font
            row += 1
        first_tech = next((i + 1 for i, slot in enumerate(slots) if not slot.column.printed), None)
        if first_tech is not None:
            note = ws.cell(row, first_tech)
            note.value = "Kolom abu-abu: data untuk impor ulang (pohon import-xlsx), tidak dicetak."
            note.font = s.tech_font
        h1 = row + 1
        h2 = h1 + 1
        self._header(ws, slots, h1, h2)
        scope = {n.id for n in nodes}
        r = h2 + 1
        for number, node in enumerate(nodes, 1):
            r = self._node_rows(ws, slots, node, number, r, self.depth_in(node, scope))
        last_row = r - 1
        last_printed = max(
            (i + 1 for i, slot in enumerate(slots) if slot.column.printed), default=len(slots)
        )
        for i, slot in enumerate(slots, 1):
            ws.column_dimensions[_col(i)].width = slot.column.width
        statement_col = next((i for i, slot in enumerate(slots, 1) if slot.key == "statement"), 3)
        ws.freeze_panes = ws.cell(h2 + 1, statement_col + 1)
        _page_setup(ws, f"{h1}:{h2}", _col(last_printed), last_row)
        return ws

    def _header(self, ws: Any, slots: list[Slot], h1: int, h2: int) -> None:
        s = self.styles
        i = 0
        while i < len(slots):
            slot = slots[i]
            col = i + 1
            fill = s.header_fill if slot.column.printed else s.tech_fill
            font = s.header_font if slot.column.printed else s.tech_font
            group = slot.group
            if group is None:
                ws.cell(h1, col).value = slot.sub
                ws.merge_cells(start_row=h1, start_column=col, end_row=h2, end_column=col)
                span = 1
            else:
                span = 1
                while (
                    i + span < len(slots)
                    and slots[i + span].group == group
                    and (slots[i + span].key == slot.key)
                ):
                    span += 1
                ws.cell(h1, col).value = group
                if span > 1:
                    ws.merge_cells(
                        start_row=h1, start_column=col, end_row=h1, end_column=col + span - 1
                    )
                for k in range(span):
                    ws.cell(h2, col + k).value = slots[i + k].sub
            for c in range(col, col + span):
                for rr in (h1, h2):
                    cell = ws.cell(rr, c)
                    cell.fill = fill
                    cell.font = font
                    cell.alignment = s.header_align
                    cell.border = s.border
            i += span
        ws.row_dimensions[h1].height = 24

    def _node_rows(
        self, ws: Any, slots: list[Slot], node: Node, number: int, r: int, depth: int
    ) -> int:
        s = self.styles
        indicators: list[Indicator | None] = list(node.indicators) or [None]
        name = self.code_name(node.code)
        fill = s.level_fills[self.level_position.get(node.level, 0) % len(s.level_fills)]
        for offset, ind in enumerate(indicators):
            row = r + offset
            for i, slot in enumerate(slots, 1):
                cell = ws.cell(row, i)
                scope = slot.column.scope
                if scope == "indicator":
                    value = indicator_value(slot, ind) if ind is not None else None
                elif offset == 0:
                    value = node_value(slot, node, self.site, number, name)
                else:
                    value = None
                put(cell, value)
                numeric = isinstance(value, int | float) and not isinstance(value, bool)
                attrs: dict[str, Any] = {
                    "font": s.body_font,
                    "border": s.border,
                    "alignment": s.wrap_right if numeric else s.wrap,
                }
                money = slot.key in _MONEY_COLUMNS
                if money:
                    attrs["number_format"] = "#,##0"
                level_fill = slot.key in ("level", "statement")
                if level_fill:
                    attrs["fill"] = fill
                indent = min(depth, 4) if slot.key == "statement" and offset == 0 else 0
                if indent:
                    attrs["alignment"] = s.Alignment(vertical="top", wrap_text=True, indent=indent)
                key = (
                    "body",
                    numeric,
                    money,
                    self.level_position.get(node.level, 0) if level_fill else None,
                    indent,
                )
                self.style(cell, key, **attrs)
        if len(indicators) > 1:
            last = r + len(indicators) - 1
            for i, slot in enumerate(slots, 1):
                if slot.column.scope != "indicator":
                    _merge(ws, r, i, last, i)
        return r + len(indicators)

    # -- the other sheets --

    def summary_sheet(self) -> None:
        s = self.styles
        ws = self.wb.active
        ws.title = SUMMARY_SHEET
        region = self.site.region
        ws["A1"] = f"Matriks Cascading {region.name}" if region else "Matriks Cascading"
        ws["A1"].font = s.title_font
        row = 2
        if region is not None:
            for label, value in (
                ("Periode", f"{region.period.start}–{region.period.end}"),
                ("Dokumen", region.document),
                ("Kepala Daerah", region.head),
                (
                    "Nomenklatur",
                    region.nomenclature.version if region.nomenclature else None,
                ),
            ):
                if value:
                    put(ws.cell(row, 1), f"{label}: {value}")
                    ws.cell(row, 1).font = s.subtitle_font
                    row += 1
        all_indicators = list(self.site.indicators.values())
        capaian_year = latest_realised_year(all_indicators)
        programs_of = {
            opd.id: budget.program_nodes(
                (self.site.nodes[n] for n in opd.node_ids), self.site.levels
            )
            for opd in self.site.opds.values()
        }
        every_program = [node for nodes in programs_of.values() for node in nodes]
        kinds = budget.kinds_in(every_program)
        # the adopted budget: every year of the period (as before budget kinds); the other
        # kinds: the years some program has (no column of zeros for a perubahan not yet made)
        money = [
            (kind, y)
            for kind in kinds
            for y in (
                budget.years_of(every_program, self.site.years, [kind])
                if kind.key == budget.ADOPTED
                else sorted({y for n in every_program for y in budget.amounts(n, kind)})
            )
        ]
        headers = [
            "No",
            "Perangkat Daerah",
            "Singkatan",
            "Lembar",
            "Jumlah Sasaran",
            "Jumlah Indikator",
            "IKU",
            *(f"{_SUMMARY_MONEY[kind.key]} {y}" for kind, y in money),
        ]
        money_columns = range(8, 8 + len(money))
        if capaian_year is not None:
            headers += [f"{SUMMARY_LABELS[k]} ({capaian_year})" for k in SUMMARY_KEYS]
        row += 1
        note = (
            "Pagu program: jumlah anggaran sasaran yang membawa kode program, atau sasaran "
            "program tanpa kode yang beranggaran."
        )
        put(
            ws.cell(row, 1),
            f"{note} Capaian: banyaknya indikator per predikat pada tahun {capaian_year}."
            if capaian_year
            else note,
        )
        ws.cell(row, 1).font = s.subtitle_font
        header_row = row + 1
        for i, text in enumerate(headers, 1):
            cell = ws.cell(header_row, i)
            cell.value = text
            cell.font = s.header_font
            cell.fill = s.header_fill
            cell.alignment = s.header_align
            cell.border = s.border
        ws.row_dimensions[header_row].height = 30
        r = header_row + 1
        totals: list[int | float] = [0] * (len(headers) - 4)
        for number, opd in enumerate(self.site.opds.values(), 1):
            nodes = [self.site.nodes[n] for n in opd.node_ids]
            indicators = [ind for node in nodes for ind in node.indicators]
            programs = programs_of[opd.id]
            budgets = [budget.kind_total(programs, kind, y) or 0 for kind, y in money]
            numbers: list[int | float] = [
                len(nodes),
                len(indicators),
                sum(1 for ind in indicators if ind.is_iku),
                *budgets,
            ]
            if capaian_year is not None:
                numbers += list(band_summary(indicators, capaian_year).values())
            values: list[Any] = [number, opd.name, opd.short_name, self.sheet_names.get(opd.id)]
            for i, value in enumerate([*values, *numbers], 1):
                cell = ws.cell(r, i)
                put(cell, value)
                cell.font = s.body_font
                cell.border = s.border
                cell.alignment = s.wrap_right if i > 4 else s.wrap
                if i in money_columns:
                    cell.number_format = "#,##0"
            link = ws.cell(r, 4)
            if link.value:
                link.hyperlink = f"#'{link.value}'!A1"
                link.font = self.openpyxl.styles.Font(size=9, color="1F4E99", underline="single")
            totals = [a + b for a, b in zip(totals, numbers, strict=True)]
            r += 1
        put(ws.cell(r, 2), "Jumlah")
        for i, total in enumerate(totals, 5):
            cell = ws.cell(r, i)
            cell.value = total
            cell.alignment = s.wrap_right
            if i in money_columns:
                cell.number_format = "#,##0"
        for c in range(1, len(headers) + 1):
            ws.cell(r, c).font = s.bold_font
            ws.cell(r, c).border = s.border
        widths = (
            [5, 34, 12, 14, 10, 10, 7] + [16] * len(money) + [11] * (len(headers) - 7 - len(money))
        )
        for i, width in enumerate(widths, 1):
            ws.column_dimensions[_col(i)].width = width
        ws.freeze_panes = ws.cell(header_row + 1, 3)
        _page_setup(ws, f"{header_row}:{header_row}", _col(len(headers)), r)

    def crosscutting_sheet(self) -> None:
        s = self.styles
        links = [link for node, _depth in self.graph.walk() for link in node.crosscutting]
        seen = {id(link) for link in links}
        links += [
            link
            for node in self.site.nodes.values()
            for link in node.crosscutting
            if id(link) not in seen
        ]
        ws = self.wb.create_sheet(CROSSCUTTING_SHEET)
        ws["A1"] = "Crosscutting"
        ws["A1"].font = s.title_font
        ws["A2"] = "Satu baris per tautan, ditulis pada sasaran pengirim (dikirim → diterima)."
        ws["A2"].font = s.subtitle_font
        header_row = 4
        for i, column in enumerate(CC_COLUMNS, 1):
            cell = ws.cell(header_row, i)
            cell.value = column.header
            cell.font = s.header_font if column.printed else s.tech_font
            cell.fill = s.header_fill if column.printed else s.tech_fill
            cell.alignment = s.header_align
            cell.border = s.border
            ws.column_dimensions[_col(i)].width = column.width
        nodes = self.site.nodes
        for number, link in enumerate(links, 1):
            r = header_row + number
            source = nodes.get(link.source_id)
            target = nodes.get(link.target_id) if link.target_id else None
            reading = {  # the columns that are no field of the link
                "no": number,
                "from_opd": self._opd_label(source),
                "from_name": source.statement if source else None,
                "to_opd": self._opd_label(target) if target else link.body,
                "to_name": target.statement if target else None,
                "from_id": link.source_id,
            }
            for i, column in enumerate(CC_COLUMNS, 1):
                cell = ws.cell(r, i)
                value = column.value(link) if column.field is not None else reading[column.key]
                put(cell, value)
                cell.font = s.body_font
                cell.border = s.border
                cell.alignment = s.wrap
        last_printed = max(i for i, column in enumerate(CC_COLUMNS, 1) if column.printed)
        ws.freeze_panes = ws.cell(header_row + 1, 1)
        _page_setup(ws, f"{header_row}:{header_row}", _col(last_printed), header_row + len(links))

    def _opd_label(self, node: Node | None) -> str | None:
        if node is None:
            return None
        if node.opd_id is None:
            return "Pemerintah Daerah"
        opd = self.site.opds.get(node.opd_id)
        return opd.label if opd else node.opd_id

    def build(self) -> Any:
        for opd in self.site.opds.values():
            self.sheet_name(opd.id)
        self.summary_sheet()
        region = self.site.region
        regional = [node for node, _d in self.graph.walk() if node.opd_id is None]
        regional += [
            n for n in self.site.nodes.values() if n.opd_id is None and n.id not in self.walk_order
        ]
        if regional:
            self.matrix_sheet(
                REGIONAL_SHEET,
                f"Pohon Kinerja {region.name}" if region else "Pohon Kinerja Daerah",
                [
                    (META_HEADERS["scope"], "pemda (tidak diimpor: pemda.yaml disunting langsung)"),
                    ("Kepala Daerah", region.head if region else None),
                ],
                regional,
            )
        for opd in self.site.opds.values():
            self.matrix_sheet(
                self.sheet_names[opd.id],
                f"Matriks Cascading {opd.name}",
                [
                    (META_HEADERS["name"], opd.name),
                    (META_HEADERS["short_name"], opd.short_name),
                    (META_HEADERS["id"], opd.id),
                    (META_HEADERS["kind"], opd.kind),
                    (META_HEADERS["code"], opd.code),
                    (META_HEADERS["head"], opd.head),
                ],
                self.opd_nodes(opd),
            )
        self.crosscutting_sheet()
        self.wb.properties.creator = "pohon export-xlsx"
        self.wb.properties.title = self.wb["Ringkasan"]["A1"].value
        return self.wb


def reproducible(data: bytes) -> bytes:
    """The workbook ``data`` with fixed timestamps (zip entries and document properties)."""
    stamp = "{:04d}-{:02d}-{:02d}T{:02d}:{:02d}:{:02d}Z".format(*FIXED_TIME)
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                text = content.decode("utf-8")
                text = re.sub(
                    r"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)",
                    lambda m: m.group(1) + stamp + m.group(3),
                    text,
                )
                content = text.encode("utf-8")
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = info.external_attr
            target.writestr(entry, content)
    return out.getvalue()


def export_bytes(result: CheckResult) -> bytes:
    """The regency's cascading workbook as .xlsx bytes (the same trees give the same bytes)."""
    wb = WorkbookWriter(result).build()
    buffer = io.BytesIO()
    wb.save(buffer)
    return reproducible(buffer.getvalue())


def export_xlsx(result: CheckResult, path: Path | str) -> Path:
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(export_bytes(result))
    return target


# --- the template workbook -----------------------------------------------------------------------


def template_bytes(years: range | None = None) -> bytes:
    """A workbook to fill in: one agency sheet with every column (the header rows and one
    example row), and a ``Petunjuk`` sheet describing each column."""
    from ..tree.model import Baseline, Region

    years = years if years is not None and len(years) else range(2025, 2030)
    example = Node(
        id="dinkes-ss-kia",
        level="sasaran_strategis",
        statement="Menurunnya kematian ibu dan bayi",
        parent_id="sasaran-1-1-1",
        responsible="Kepala Dinas Kesehatan",
        work_unit="Dinas Kesehatan",
        opd_id="dinkes",
        notes="Contoh: hapus baris ini dan isi sasaran Anda",
    )
    example.indicators.append(
        Indicator(
            id="dinkes-ss-kia-i1",
            name="Angka Kematian Ibu",
            unit="per 100.000 KH",
            polarity="minimal",
            kind="outcome",
            is_iku=True,
            baseline=Baseline(year=years[0] - 1, value=112),
            targets={y: 105 - 6 * i for i, y in enumerate(years)},
            realisations={years[0]: 101},
            definition="Kematian ibu per 100.000 kelahiran hidup",
            formula="(jumlah kematian ibu / jumlah kelahiran hidup) x 100.000",
            data_source="Laporan KIA Puskesmas",
            reporting_period="tahunan",
            node_id="dinkes-ss-kia",
        )
    )
    region = Region(name="Kabupaten …")
    region.period.start, region.period.end = years[0], years[-1]
    site = Site(root="", region=region, levels=spec.default_levels())
    site.nodes[example.id] = example
    site.opds["dinkes"] = Opd(
        id="dinkes",
        name="Dinas Kesehatan",
        short_name="Dinkes",
        code="1.02.0.00.0.00.01.0000",
        head="Kepala Dinas Kesehatan",
        kind="dinas",
        node_ids=[example.id],
    )
    result = CheckResult(site, Graph.build(site), None)
    writer = WorkbookWriter(result)
    writer.wb.active.title = GUIDE_SHEET
    ws = writer.matrix_sheet(
        "dinkes",
        "Matriks Cascading Dinas Kesehatan",
        [
            (META_HEADERS["name"], "Dinas Kesehatan"),
            (META_HEADERS["short_name"], "Dinkes"),
            (META_HEADERS["id"], "dinkes"),
            (META_HEADERS["kind"], "dinas"),
            (META_HEADERS["code"], "1.02.0.00.0.00.01.0000"),
            (META_HEADERS["head"], "Kepala Dinas Kesehatan"),
        ],
        [example],
        full=True,
    )
    writer.wb.move_sheet(ws, offset=-1)
    guide = writer.wb[GUIDE_SHEET]
    s = writer.styles
    guide["A1"] = "Petunjuk pengisian matriks cascading (pohon import-xlsx)"
    guide["A1"].font = s.title_font
    guide["A2"] = (
        "Satu baris per indikator. Sasaran ditulis sekali di atas baris-baris indikatornya "
        "(atau sel digabung). Urutan kolom bebas; judul kolom dikenali dari daftar di bawah."
    )
    for i, text in enumerate(("Kolom", "Juga diterima", "Isi"), 1):
        cell = guide.cell(4, i)
        cell.value = text
        cell.font = s.header_font
        cell.fill = s.header_fill
        cell.border = s.border
    r = 5
    for column in COLUMNS:
        row = (
            _guide_text(column.header),
            ", ".join(_guide_text(v) for v in column.variants),
            column.doc.replace("`", ""),
        )
        for i, text in enumerate(row, 1):
            cell = guide.cell(r, i)
            put(cell, text)
            cell.font = s.body_font
            cell.alignment = s.wrap
            cell.border = s.border
        r += 1
    for col, width in zip("ABC", (26, 40, 80), strict=True):
        guide.column_dimensions[col].width = width
    _page_setup(guide, "4:4", "C", r - 1)
    writer.wb.properties.creator = "pohon xlsx-template"
    buffer = io.BytesIO()
    writer.wb.save(buffer)
    return reproducible(buffer.getvalue())


def _guide_text(header: str) -> str:
    return header.replace("{year}", "{tahun}").replace("{quarter}", "1…4")
