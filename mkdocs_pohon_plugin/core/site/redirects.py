"""Redirect pages for former ids (``id_lama``): an old URL keeps answering after a rename.

Each redirect is a small static HTML file at the old page's address (template
``redirect.html.j2``, rendered by :meth:`.render.Renderer.render_redirect`): an immediate ``meta
refresh`` to the new page, a canonical link for search engines, and a plain link for readers whose
browser does not follow the refresh. Ids are URL-safe by validation and are
checked again here (:func:`.paths.segment`) before they become part of a path.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

from ..tree.former_ids import former_ids
from ..tree.model import Site
from .paths import indicator_page, node_page, page_url, relative_url


@dataclass(frozen=True, slots=True)
class Redirect:
    path: str
    """Where the redirect file goes, relative to the site folder (``node/old/index.html``)."""
    target: str
    """The new page's URL relative to the redirect file."""
    title: str
    """The new page's title (the statement or the indicator's name), as written."""


def redirects(site: Site, directory_urls: bool) -> list[Redirect]:
    """One redirect per former id of a node or an indicator."""
    result = []
    for claim in former_ids(site).values():
        if claim.kind == "node":
            old, new = node_page(claim.old_id), node_page(claim.new_id)
            title = site.nodes[claim.new_id].statement
        else:
            old, new = indicator_page(claim.old_id), indicator_page(claim.new_id)
            title = site.indicators[claim.new_id].name
        url = page_url(old, directory_urls)
        path = posixpath.join(url, "index.html") if url.endswith("/") else url
        result.append(Redirect(path, relative_url(old, new, directory_urls), title))
    return result
