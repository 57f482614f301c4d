"""``mkdocs serve``: the site's own Markdown pages converted once while nothing they depend on
changes.

After an edit of a tree MkDocs converts every page of the site's ``docs/`` again with
Python-Markdown, though none of them changed (on the demo, its ten documentation pages are a
third of a preview). :class:`MarkdownCache` keeps what ``Page.render`` left on each of them
(:func:`~.mkdocs_internals.markdown_render`) and the messages it logged, and the next build gives
a page the same again, messages included (``--strict`` still counts them), when the page's
Markdown, as the other plugins left it, is the same and so is what its conversion can see:
``mkdocs.yml`` (the Markdown extensions and their settings, the validation levels) and every
file of the site with its URL (a link resolves against them). A site whose Markdown extensions
read other files while converting (:data:`READS_FILES`) is converted every time.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from . import mkdocs_internals
from .mkdocs_internals import MarkdownRender

READS_FILES = frozenset(
    {"pymdownx.snippets", "pymdownx.b64", "markdown_include.include", "mdx_include"}
)
"""Markdown extensions that read other files while converting a page: a page using one may
change without its Markdown changing."""


@dataclass(slots=True)
class _Kept:
    key: str
    rendered: MarkdownRender
    records: list[logging.LogRecord]


@dataclass(slots=True)
class MarkdownCache:
    """The site's own pages as the last builds converted them, by source path."""

    kept: dict[str, _Kept] = field(default_factory=dict)
    reused: list[str] = field(default_factory=list)
    """The pages of the running build given their last conversion."""
    _frame: str | None = None
    _files: int | None = None
    _seen: set[str] = field(default_factory=set)

    def start(self) -> None:
        """A build starts."""
        self._frame = None
        self._files = None
        self._seen = set()
        self.reused = []

    def attach(self, page: Page, config: MkDocsConfig, files: Files) -> None:
        """Give ``page`` (about to be converted, its Markdown final) its last conversion when
        nothing it depends on changed; otherwise keep what its conversion leaves."""
        frame = self._frame_of(config, files)
        if frame is None or page.markdown is None:
            return
        src_uri = page.file.src_uri
        self._seen.add(src_uri)
        key = _digest(frame, src_uri, page.file.dest_uri, page.markdown)
        kept = self.kept.get(src_uri)
        if kept is not None and kept.key == key:
            self.reused.append(src_uri)

            def again(config: MkDocsConfig, files: Files) -> None:
                mkdocs_internals.restore_markdown_render(page, kept.rendered, files)
                for record in kept.records:
                    logging.getLogger(record.name).handle(record)

            page.render = again  # type: ignore[method-assign]
            return
        convert = page.render

        def render(config: MkDocsConfig, files: Files) -> None:
            with _records() as records:
                convert(config, files)
            self.kept[src_uri] = _Kept(key, mkdocs_internals.markdown_render(page), records)

        page.render = render  # type: ignore[method-assign]

    def finish(self) -> None:
        """The build succeeded: forget the pages it no longer has."""
        self.kept = {src: kept for src, kept in self.kept.items() if src in self._seen}

    def clear(self) -> None:
        """The build failed: convert everything the next time."""
        self.kept = {}

    def _frame_of(self, config: MkDocsConfig, files: Files) -> str | None:
        """What every page's conversion sees (``None``: do not keep conversions), once a
        build (the files are final once the pages are converted)."""
        if self._files == id(files):
            return self._frame
        self._files = id(files)
        extensions = [str(name) for name in config.markdown_extensions]
        if any(name in READS_FILES for name in extensions):
            self._frame = None
            return None
        config_file = Path(config.config_file_path) if config.config_file_path else None
        # A generated file's inclusion is the generating plugin's business (Pohon excludes a
        # page it reuses from the build, while the page stays in the site).
        listing = sorted(
            (
                file.src_uri,
                file.dest_uri,
                file.url,
                file.inclusion.value if file.generated_by is None else None,
            )
            for file in files
        )
        self._frame = _digest(
            config_file.read_bytes() if config_file is not None and config_file.is_file() else b"",
            extensions,
            _plain(config.mdx_configs),
            _plain(config.validation),
            config.use_directory_urls,
            listing,
        )
        return self._frame


def _plain(value: Any) -> str:
    return repr(value)


def _digest(*parts: object) -> str:
    hasher = hashlib.blake2b(digest_size=16)
    for part in parts:
        hasher.update(part if isinstance(part, bytes) else repr(part).encode("utf-8"))
        hasher.update(b"\0")
    return hasher.hexdigest()


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.NOTSET)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextmanager
def _records() -> Iterator[list[logging.LogRecord]]:
    """The messages MkDocs' loggers emit meanwhile (a broken link, a missing anchor)."""
    handler = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        yield handler.records
    finally:
        logger.removeHandler(handler)
