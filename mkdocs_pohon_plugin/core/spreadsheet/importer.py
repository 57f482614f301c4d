"""``pohon import-xlsx``: a cascading-matrix workbook (one row per indicator) to YAML trees.

Reading a sheet:

1. Merged cells are unmerged in memory: every cell of a merged range holds the range's value.
2. The header row is the first of the top 30 rows naming an indicator column and a sasaran (or
   ``ID``) column (:mod:`.columns` lists every accepted header). A second header row under
   merged group headers (``Target`` over ``2025 | 2026``) is combined with it.
3. ``Label: value`` lines above the header (or a label cell followed by a value cell) describe the
   agency: ``ID OPD``, ``Perangkat Daerah``, ``Singkatan``, ``Kode OPD``, ``Kepala``,
   ``Jenis OPD``; ``Lingkup: pemda`` marks a regional sheet, which is not imported.
4. Each row below is one indicator. A row with a sasaran (or an ``ID``) different from the row
   above starts a new node; a blank sasaran continues the one above (a sasaran written once above
   its indicator rows), unless the row names another level or another code, which starts a new
   node with the same statement. A blank level repeats the level above.
5. Numbers stored as text are read the Indonesian way: ``85,5`` is 85.5, ``1.250.000`` is
   1250000, ``Rp 1.250.000`` and ``85,5%`` too; ``1,250,000`` (two comma groups) is read the
   English way; a text cell written with a leading apostrophe stays text.

Ids, when the workbook has no ``ID`` / ``ID Indikator`` column: ``<opd>-<level>-<code>``
(``dinkes-sp-1.02.02``), ``<opd>-<level>-<n>`` without a code (n counts that level's nodes in the
agency), and ``<node id>-i<n>`` for indicators; level short forms are ``ss``, ``sp``, ``sk``,
``ssk`` (initials for other levels). They depend on the rows' order; keep an ``ID`` column to keep
them stable.

Rows that cannot be placed (no sasaran above, unknown level, no parent one level up, a value that
is not a number, a duplicate id …) are reported with sheet and row number; the agencies are still
written with what could be placed, and the command exits with 1.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..tree import model, spec, yaml_writer
from ..tree.diagnostics import Text, TextError
from ..tree.measures import QUALITATIVE_KEY, holds_measure, read_number_and_unit, same_unit
from ..tree.nomenclature import code_kind
from .cells import (
    EMPTY_TEXT,
    BadCell,
    BadValue,
    Cell,
    measure_unit,
    parse_code,
    parse_measure,
    parse_number,
    parse_text,
    read_cell,
)
from .columns import (
    BY_KEY,
    CC_BY_KEY,
    GUIDE_SHEET,
    INDICATOR,
    NODE,
    SUMMARY_SHEET,
    Column,
    HeaderRef,
    field_columns,
    header_text,
    match_cc_header,
    match_header,
    match_meta,
    normalise,
)

HEADER_SCAN_ROWS = 30
_READ_BY_HAND = frozenset(
    {
        "node_id",
        "level",
        "statement",
        "parent",
        "code",
        "indicator",
        "indicator_id",
        "quarterly",
        "quarterly_target",
        "action_plan",
    }
)
"""Field columns the row logic reads itself: they place the row (which sasaran, level, parent,
code) or name it; quarterly realisations, targets and action plans are one cell per year and
quarter. Columns of an object
field (``Kondisi Awal``, ``Nama Pejabat``/``NIP``) are read with their object. Every other field
column is read by its field's value type (:func:`.cells.read_cell`), a field added to the spec
included."""


def _read_by_type(obj: spec.ObjectSpec, scope: str) -> tuple[Column, ...]:
    return tuple(
        BY_KEY[column.key]
        for column in field_columns(obj, scope)
        if column.within is None and column.key not in _READ_BY_HAND
    )


_NODE_COLUMNS = _read_by_type(spec.NODE, NODE)
_INDICATOR_COLUMNS = _read_by_type(spec.INDICATOR, INDICATOR)
_BASELINE_YEAR = spec.BASELINE.by_key["tahun"]
_STATUS = spec.CROSSCUTTING.by_key["status"].type
_STATUS_COLUMN = spec.CROSSCUTTING.by_key["status"].column
_ID = re.compile(spec.ID_PATTERN)
_CODE = re.compile(r"^\d+(?:\.\d+)+$")
_LEADING_CODE = re.compile(r"^\s*(\d+(?:\.\d+)+)\s*[-–—:]?\s+(.*)$")
LEVEL_SHORT = {
    "sasaran_strategis": "ss",
    "sasaran_program": "sp",
    "sasaran_kegiatan": "sk",
    "sasaran_sub_kegiatan": "ssk",
    "tujuan_pd": "tpd",
}


def _measures(indicator: model.Indicator) -> list[tuple[str, model.Value]]:
    """Every baseline, target and realisation of ``indicator``, each with its column's name."""
    found: list[tuple[str, model.Value]] = []
    if indicator.baseline is not None and indicator.baseline.value is not None:
        found.append(("Kondisi Awal", indicator.baseline.value))
    found += [(f"Target {year}", v) for year, v in indicator.targets.items()]
    if indicator.final_target is not None:
        found.append(("Target Akhir", indicator.final_target))
    found += [(f"Realisasi {year}", v) for year, v in indicator.realisations.items()]
    for year, quarters in indicator.quarterly.items():
        found += [(f"Realisasi {year} {q.upper()}", v) for q, v in quarters.items()]
    for year, quarters in indicator.quarterly_targets.items():
        found += [(f"Target {year} {q.upper()}", v) for q, v in quarters.items()]
    return found


# --- results -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Problem:
    """A row (or sheet) of the workbook that could not be imported as written."""

    sheet: str
    row: int | None
    text: Text
    """What is wrong and what was done, in both languages."""

    @property
    def message(self) -> str:
        """The message in Indonesian (the default language)."""
        return self.text.id

    def format(self, language: str = "id") -> str:
        row = self.row
        if language == "en":
            where = f"sheet '{self.sheet}'" + (f", row {row}" if row else "")
        else:
            where = f"sheet '{self.sheet}'" + (f", baris {row}" if row else "")
        return f"{where}: {self.text(language)}"


@dataclass(slots=True)
class ImportedOpd:
    opd: model.Opd
    nodes: list[model.Node] = field(default_factory=list)
    sheets: list[str] = field(default_factory=list)


@dataclass(slots=True)
class ImportResult:
    opds: dict[str, ImportedOpd] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    notes: list[Text] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


class XlsxImportError(TextError):
    """The workbook cannot be read at all."""


# --- values --------------------------------------------------------------------------------------


# Cells are read by the field's value type (:mod:`.cells`); the importer keeps what places a
# row: which agency, which sasaran, which level, which parent, which code.


# --- reading a sheet -----------------------------------------------------------------------------


def _cells(ws: Any) -> dict[tuple[int, int], Cell]:
    """Every non-empty cell, merged ranges filled with their top-left value; percent-formatted
    numbers as percentages (0.855 shown as 85,5% is 85.5)."""
    grid: dict[tuple[int, int], Cell] = {}
    for row in ws.iter_rows():
        for cell in row:
            value = cell.value
            if value is None:
                continue
            if isinstance(value, str) and not value.strip():
                continue
            if (
                isinstance(value, int | float)
                and not isinstance(value, bool)
                and "%" in (cell.number_format or "")
            ):
                value = round(value * 100, 10)
                if isinstance(value, float) and value.is_integer():
                    value = int(value)
            grid[(cell.row, cell.column)] = Cell(value, bool(getattr(cell, "quotePrefix", False)))
    for merged in ws.merged_cells.ranges:
        top = grid.get((merged.min_row, merged.min_col))
        if top is None:
            continue
        for r in range(merged.min_row, merged.max_row + 1):
            for c in range(merged.min_col, merged.max_col + 1):
                grid[(r, c)] = top
    return grid


@dataclass(slots=True)
class Header:
    row: int
    """Last header row; data starts below it."""
    columns: dict[int, HeaderRef]
    first: int = 0
    """First header row; the agency's ``Label: value`` lines are above it."""
    duplicates: list[Text] = field(default_factory=list)


def _text_at(grid: dict[tuple[int, int], Cell], r: int, c: int) -> str:
    cell = grid.get((r, c))
    return "" if cell is None else str(cell.value)


def _match_row(
    grid: dict[tuple[int, int], Cell], r: int, max_col: int, matcher: Any, below: int | None = None
) -> dict[int, HeaderRef]:
    found: dict[int, HeaderRef] = {}
    for c in range(1, max_col + 1):
        top = _text_at(grid, r, c).strip()
        sub = _text_at(grid, below, c).strip() if below else ""
        if below:
            text = top if (not sub or normalise(sub) == normalise(top)) else f"{top} {sub}"
        else:
            text = top
        ref = matcher(text) if text else None
        if ref is not None:
            found[c] = ref
    return found


def find_header(
    grid: dict[tuple[int, int], Cell], max_col: int, crosscutting: bool = False
) -> Header | None:
    matcher = match_cc_header if crosscutting else match_header
    need = ({"from_id", "role"},) if crosscutting else ({"indicator", "statement"},)
    last = max((r for r, _ in grid), default=0)
    for r in range(1, min(HEADER_SCAN_ROWS, last) + 1):
        single = _match_row(grid, r, max_col, matcher)
        keys = {ref.key for ref in single.values()}
        if not any(group <= keys for group in need) and not (
            not crosscutting and {"indicator", "node_id"} <= keys
        ):
            continue
        header = Header(r, single, first=r)
        combined = _match_row(grid, r, max_col, matcher, below=r + 1)
        if len(combined) > len(single):
            header = Header(r + 1, combined, first=r)
        return _dedupe(header)
    return None


def _dedupe(header: Header) -> Header:
    seen: dict[tuple[str, int | None, int | None], int] = {}
    columns: dict[int, HeaderRef] = {}
    for c, ref in sorted(header.columns.items()):
        key = (ref.key, ref.year, ref.quarter)
        if key in seen and ref.key not in ("code", "code_name", "no"):
            header.duplicates.append(
                Text(
                    id=f"kolom {_col_name(c)} mengulang kolom sebelumnya; diabaikan",
                    en=f"column {_col_name(c)} repeats an earlier column; ignored",
                )
            )
            continue
        seen[key] = c
        columns[c] = ref
    header.columns = columns
    return header


def _col_name(c: int) -> str:
    name = ""
    while c:
        c, rest = divmod(c - 1, 26)
        name = chr(65 + rest) + name
    return name


def read_meta(grid: dict[tuple[int, int], Cell], until_row: int, max_col: int) -> dict[str, str]:
    meta: dict[str, str] = {}
    for r in range(1, until_row):
        c = 1
        while c <= max_col:
            cell = grid.get((r, c))
            if cell is None or not isinstance(cell.value, str):
                c += 1
                continue
            label, sep, value = cell.value.strip().partition(":")
            key = match_meta(label)
            if key is not None and sep and value.strip():
                meta.setdefault(key, value.strip())
            elif key is not None:  # a label cell: the value is the next non-empty cell
                for nxt in range(c + 1, max_col + 1):
                    other = grid.get((r, nxt))
                    if other is not None and other is not cell:
                        meta.setdefault(key, str(parse_text(other.value) or ""))
                        c = nxt
                        break
            c += 1
    return {k: v for k, v in meta.items() if v}


# --- levels --------------------------------------------------------------------------------------


def level_lookup(levels: list[model.Level]) -> dict[str, str]:
    table: dict[str, str] = {}
    for level in levels:
        for text in (level.id, level.id.replace("_", " "), level.name, level.name_en):
            if text:
                table.setdefault(normalise(text), level.id)
    for level in levels:
        table.setdefault(level_short(level), level.id)
        if level.name:
            initials = "".join(word[0] for word in normalise(level.name).split())
            table.setdefault(initials, level.id)
        if level.kemendagri_code:
            table.setdefault(normalise(level.kemendagri_code.replace("_", " ")), level.id)
    return table


def level_short(level: model.Level) -> str:
    if level.id in LEVEL_SHORT:
        return LEVEL_SHORT[level.id]
    words = [w for w in re.split(r"[_\-.\s]+", level.id) if w]
    return "".join(w[0] for w in words) if len(words) > 1 else level.id


# --- the importer ----------------------------------------------------------------------------


@dataclass(slots=True)
class _NodeDraft:
    node: model.Node
    sheet: str
    row: int
    explicit_id: bool
    parent_text: str | None = None
    parent_guess: str | None = None
    """The node one level up found above the row (its draft key)."""
    sources: dict[str, int] = field(default_factory=dict)
    """Row each node value came from (for conflict messages)."""
    key: int = 0
    regional: bool = False
    rejected: bool = False
    """A sasaran row that could not be placed: its indicator rows below are not placed either."""


@dataclass(slots=True)
class _OpdState:
    opd: model.Opd
    named: bool = False
    drafts: list[_NodeDraft] = field(default_factory=list)
    sheets: list[str] = field(default_factory=list)
    last_at_level: dict[str, _NodeDraft] = field(default_factory=dict)
    level_counts: dict[str, int] = field(default_factory=dict)


class WorkbookImporter:
    def __init__(
        self,
        *,
        opd_id: str | None = None,
        levels: list[model.Level] | None = None,
        known_nodes: dict[str, model.Node] | None = None,
        years: range | None = None,
        known_positions: dict[str, list[model.Position]] | None = None,
    ) -> None:
        self.opd_id = opd_id
        self.known_positions = known_positions or {}
        """Each agency's positions in the existing trees (``opd.jabatan`` is kept in YAML, not
        in the workbook), by agency id; an imported agency keeps them."""
        self.levels = levels or spec.default_levels()
        self.level_index = {level.id: i for i, level in enumerate(self.levels)}
        self.levels_by_id = {level.id: level for level in self.levels}
        self.lookup = level_lookup(self.levels)
        self.known = known_nodes or {}
        self.years = years
        self.result = ImportResult()
        self.states: dict[str, _OpdState] = {}
        self.drafts: list[_NodeDraft] = []
        self._next_key = 0
        self.assumed: dict[tuple[str, str], int] = {}
        """Indicators whose blank cell got the column's default, by (header, default)."""
        self.cc_rows: list[tuple[str, int, dict[str, Any]]] = []

    # -- problems --

    def problem(self, sheet: str, row: int | None, message: Text) -> None:
        self.result.problems.append(Problem(sheet, row, message))

    # -- workbook --

    def read(self, path: Path) -> ImportResult:
        try:
            from openpyxl import load_workbook  # type: ignore[import-untyped]  # no stubs
        except ImportError as exc:  # pragma: no cover - depends on the installation
            raise XlsxImportError(
                Text(
                    id="membaca .xlsx memerlukan openpyxl: pip install 'mkdocs-pohon-plugin[xlsx]'",
                    en="reading .xlsx needs openpyxl: pip install 'mkdocs-pohon-plugin[xlsx]'",
                )
            ) from exc
        try:
            wb = load_workbook(path, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds for a bad file
            raise XlsxImportError(
                Text(
                    id=f"{path} tidak dapat dibaca sebagai workbook .xlsx: {exc}",
                    en=f"{path} cannot be read as an .xlsx workbook: {exc}",
                )
            ) from exc
        for ws in wb.worksheets:
            self.read_sheet(ws)
        self.finish()
        return self.result

    def read_sheet(self, ws: Any) -> None:
        name = ws.title
        if name in (GUIDE_SHEET, SUMMARY_SHEET):
            self.result.notes.append(
                Text(
                    id=f"sheet '{name}': sheet {name.lower()}, tidak diimpor",
                    en=f"sheet '{name}': {name.lower()} sheet, not imported",
                )
            )
            return
        grid = _cells(ws)
        max_col = max((c for _, c in grid), default=0)
        header = find_header(grid, max_col)
        if header is None:
            cc = find_header(grid, max_col, crosscutting=True)
            if cc is not None:
                self._read_crosscutting(name, grid, cc)
                return
            if grid:
                self.result.notes.append(
                    Text(
                        id=f"sheet '{name}': baris-baris pertamanya tidak memuat baris judul "
                        "dengan kolom indikator dan kolom sasaran; tidak diimpor",
                        en=f"sheet '{name}': no header row with an indicator and a sasaran "
                        "column in its first rows; not imported",
                    )
                )
            return
        for message in header.duplicates:
            self.problem(name, header.row, message)
        meta = read_meta(grid, header.first, max_col)
        scope = normalise(meta.get("scope", ""))
        if scope.split(" ")[0] in ("pemda", "daerah") or scope.startswith("pemerintah daerah"):
            self.result.notes.append(
                Text(
                    id=f"sheet '{name}': pohon pemda (Lingkup: pemda), tidak diimpor; pemda.yaml "
                    "disunting langsung",
                    en=f"sheet '{name}': regional tree (Lingkup: pemda), not imported; "
                    "pemda.yaml is kept by hand",
                )
            )
            return
        self._read_rows(name, grid, header, meta)

    # -- agency sheets --

    def _state(self, sheet: str, meta: dict[str, str], row_opd: str | None) -> _OpdState | None:
        opd_id = row_opd or meta.get("id") or self.opd_id
        if opd_id is None:
            opd_id = slug(meta.get("short_name") or meta.get("name") or sheet)
        opd_id = opd_id.strip().lower()
        if not _ID.match(opd_id) or len(opd_id) > spec.ID_MAX_LENGTH:
            self.problem(
                sheet,
                None,
                Text(
                    id=f"'{opd_id}' bukan id OPD yang sah (gunakan a-z, 0-9 dan -)",
                    en=f"'{opd_id}' is not a valid OPD id (use a-z, 0-9 and -)",
                ),
            )
            return None
        state = self.states.get(opd_id)
        if state is None:
            opd = model.Opd(id=opd_id, name=meta.get("name") or sheet)
            opd.positions = list(self.known_positions.get(opd_id, ()))
            state = self.states[opd_id] = _OpdState(opd, named="name" in meta)
        opd = state.opd
        if meta.get("name") and not state.named:
            opd.name, state.named = meta["name"], True
        for key in ("short_name", "code", "head", "kind"):
            value = meta.get(key)
            if not value or getattr(opd, key):
                continue
            if key == "kind" and value.lower() not in spec.OPD_KINDS:
                kinds = ", ".join(spec.OPD_KINDS)
                self.problem(
                    sheet,
                    None,
                    Text(
                        id=f"Jenis OPD '{value}' bukan salah satu dari {kinds}; diabaikan",
                        en=f"Jenis OPD '{value}' is not one of {kinds}; left out",
                    ),
                )
                continue
            setattr(opd, key, value.lower() if key == "kind" else value)
        if sheet not in state.sheets:
            state.sheets.append(sheet)
        return state

    def _read_rows(
        self, sheet: str, grid: dict[tuple[int, int], Cell], header: Header, meta: dict[str, str]
    ) -> None:
        columns = header.columns
        last_row = max((r for r, _ in grid), default=header.row)
        current: _NodeDraft | None = None
        current_state: _OpdState | None = None
        sheet_state = None
        if not any(ref.key == "opd_id" for ref in columns.values()):
            sheet_state = self._state(sheet, meta, None)
            if sheet_state is None:
                return
        for r in range(header.row + 1, last_row + 1):
            values: dict[HeaderRef, Cell] = {}
            for c, ref in columns.items():
                cell = grid.get((r, c))
                if cell is not None and not (
                    isinstance(cell.value, str) and cell.value.strip().lower() in EMPTY_TEXT
                ):
                    values.setdefault(ref, cell)
            if not values:
                continue
            if all(ref.key in ("no", "code", "code_name") for ref in values):
                continue  # a row number, or a section line naming a program: nothing to place
            get = _Getter(values)
            state = sheet_state
            row_opd = parse_text(get.value("opd_id"))
            if state is None or row_opd:
                state = self._state(sheet, meta, row_opd) if row_opd else current_state
                if state is None:
                    self.problem(
                        sheet,
                        r,
                        Text(
                            id="tidak ada ID OPD di baris ini atau di atasnya; baris dilewati",
                            en="no ID OPD on this row or above; row skipped",
                        ),
                    )
                    continue
            if current_state is not state:
                current = None
            current_state = state
            current = self._row(sheet, r, get, state, current)

    def _row(
        self, sheet: str, r: int, get: _Getter, state: _OpdState, current: _NodeDraft | None
    ) -> _NodeDraft | None:
        statement = parse_text(get.value("statement"))
        node_id = parse_text(get.value("node_id"))
        level_text = parse_text(get.value("level"))
        level_id = None
        if level_text is not None:
            level_id = self.lookup.get(normalise(level_text))
            if level_id is None:
                names = ", ".join(level.name for level in self.levels)
                self.problem(
                    sheet,
                    r,
                    Text(
                        id=f"tingkat '{level_text}' tidak ada dalam skema tingkat ({names}); "
                        "baris tidak ditempatkan",
                        en=f"level '{level_text}' is not in the level scheme ({names}); row not "
                        "placed",
                    ),
                )
                return self._rejected(sheet, r, statement, current)
        code, code_problem = self._code(get, level_id or (current.node.level if current else None))
        if code_problem:
            self.problem(sheet, r, code_problem)
        starts = False
        if node_id is not None:
            starts = current is None or not current.explicit_id or current.node.id != node_id
        elif statement is not None:
            starts = current is None or not (
                " ".join(statement.split()) == " ".join(current.node.statement.split())
                and (level_id is None or level_id == current.node.level)
                and (code is None or code == current.node.code)
            )
        elif current is not None and (
            (level_id is not None and level_id != current.node.level)
            or (code is not None and current.node.code is not None and code != current.node.code)
        ):
            starts = True  # the statement above, repeated by a blank cell, for another node
            statement = current.node.statement
        if starts:
            level = level_id or (current.node.level if current else None)
            if level is None:
                self.problem(
                    sheet,
                    r,
                    Text(
                        id="tidak ada tingkat (Tingkat) di baris ini atau di atasnya; baris tidak "
                        "ditempatkan",
                        en="no level (Tingkat) on this row or above; row not placed",
                    ),
                )
                return self._rejected(sheet, r, statement, current)
            if statement is None:
                if current is not None and node_id is not None:
                    statement = current.node.statement
                else:
                    self.problem(
                        sheet,
                        r,
                        Text(
                            id="sasaran baru tanpa pernyataan; baris tidak ditempatkan",
                            en="a new sasaran without a statement; row not placed",
                        ),
                    )
                    return self._rejected(sheet, r, statement, current)
            current = self._new_node(sheet, r, state, level, statement, node_id, code)
            if current is None:
                return None
            self._node_values(sheet, r, get, current, first=True)
        elif current is None:
            if get.value("indicator") is not None:
                what = Text(id="indikator", en="an indicator")
            else:
                what = Text(id="nilai", en="values")
            self.problem(
                sheet,
                r,
                Text(
                    id=f"{what.id} tanpa sasaran di baris ini atau di atasnya; baris tidak "
                    "ditempatkan",
                    en=f"{what.en} with no sasaran on this row or above; row not placed",
                ),
            )
            return None
        elif current.rejected:
            self.problem(
                sheet,
                r,
                Text(
                    id=f"termasuk sasaran di baris {current.row}, yang tidak ditempatkan; baris "
                    "tidak ditempatkan",
                    en=f"belongs to the sasaran of row {current.row}, which was not placed; "
                    "row not placed",
                ),
            )
            return current
        else:
            if code is not None and current.node.code is None:
                current.node.code = code
            self._node_values(sheet, r, get, current, first=False)
        self._indicator(sheet, r, get, current)
        return current

    def _rejected(
        self, sheet: str, r: int, statement: str | None, current: _NodeDraft | None
    ) -> _NodeDraft | None:
        """A placeholder for a sasaran row that was not placed, so that the indicator rows under
        it are reported too instead of joining the sasaran above."""
        if statement is None and current is not None:
            return current
        node = model.Node(statement=statement or "")
        return _NodeDraft(node, sheet, r, explicit_id=False, rejected=True)

    def _code(self, get: _Getter, level_id: str | None) -> tuple[str | None, Text | None]:
        codes = [c for c in (parse_code(v) for v in get.values("code")) if c]
        if not codes:
            for name in get.values("code_name"):
                text = parse_text(name)
                match = _LEADING_CODE.match(text or "")
                if match:
                    codes.append(match.group(1))
        codes = list(dict.fromkeys(codes))
        if not codes:
            return None, None
        level = self.levels_by_id.get(level_id or "")
        if level is not None and level.free_code:
            return codes[0], None  # the level's own code system: checked by its pattern later
        bad = [c for c in codes if not _CODE.match(c)]
        if bad:
            return None, Text(
                id=f"'{bad[0]}' bukan kode Kemendagri (angka yang dipisah titik)",
                en=f"'{bad[0]}' is not a Kemendagri code (digits separated by dots)",
            )
        if len(codes) == 1:
            return codes[0], None
        if level is not None and level.kemendagri_code:
            for code in codes:
                if code_kind(code) == level.kemendagri_code:
                    return code, None
        return max(codes, key=len), None

    def _new_node(
        self,
        sheet: str,
        r: int,
        state: _OpdState,
        level_id: str,
        statement: str,
        node_id: str | None,
        code: str | None,
    ) -> _NodeDraft | None:
        level = self.levels_by_id[level_id]
        explicit = node_id is not None
        if node_id is not None:
            node_id = node_id.strip()
            if not _ID.match(node_id) or len(node_id) > spec.ID_MAX_LENGTH:
                self.problem(
                    sheet,
                    r,
                    Text(
                        id=f"ID '{node_id}' bukan id yang sah (a-z, 0-9 dipisah -, _ atau .); "
                        "id dibuat otomatis",
                        en=f"ID '{node_id}' is not a valid id (a-z, 0-9 separated by -, _ "
                        "or .); an id is generated instead",
                    ),
                )
                node_id, explicit = None, False
        node = model.Node(
            id=node_id or "", level=level_id, statement=statement, code=code, opd_id=state.opd.id
        )
        self._next_key += 1
        draft = _NodeDraft(node, sheet, r, explicit, key=self._next_key)
        draft.regional = level.scope == "pemda"
        index = self.level_index[level_id]
        parent_level = self.levels[index - 1].id if index > 0 else None
        above = state.last_at_level.get(parent_level) if parent_level else None
        draft.parent_guess = f"#{above.key}" if above is not None else None
        state.last_at_level[level_id] = draft
        for deeper in self.levels[index + 1 :]:
            state.last_at_level.pop(deeper.id, None)
        if draft.regional:
            # A regional sasaran written above the agency's rows: a parent for what follows,
            # never written (pemda.yaml is kept by hand).
            if node_id is None:
                matches = [
                    n.id
                    for n in self.known.values()
                    if n.opd_id is None and normalise(n.statement) == normalise(statement)
                ]
                if len(matches) == 1:
                    node.id = matches[0]
                else:
                    self.problem(
                        sheet,
                        r,
                        Text(
                            id=f"{level.name} pemda '{statement}' tidak memiliki ID dan tidak "
                            "ditemukan di pemda.yaml; baris-baris di bawahnya tidak mendapat induk",
                            en=f"the regional {level.name} '{statement}' has no ID and is "
                            "not found in pemda.yaml; the rows below it get no parent",
                        ),
                    )
            self.drafts.append(draft)
            return draft
        if not node.id:
            node.id = self._generated_id(state, level, code)
        state.drafts.append(draft)
        self.drafts.append(draft)
        return draft

    def _generated_id(self, state: _OpdState, level: model.Level, code: str | None) -> str:
        short = level_short(level)
        state.level_counts[level.id] = state.level_counts.get(level.id, 0) + 1
        base = f"{state.opd.id}-{short}-{code}" if code else None
        if base is None:
            base = f"{state.opd.id}-{short}-{state.level_counts[level.id]}"
        return base[: spec.ID_MAX_LENGTH].rstrip("-_.")

    # -- the values of a row, read by the spec's fields --

    def _read(self, sheet: str, r: int, field: spec.Field, cell: Cell, label: str) -> Any:
        """The field's value in ``cell``; a cell that cannot be read is reported (and gives the
        column's fallback, e.g. ``maksimal`` for a polarity, or ``None``)."""
        try:
            return read_cell(field.type, cell, label, field.column)
        except BadCell as exc:
            self.problem(sheet, r, exc.text)
            return exc.fallback

    def _set(
        self, sheet: str, r: int, draft: _NodeDraft, field: spec.Field, value: Any, label: str
    ) -> None:
        """Give the sasaran a value read on row ``r``: a sasaran has one, so a different value on
        a later row of the same sasaran is reported and the first kept."""
        node = draft.node
        old = field.get(node)
        if value is None or value == [] or value == old:
            return
        if old is None or old == [] or old == "":
            field.set(node, value)
            draft.sources[field.key] = r
            return
        first_row = draft.sources.get(field.key, draft.row)
        self.problem(
            sheet,
            r,
            Text(
                id=f"{label} di sini '{value}' tetapi '{old}' di baris {first_row} untuk sasaran "
                "yang sama; satu sasaran hanya punya satu nilai; yang pertama dipakai",
                en=f"{label} is '{value}' here but '{old}' on row {first_row} "
                "for the same sasaran; a sasaran has one; the first is kept",
            ),
        )

    def _node_values(
        self, sheet: str, r: int, get: _Getter, draft: _NodeDraft, first: bool
    ) -> None:
        node = draft.node
        parent = parse_text(get.value("parent"))
        if parent is not None:
            if draft.parent_text is None:
                draft.parent_text = parent
            elif normalise(parent) != normalise(draft.parent_text):
                self.problem(
                    sheet,
                    r,
                    Text(
                        id=f"Induk di sini '{parent}' tetapi '{draft.parent_text}' di atasnya "
                        "untuk sasaran yang sama; yang pertama dipakai",
                        en=f"Induk is '{parent}' here but '{draft.parent_text}' above for the "
                        "same sasaran; the first is kept",
                    ),
                )
        for column in _NODE_COLUMNS:
            field = column.field
            assert field is not None
            if column.yearly:
                for ref, cell in get.yearly(column.key):
                    assert ref.year is not None
                    label = header_text(column, ref.year)
                    value = self._read(sheet, r, field, cell, label)
                    if value is not None:
                        self._set_year(sheet, r, node, field, ref.year, value, label)
                continue
            single = get.cell(column.key)
            if single is not None:
                value = self._read(sheet, r, field, single, column.header)
                self._set(sheet, r, draft, field, value, column.header)
        name = parse_text(get.value("official_name"))
        nip = parse_code(get.value("official_nip"))
        if name or nip:
            official = model.Official(name=name, nip=nip)
            if node.official is None:
                node.official = official
            elif (name and name != node.official.name) or (nip and nip != node.official.nip):
                self.problem(
                    sheet,
                    r,
                    Text(
                        id="Nama Pejabat / NIP berbeda dari baris di atasnya untuk sasaran yang "
                        "sama; yang pertama dipakai",
                        en="Nama Pejabat / NIP differ from the rows above for the same sasaran; "
                        "the first is kept",
                    ),
                )

    def _set_year(
        self,
        sheet: str,
        r: int,
        node: model.Node,
        field: spec.Field,
        year: int,
        value: Any,
        label: str,
    ) -> None:
        """A sasaran's value of one year (its budget): one per year, the first kept."""
        by_year = field.get(node)
        if by_year is None:
            by_year = {}
            field.set(node, by_year)
        old = by_year.get(year)
        if old is None:
            by_year[year] = value
        elif old != value:
            what = (
                Text(id=field.label[0].lower(), en=field.label[1].lower())
                if field.label
                else Text.same(field.key)
            )
            self.problem(
                sheet,
                r,
                Text(
                    id=f"{label} di sini {value} tetapi {old} di atasnya untuk sasaran yang sama "
                    f"(satu sasaran punya satu {what.id} per tahun); yang pertama dipakai",
                    en=f"{label} is {value} here but {old} above for the same sasaran (a "
                    f"sasaran has one {what.en} per year); the first is kept",
                ),
            )

    def _indicator(self, sheet: str, r: int, get: _Getter, draft: _NodeDraft) -> None:
        name = parse_text(get.value("indicator"))
        indicator_values = [
            ref
            for ref in get.cells
            if BY_KEY[ref.key].scope == INDICATOR and ref.key != "indicator"
        ]
        if name is None:
            if indicator_values and not draft.regional:
                labels = ", ".join(
                    sorted({BY_KEY[ref.key].header.split(" {")[0] for ref in indicator_values})
                )
                self.problem(
                    sheet,
                    r,
                    Text(
                        id=f"nilai ({labels}) tanpa nama indikator; tidak ditempatkan",
                        en=f"values ({labels}) without an indicator name; not placed",
                    ),
                )
            return
        if draft.regional:
            return
        node = draft.node
        indicator = model.Indicator(name=name, node_id=node.id)
        explicit = parse_text(get.value("indicator_id"))
        if explicit is not None and (not _ID.match(explicit) or len(explicit) > spec.ID_MAX_LENGTH):
            self.problem(
                sheet,
                r,
                Text(
                    id=f"ID Indikator '{explicit}' bukan id yang sah; id dibuat otomatis",
                    en=f"ID Indikator '{explicit}' is not a valid id; one is generated",
                ),
            )
            explicit = None
        indicator.id = explicit or ""
        for column in _INDICATOR_COLUMNS:
            field = column.field
            assert field is not None
            if column.yearly:
                for ref, cell in get.yearly(column.key):
                    assert ref.year is not None
                    value = self._read(sheet, r, field, cell, header_text(column, ref.year))
                    if value is not None:
                        by_year = field.get(indicator)
                        if by_year is None:
                            by_year = {}
                            field.set(indicator, by_year)
                        by_year[ref.year] = value
                continue
            single = get.cell(column.key)
            value = (
                self._read(sheet, r, field, single, column.header) if single is not None else None
            )
            blank = field.column.blank if field.column is not None else None
            if single is None and blank is not None:
                value = blank
                self.assumed[column.header, blank] = self.assumed.get((column.header, blank), 0) + 1
            if value is not None:
                field.set(indicator, value)
        self._baseline(sheet, r, get, indicator)
        for ref, cell in get.yearly("quarterly"):
            value = self._measure(sheet, r, cell, f"Realisasi {ref.year} TW{ref.quarter}")
            if value is not None and ref.year is not None:
                indicator.quarterly.setdefault(ref.year, {})[f"tw{ref.quarter}"] = value
        indicator.quarterly = {
            y: dict(sorted(q.items())) for y, q in sorted(indicator.quarterly.items())
        }
        for ref, cell in get.yearly("quarterly_target"):
            value = self._measure(sheet, r, cell, f"Target {ref.year} TW{ref.quarter}")
            if value is not None and ref.year is not None:
                indicator.quarterly_targets.setdefault(ref.year, {})[f"tw{ref.quarter}"] = value
        indicator.quarterly_targets = {
            y: dict(sorted(q.items())) for y, q in sorted(indicator.quarterly_targets.items())
        }
        for ref, cell in get.yearly("action_plan"):
            step = parse_text(cell.value)
            if step is not None and ref.year is not None:
                indicator.action_plan.setdefault(ref.year, {})[f"tw{ref.quarter}"] = step
        indicator.action_plan = {
            y: dict(sorted(q.items())) for y, q in sorted(indicator.action_plan.items())
        }
        self._text_measures(sheet, r, indicator)
        self._cell_units(sheet, r, get, indicator)
        node.indicators.append(indicator)
        draft.sources.setdefault(f"indicator:{len(node.indicators)}", r)

    def _text_measures(self, sheet: str, r: int, indicator: model.Indicator) -> None:
        """Values written as text. A number with its unit (``14 kasus``) is a row problem (the
        check reports it too, ``nilai-bukan-angka``); words only (``Predikat A``, ``WTP``) mark
        the indicator qualitative (``kualitatif: true``), said in a note."""
        marker = spec.INDICATOR.by_key[QUALITATIVE_KEY]
        if marker.get(indicator):
            return
        texts = [(label, v) for label, v in _measures(indicator) if isinstance(v, str)]
        if not texts:
            return
        numbers = [(label, v) for label, v in texts if read_number_and_unit(v) is not None]
        for label, value in numbers:
            meant = read_number_and_unit(value)
            assert meant is not None
            unit_id = f" dan tulis satuannya ({meant.unit}) di kolom Satuan" if meant.unit else ""
            unit_en = f" and put the unit ({meant.unit}) in Satuan" if meant.unit else ""
            if meant.number is None:  # 1.250: 1250 or 1.25?
                thousands, decimal = meant.readings
                write = Text(
                    f"tulis {thousands} atau {decimal.replace('.', ',')} (bermakna ganda)",
                    f"write {thousands} or {decimal.replace('.', ',')} (ambiguous)",
                )
            else:
                write = Text(f"tulis {meant.number}", f"write {meant.number}")
            self.problem(
                sheet,
                r,
                Text(
                    id=f"{label} '{value}' berupa teks, bukan angka: {write.id}{unit_id}",
                    en=f"{label} '{value}' is text, not a number: {write.en}{unit_en}",
                ),
            )
        if not numbers:
            marker.set(indicator, True)
            shown = ", ".join(f"{label} '{value}'" for label, value in texts[:3])
            self.result.notes.append(
                Text(
                    id=f"sheet '{sheet}', baris {r}: indikator '{indicator.name}' bernilai teks "
                    f"({shown}); ditulis sebagai kualitatif ({QUALITATIVE_KEY}: true)",
                    en=f"sheet '{sheet}', row {r}: indicator '{indicator.name}' has text values "
                    f"({shown}); written as qualitative ({QUALITATIVE_KEY}: true)",
                )
            )

    def _cell_units(self, sheet: str, r: int, get: _Getter, indicator: model.Indicator) -> None:
        """Numbers written with a unit sign (``85%``, ``Rp 1.250.000``): the sign is dropped, so
        it must be the indicator's unit. Another unit than its Satuan is a row problem (``85%``
        on an indicator counted in ``kasus``); a blank Satuan gets the unit suggested in a
        note."""
        signs: dict[str, list[str]] = {}
        for ref, cell in get.cells.items():
            column = BY_KEY[ref.key]
            if column.field is None or not holds_measure(column.field.type):
                continue
            unit = measure_unit(cell)
            if unit is None:
                continue
            label = header_text(column, ref.year, ref.quarter)
            signs.setdefault(unit, []).append(f"{label} '{str(cell.value).strip()}'")
        for unit, cells in signs.items():
            shown = ", ".join(cells[:3]) + (", …" if len(cells) > 3 else "")
            declared = indicator.unit
            if declared is None or not declared.strip():
                self.result.notes.append(
                    Text(
                        id=f"sheet '{sheet}', baris {r}: indikator '{indicator.name}' tanpa "
                        f"Satuan, tetapi {shown} bertanda {unit}; isi Satuan dengan {unit}",
                        en=f"sheet '{sheet}', row {r}: indicator '{indicator.name}' has no "
                        f"Satuan, but {shown} carries the unit {unit}; fill in Satuan: {unit}",
                    )
                )
            elif not same_unit(declared, unit):
                self.problem(
                    sheet,
                    r,
                    Text(
                        id=f"{shown} bertanda {unit}, tetapi Satuan indikator ini '{declared}': "
                        "tanda satuannya dibuang dan angkanya dibaca apa adanya; periksa angka "
                        "atau Satuannya",
                        en=f"{shown} carries the unit {unit}, but the indicator's Satuan is "
                        f"'{declared}': the sign is dropped and the number read as it is; check "
                        "the number or the Satuan",
                    ),
                )

    def _baseline(self, sheet: str, r: int, get: _Getter, indicator: model.Indicator) -> None:
        """Kondisi Awal: its value (the year may be in the header) and its year (blank: the year
        before the period)."""
        baseline_value = None
        baseline_year = None
        for ref, cell in get.cells.items():
            if ref.key == "baseline":
                baseline_value = self._measure(sheet, r, cell, "Kondisi Awal")
                baseline_year = ref.year
        year_cell = get.cell("baseline_year")
        if year_cell is not None:
            year = self._read(sheet, r, _BASELINE_YEAR, year_cell, "Tahun Kondisi Awal")
            if year is not None:
                baseline_year = year
        if baseline_value is not None or baseline_year is not None:
            if baseline_year is None and self.years is not None and len(self.years):
                baseline_year = self.years[0] - 1
            indicator.baseline = model.Baseline(year=baseline_year, value=baseline_value)
            if baseline_value is None or baseline_year is None:
                self.problem(
                    sheet,
                    r,
                    Text(
                        id="Kondisi Awal memerlukan nilai sekaligus tahunnya",
                        en="Kondisi Awal needs both a value and a year",
                    ),
                )

    def _measure(self, sheet: str, r: int, cell: Cell | None, label: str) -> model.Value | None:
        if cell is None:
            return None
        try:
            return parse_measure(cell)
        except BadValue as exc:
            self.problem(
                sheet,
                r,
                Text(
                    id=f"{label}: {exc.text.id}; diabaikan", en=f"{label}: {exc.text.en}; left out"
                ),
            )
            return None

    # -- crosscutting sheet --

    def _read_crosscutting(
        self, sheet: str, grid: dict[tuple[int, int], Cell], header: Header
    ) -> None:
        last_row = max((r for r, _ in grid), default=header.row)
        for r in range(header.row + 1, last_row + 1):
            row: dict[str, Any] = {}
            for c, ref in header.columns.items():
                cell = grid.get((r, c))
                if cell is not None:
                    row.setdefault(ref.key, cell.value)
            if not any(CC_BY_KEY[k].scope != "ignored" for k in row):
                continue
            self.cc_rows.append((sheet, r, row))

    def _apply_crosscutting(self, by_id: dict[str, _NodeDraft]) -> None:
        for sheet, r, row in self.cc_rows:
            source = parse_text(row.get("from_id"))
            draft = by_id.get(source or "")
            if draft is None:
                if source in self.known:
                    self.result.notes.append(
                        Text(
                            id=f"sheet '{sheet}', baris {r}: tautan dari '{source}', yang tidak "
                            "diimpor di sini; diabaikan",
                            en=f"sheet '{sheet}', row {r}: link from '{source}', which is not "
                            "imported here; left out",
                        )
                    )
                else:
                    self.problem(
                        sheet,
                        r,
                        Text(
                            id=f"Dari '{source or ''}' bukan sasaran dalam workbook; tautan tidak "
                            "ditempatkan",
                            en=f"Dari '{source or ''}' is not a sasaran of the workbook; link not "
                            "placed",
                        ),
                    )
                continue
            role = parse_text(row.get("role"))
            if role is None:
                self.problem(
                    sheet,
                    r,
                    Text(
                        id="tautan crosscutting tanpa Peran; tidak ditempatkan",
                        en="a crosscutting link without Peran; not placed",
                    ),
                )
                continue
            try:
                status = read_cell(_STATUS, Cell(row.get("status")), "Status", _STATUS_COLUMN)
            except BadCell as exc:
                self.problem(
                    sheet,
                    r,
                    Text(id=f"{exc.text.id}; tidak ditempatkan", en=f"{exc.text.en}; not placed"),
                )
                continue
            status = status or "menunggu"
            target = parse_text(row.get("to_id"))
            body = parse_text(row.get("body"))
            if target is None and body is None:
                self.problem(
                    sheet,
                    r,
                    Text(
                        id="tautan crosscutting memerlukan Ke (id sasaran) atau Instansi; tidak "
                        "ditempatkan",
                        en="a crosscutting link needs Ke (a sasaran id) or Instansi; not placed",
                    ),
                )
                continue
            if (
                target is not None
                and target not in by_id
                and self.known
                and target not in self.known
            ):
                self.problem(
                    sheet,
                    r,
                    Text(
                        id=f"Ke '{target}' bukan sasaran dalam workbook maupun pohon; disimpan "
                        "sebagaimana tertulis",
                        en=f"Ke '{target}' is not a sasaran of the workbook or the trees; kept as "
                        "written",
                    ),
                )
            draft.node.crosscutting.append(
                model.Crosscutting(
                    role=role,
                    status=status,
                    target_id=target,
                    body=body,
                    note=parse_text(row.get("note")),
                    source_id=draft.node.id,
                )
            )

    # -- after every sheet --

    def finish(self) -> None:
        # The agencies imported here replace their files: their current nodes do not count.
        self.known = {k: n for k, n in self.known.items() if n.opd_id not in self.states}
        by_key = {f"#{d.key}": d for d in self.drafts}
        by_id: dict[str, _NodeDraft] = {}
        for draft in self.drafts:
            if draft.regional or not draft.node.id:
                continue
            if draft.node.id in by_id or draft.node.id in self.known:
                other = by_id.get(draft.node.id)
                where = (
                    Text(
                        id=f"baris {other.row} sheet '{other.sheet}'",
                        en=f"row {other.row} of sheet '{other.sheet}'",
                    )
                    if other
                    else Text.same("pemda.yaml")
                )
                if draft.explicit_id:
                    self.problem(
                        draft.sheet,
                        draft.row,
                        Text(
                            id=f"ID '{draft.node.id}' juga dipakai oleh {where.id}; id harus unik",
                            en=f"ID '{draft.node.id}' is used by {where.en} too; ids must be "
                            "unique",
                        ),
                    )
                draft.node.id = self._unique(draft.node.id, by_id)
            by_id[draft.node.id] = draft
        statements: dict[str, list[str]] = {}
        for node in self.known.values():
            statements.setdefault(normalise(node.statement), []).append(node.id)
        for draft in self.drafts:
            if not draft.regional:
                statements.setdefault(normalise(draft.node.statement), []).append(draft.node.id)
        used_indicator_ids: set[str] = set(by_id) | set(self.known)
        for node in self.known.values():
            used_indicator_ids.update(ind.id for ind in node.indicators)
        pending: list[model.Indicator] = []
        for draft in self.drafts:
            if draft.regional:
                continue
            self._resolve_parent(draft, by_key, by_id, statements)
            for ind in draft.node.indicators:
                ind.node_id = draft.node.id
                if ind.id:
                    if ind.id in used_indicator_ids:
                        self.problem(
                            draft.sheet,
                            draft.row,
                            Text(
                                id=f"ID Indikator '{ind.id}' sudah dipakai; id dibuat otomatis",
                                en=f"ID Indikator '{ind.id}' is already used; one is generated",
                            ),
                        )
                        ind.id = ""
                    else:
                        used_indicator_ids.add(ind.id)
                if not ind.id:
                    pending.append(ind)
        for ind in pending:
            node = next(d.node for d in self.drafts if d.node.id == ind.node_id and not d.regional)
            n = node.indicators.index(ind) + 1
            candidate = f"{node.id}-i{n}"
            while candidate in used_indicator_ids:
                n += 1
                candidate = f"{node.id}-i{n}"
            ind.id = candidate
            used_indicator_ids.add(candidate)
        self._apply_crosscutting(by_id)
        for (header, blank), count in self.assumed.items():
            self.result.notes.append(
                Text(
                    id=f"{count} indikator tanpa {header}: dianggap {blank}",
                    en=f"{count} indicator(s) without {header}: {blank} assumed",
                )
            )
        for opd_id, state in self.states.items():
            imported = ImportedOpd(state.opd, [d.node for d in state.drafts], list(state.sheets))
            state.opd.node_ids = [n.id for n in imported.nodes]
            self.result.opds[opd_id] = imported

    def _unique(self, base: str, taken: dict[str, Any]) -> str:
        n = 2
        while f"{base}-{n}" in taken or f"{base}-{n}" in self.known:
            n += 1
        return f"{base}-{n}"

    def _resolve_parent(
        self,
        draft: _NodeDraft,
        by_key: dict[str, _NodeDraft],
        by_id: dict[str, _NodeDraft],
        statements: dict[str, list[str]],
    ) -> None:
        node = draft.node
        level = self.levels_by_id[node.level]
        index = self.level_index[node.level]
        if draft.parent_text is not None:
            text = draft.parent_text
            if text in by_id or text in self.known:
                node.parent_id = text
                return
            matches = statements.get(normalise(text), [])
            matches = [m for m in matches if m != node.id]
            if len(matches) == 1:
                node.parent_id = matches[0]
                return
            if len(matches) > 1:
                self.problem(
                    draft.sheet,
                    draft.row,
                    Text(
                        id=f"Induk '{text}' cocok dengan {len(matches)} sasaran; tulis id-nya",
                        en=f"Induk '{text}' matches {len(matches)} sasaran; write its id instead",
                    ),
                )
                return
            if _ID.match(text) and not self.known:
                node.parent_id = text  # cannot be checked without the trees folder
                return
            self.problem(
                draft.sheet,
                draft.row,
                Text(
                    id=f"Induk '{text}' bukan sasaran dalam workbook maupun pohon; tidak "
                    "ditempatkan di bawahnya",
                    en=f"Induk '{text}' is not a sasaran of the workbook "
                    "or of the trees; not placed under it",
                ),
            )
            return
        if index == 0:
            return
        guess = by_key.get(draft.parent_guess or "")
        if guess is not None and guess.node.id:
            node.parent_id = guess.node.id
            return
        above = self.levels[index - 1]
        self.problem(
            draft.sheet,
            draft.row,
            Text(
                id=f"{level.name} '{_short(node.statement)}' tidak memiliki Induk dan tidak ada "
                f"{above.name} di atasnya"
                + (
                    " dalam workbook (tulis id sasaran pemda di kolom Induk)"
                    if above.scope == "pemda"
                    else ""
                )
                + "; ditulis tanpa induk",
                en=f"the {level.name} '{_short(node.statement)}' has no Induk and no "
                f"{above.name} above it"
                + (
                    " in the workbook (write the regional sasaran id in an Induk column)"
                    if above.scope == "pemda"
                    else ""
                )
                + "; written without a parent",
            ),
        )


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


class _Getter:
    def __init__(self, cells: dict[HeaderRef, Cell]) -> None:
        self.cells = cells

    def cell(self, key: str) -> Cell | None:
        for ref, cell in self.cells.items():
            if ref.key == key and ref.year is None:
                return cell
        return None

    def value(self, key: str) -> Any:
        cell = self.cell(key)
        return cell.value if cell is not None else None

    def values(self, key: str) -> list[Any]:
        return [cell.value for ref, cell in self.cells.items() if ref.key == key]

    def yearly(self, key: str) -> list[tuple[HeaderRef, Cell]]:
        return sorted(
            ((ref, cell) for ref, cell in self.cells.items() if ref.key == key and ref.year),
            key=lambda item: (item[0].year or 0, item[0].quarter or 0),
        )


def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    value = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return value[: spec.ID_MAX_LENGTH].rstrip("-") or "opd"


# --- YAML ----------------------------------------------------------------------------------------


def opd_yaml(opd: model.Opd, nodes: list[model.Node], source: str = "") -> str:
    """An agency file in the canonical layout (:mod:`..tree.yaml_writer`), noting the workbook
    it was imported from (``source``)."""
    comments = [yaml_writer.schema_comment(2)]
    if source:
        comments += ["", f"Diimpor dari {source} oleh `pohon import-xlsx`."]
    return yaml_writer.opd_file(opd, nodes, comments=comments)


# --- entry points --------------------------------------------------------------------------------


def _trees_context(
    trees: Path | None,
) -> tuple[
    list[model.Level] | None,
    dict[str, model.Node],
    range | None,
    dict[str, list[model.Position]],
]:
    if trees is None or not (trees / "pemda.yaml").is_file():
        return None, {}, None, {}
    from ..tree.check import check_trees

    result = check_trees(trees)
    site = result.site
    positions = {opd.id: opd.positions for opd in site.opds.values() if opd.positions}
    return site.levels or None, dict(site.nodes), site.years if site.region else None, positions


def read_workbook(
    path: Path | str,
    *,
    opd_id: str | None = None,
    trees: Path | str | None = None,
) -> ImportResult:
    """Read a workbook into agencies and nodes (nothing is written)."""
    levels, known, years, positions = _trees_context(Path(trees) if trees else None)
    importer = WorkbookImporter(
        opd_id=opd_id,
        levels=levels,
        known_nodes=known,
        years=years,
        known_positions=positions,
    )
    return importer.read(Path(path))


def import_xlsx(
    path: Path | str,
    out_dir: Path | str,
    *,
    opd_id: str | None = None,
    trees: Path | str | None = None,
) -> ImportResult:
    """Read a workbook and write one YAML file per agency into ``out_dir``."""
    path = Path(path)
    result = read_workbook(path, opd_id=opd_id, trees=trees)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    for opd_id_, imported in result.opds.items():
        target = out / f"{opd_id_}.yaml"
        sheets = ", ".join(imported.sheets)
        text = opd_yaml(imported.opd, imported.nodes, f"{path.name} (lembar {sheets})")
        with open(target, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        result.written.append(target)
    return result


__all__ = [
    "BadValue",
    "Cell",
    "ImportResult",
    "ImportedOpd",
    "Problem",
    "WorkbookImporter",
    "XlsxImportError",
    "import_xlsx",
    "opd_yaml",
    "parse_number",
    "read_workbook",
]
