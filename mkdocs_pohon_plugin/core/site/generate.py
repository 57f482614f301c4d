"""Everything the site publishes: the rendered pages and the downloads.

:class:`SiteBuild` plans the pages and renders one on demand (the MkDocs plugin renders each page
when MkDocs reads it, so 20,000 rendered pages are never held at once); ``pohon generate OUT_DIR``
writes every page as a Markdown file (front matter + the HTML body) and the downloads.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..tree.check import CheckResult
from . import paths
from .exports import Supports, cascading_xlsx, indicators_csv, model_json
from .listings import listing_data
from .pages import Page, SitePlan, plan_site, preview_pages
from .render import RenderedPage, Renderer, RenderOptions


@dataclass(frozen=True, slots=True)
class Output:
    path: str
    content: str | bytes
    """Text (pages, JSON, CSV) or bytes (the .xlsx workbook)."""
    page: Page | None = None
    """The planned page, for Markdown pages; ``None`` for downloads."""


class SiteBuild:
    """The planned pages of a checked trees folder, rendered one at a time."""

    def __init__(
        self,
        result: CheckResult,
        options: RenderOptions | None = None,
        only_opds: frozenset[str] | None = None,
    ) -> None:
        self.result = result
        self.options = options or RenderOptions()
        self.plan: SitePlan = plan_site(
            result,
            self.options.language,
            lineage_inline_limit=self.options.lineage_inline_limit,
            index_inline_limit=self.options.index_inline_limit,
            keep_lineages=self.options.keep_lineages,
        )
        self.renderer = Renderer(self.plan, self.options)
        self.only_opds = only_opds
        """A preview of these agencies only (:func:`~.pages.preview_pages`); ``None``: all."""
        self.pages: list[Page] = (
            self.plan.pages if only_opds is None else preview_pages(self.plan, only_opds)
        )

    def render(self, page: Page) -> RenderedPage:
        return self.renderer.render(page)

    def listing_files(self) -> Iterator[Output]:
        """The data files of the split site-wide listings, which their index pages' finders
        read (:func:`~.listings.listing_data`); none in a preview (it has no index pages)."""
        if self.only_opds is not None:
            return
        regional = self.renderer.labels["regional"]
        for listing in self.plan.listings.values():
            if listing.split:
                data = listing_data(listing, self.options.directory_urls, regional)
                yield Output(listing.data_path, data)

    @property
    def publishes_workbook(self) -> bool:
        """Whether the site has the cascading workbook (openpyxl installed; not in a preview)."""
        return self.renderer.xlsx and self.only_opds is None

    def downloads(self, workbook: bool = True) -> Iterator[Output]:
        """The site's downloads (:func:`download_outputs`); without the workbook when
        ``workbook`` is false or the site does not publish it (a preview)."""
        return download_outputs(self.result, workbook=workbook and self.publishes_workbook)


def download_outputs(result: CheckResult, *, workbook: bool) -> Iterator[Output]:
    """The model as JSON, the indicators as CSV and, with ``workbook`` (and openpyxl), the
    cascading workbook: built from the checked model alone, without planning the pages. The
    supporters and budget behind every indicator are computed once for both files."""
    supports = Supports(result.graph)
    yield Output(paths.EXPORT_JSON, model_json(result, supports))
    yield Output(paths.EXPORT_CSV, indicators_csv(result, supports))
    if workbook:
        data = cascading_xlsx(result)
        if data is not None:
            yield Output(paths.EXPORT_XLSX, data)


def site_outputs(result: CheckResult, options: RenderOptions | None = None) -> Iterator[Output]:
    """Every generated file of the site, pages (as Markdown files) first."""
    build = SiteBuild(result, options)
    for page in build.pages:
        yield Output(page.path, build.render(page).markdown(), page)
    yield from build.listing_files()
    yield from build.downloads()


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
