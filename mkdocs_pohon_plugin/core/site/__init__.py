"""The published site, without MkDocs: plan pages, render them with Jinja2, export the data.

:func:`plan_site` lists every page; :class:`Renderer` turns a page into HTML;
:class:`SiteBuild` renders pages on demand; :func:`site_outputs` yields every generated file
(pages as Markdown files, and downloads).
"""

from .capaian import Achievement, achievement, indicator_achievement
from .funding import Funding, funding
from .generate import Output, SiteBuild, site_outputs, write_site
from .kinds import KINDS, PageKind
from .labels import LANGUAGES, labels_for
from .lineage import Lineage, Step, SupportIndex, lineage
from .mermaid import Diagram, build_diagram, escape_label
from .pages import NAV_KINDS, Page, SitePlan, Source, plan_site
from .render import RenderedPage, Renderer, RenderOptions, TocEntry, md_escape

__all__ = [
    "KINDS",
    "LANGUAGES",
    "NAV_KINDS",
    "Achievement",
    "Diagram",
    "Funding",
    "Lineage",
    "Output",
    "Page",
    "PageKind",
    "RenderOptions",
    "RenderedPage",
    "Renderer",
    "SiteBuild",
    "SitePlan",
    "Source",
    "Step",
    "SupportIndex",
    "TocEntry",
    "achievement",
    "build_diagram",
    "escape_label",
    "funding",
    "indicator_achievement",
    "labels_for",
    "lineage",
    "md_escape",
    "plan_site",
    "site_outputs",
    "write_site",
]
