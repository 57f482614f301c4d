"""Downloads of the data behind the site: ``pohon.json`` (whole model + JSON Schema),
``indikator.csv`` (one row per indicator, with targets, realisations and capaian per year) and,
when openpyxl is installed, ``matriks-cascading.xlsx`` (the printable cascading workbook that
``pohon import-xlsx`` reads back)."""

from __future__ import annotations

import csv
import dataclasses
import importlib.util
import io
import json
from typing import Any

from ..tree.check import CheckResult
from ..tree.json_schema import json_schema
from .capaian import indicator_achievement

FORMAT_VERSION = 1
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _plain(value: Any) -> Any:
    """Dataclasses to dicts without the per-key line table (``lines``); keys as strings."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: _plain(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if f.name != "lines"
        }
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def model_json(result: CheckResult) -> str:
    """The whole model as JSON, with the JSON Schema of the tree format it was read from."""
    site = result.site
    payload = {
        "format_version": FORMAT_VERSION,
        "region": _plain(site.region),
        "levels": _plain(site.levels),
        "opds": _plain(list(site.opds.values())),
        "nodes": _plain(list(site.nodes.values())),
        "schema": json_schema(),
    }
    return json.dumps(payload, ensure_ascii=False, indent=1) + "\n"


def _cell(value: Any) -> Any:
    # A text cell that a spreadsheet would run as a formula gets a leading apostrophe.
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return "" if value is None else value


def indicators_csv(result: CheckResult) -> str:
    """Every indicator, one row each (UTF-8, comma separated, header first)."""
    site = result.site
    years = list(site.years)
    header = [
        "id",
        "nama",
        "node",
        "tingkat",
        "opd",
        "satuan",
        "polaritas",
        "jenis",
        "iku",
        "kondisi_awal_tahun",
        "kondisi_awal",
        *(f"target_{y}" for y in years),
        "target_akhir",
        *(f"realisasi_{y}" for y in years),
        *(f"capaian_{y}" for y in years),
        "definisi",
        "formula",
        "sumber_data",
    ]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for indicator in site.indicators.values():
        node = site.nodes.get(indicator.node_id)
        baseline = indicator.baseline
        capaian = []
        for year in years:
            achievement = indicator_achievement(indicator, year)
            capaian.append(round(achievement.percent, 2) if achievement.percent is not None else "")
        row = [
            indicator.id,
            indicator.name,
            indicator.node_id,
            node.level if node else "",
            (node.opd_id or "") if node else "",
            indicator.unit,
            indicator.polarity,
            indicator.kind,
            "ya" if indicator.is_iku else "",
            baseline.year if baseline else None,
            baseline.value if baseline else None,
            *(indicator.targets.get(y) for y in years),
            indicator.final_target,
            *(indicator.realisations.get(y) for y in years),
            *capaian,
            indicator.definition,
            indicator.formula,
            indicator.data_source,
        ]
        writer.writerow([_cell(v) for v in row])
    return out.getvalue()


def xlsx_available() -> bool:
    """Whether the cascading workbook can be written (openpyxl is installed: the ``xlsx`` extra)."""
    return importlib.util.find_spec("openpyxl") is not None


def cascading_xlsx(result: CheckResult) -> bytes | None:
    """The matriks cascading workbook (:mod:`..xlsx_export`), or ``None`` without openpyxl."""
    if not xlsx_available():
        return None
    from ..spreadsheet.exporter import export_bytes

    return export_bytes(result)
