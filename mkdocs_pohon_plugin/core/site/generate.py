"""Everything the site publishes, as (path, content) pairs: the rendered pages and the downloads.

``pohon generate OUT_DIR`` writes them as files; the MkDocs plugin hands them to MkDocs.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..check import CheckResult
from . import paths
from .exports import cascading_xlsx, indicators_csv, model_json
from .pages import Page, SitePlan, plan_site
from .render import Renderer, RenderOptions


@dataclass(frozen=True, slots=True)
class Output:
    path: str
    content: str | bytes
    """Text (pages, JSON, CSV) or bytes (the .xlsx workbook)."""
    page: Page | None = None
    """The planned page, for Markdown pages; ``None`` for downloads."""


def site_outputs(result: CheckResult, options: RenderOptions | None = None) -> Iterator[Output]:
    """Every generated file of the site, pages first."""
    options = options or RenderOptions()
    plan: SitePlan = plan_site(result, options.language)
    renderer = Renderer(plan, options)
    for page, markdown in renderer.render_all():
        yield Output(page.path, markdown, page)
    yield Output(paths.EXPORT_JSON, model_json(result))
    yield Output(paths.EXPORT_CSV, indicators_csv(result))
    if renderer.xlsx:
        workbook = cascading_xlsx(result)
        if workbook is not None:
            yield Output(paths.EXPORT_XLSX, workbook)


def write_site(result: CheckResult, out_dir: Path, options: RenderOptions | None = None) -> int:
    """Write every generated file under ``out_dir``; returns how many were written."""
    root = out_dir.resolve()
    count = 0
    for output in site_outputs(result, options):
        target = (root / output.path).resolve()
        if not target.is_relative_to(root):  # paths come from validated ids; check anyway
            raise ValueError(f"refusing to write outside {root}: {output.path}")
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(output.content, bytes):
            target.write_bytes(output.content)
        else:
            target.write_text(output.content, encoding="utf-8")
        count += 1
    return count
