"""Index a built site with Pagefind, after the build: the static full-text search of the site.

Plain Python (no MkDocs): :func:`index_site` runs the Pagefind binary that the ``pagefind`` package
ships (the ``pagefind`` extra: ``pip install 'mkdocs-pohon-plugin[pagefind]'``, which brings
``pagefind[bin]``) over a folder of HTML and writes the search bundle into ``<site>/pagefind/``:
``pagefind.js``, its WebAssembly, one entry file and index/fragment chunks that a browser fetches
only for the words it searches. The pages indexed are:

- only the page's content (``article.md-content__inner``, Material's article), not the
  navigation, header or footer; a page without it (an ``id_lama`` redirect page) is skipped;
- without Mermaid diagram sources (``.mermaid``, ``.pohon-diagram``), heading anchors (¶),
  Material's edit/view buttons and hidden elements (the pages' own ``data-pagefind-ignore`` is
  honoured too);
- as one index in one language (``--force-language``), whatever ``<html lang>`` says, and by
  default without stemming: Pagefind's Indonesian stemmer (``id``) reduces "kematian" to "mati" and
  "pelayanan" to "layan", so while a reader types ("kemat", "pelay") no indexed word starts with
  the prefix and Pagefind falls back to a shorter one ("ke", "pe"): junk results. Unstemmed, words
  are kept whole and every prefix finds its words, as in Material's own Indonesian search (which
  has no stemmer either); the price is that "layanan" does not also find "pelayanan";
- every ``*.html`` file but the top-level ``404.html`` (and the ``pagefind``, ``search`` and
  ``assets`` folders).

Filters come from the pages themselves (``data-pagefind-filter="opd"``, ``"tingkat"``,
``"tahun"``), hidden ones included: their text is not searched, the filter is still recorded.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

OUTPUT_SUBDIR = "pagefind"
ROOT_SELECTOR = "article.md-content__inner"
EXCLUDE_SELECTORS: tuple[str, ...] = (
    ".mermaid",
    ".pohon-diagram",
    ".headerlink",
    ".md-content__button",
    # Hidden elements are not searched (the reader cannot see them), but Pagefind still reads the
    # filters in them: the pages' hidden data-pagefind-filter spans (opd, tingkat, tahun).
    "[hidden]",
    ".pohon-facets",
)
SKIP_TOP_LEVEL: tuple[str, ...] = ("404.html", OUTPUT_SUBDIR, "search", "assets")
UNSTEMMED = "unknown"  # Pagefind's language without a stemmer (wasm.unknown.pagefind)
INSTALL_HINT = (
    "pip install 'mkdocs-pohon-plugin[pagefind]' (or pip install 'pagefind[bin]') "
    "in the environment that runs mkdocs"
)
_GLOB_SPECIAL = re.compile(r"[{}\[\]*?,!\\]")
_STDERR_LINES = 15


class SearchIndexError(Exception):
    """Pagefind is missing, failed, or indexed nothing: the message says what happened."""


@dataclass(frozen=True)
class SearchIndexStats:
    """What :func:`index_site` wrote."""

    output: Path
    pages: int
    words: int
    filters: int
    language: str
    files: int
    bytes: int
    seconds: float
    version: str


def pagefind_executable() -> Path | None:
    """The Pagefind binary of the installed ``pagefind`` package, or ``None`` without one.

    ``pagefind`` without its ``[bin]`` part finds a ``pagefind`` on ``PATH`` (or in
    ``PAGEFIND_BINARY_PATH``); that counts too."""
    if importlib.util.find_spec("pagefind") is None:
        return None
    try:
        from pagefind.service import get_executable
    except ImportError:
        return None
    try:
        path = get_executable()
    except (FileNotFoundError, OSError):
        return None
    if path is None or not Path(path).is_file():
        return None
    return Path(path)


def pagefind_available() -> bool:
    """Whether :func:`index_site` can run (the ``pagefind`` package and its binary)."""
    return pagefind_executable() is not None


def site_glob(site_dir: Path, skip: Sequence[str] = SKIP_TOP_LEVEL) -> str:
    """The glob of the HTML files to index: every ``*.html`` but the top-level entries in
    ``skip``. Pagefind's glob has no negation, so it lists the top-level folders and files kept."""
    parts: list[str] = []
    for entry in sorted(site_dir.iterdir(), key=lambda p: p.name):
        name = entry.name
        if name in skip or name.startswith("."):
            continue
        if _GLOB_SPECIAL.search(name):
            return "**/*.{html}"  # a name the glob cannot spell: index everything
        if entry.is_dir():
            parts.append(f"{name}/**/*.html")
        elif name.endswith(".html"):
            parts.append(name)
    if not parts:
        return "**/*.{html}"
    return "{" + ",".join(parts) + "}"


def _number(pattern: str, text: str) -> int:
    match = re.search(pattern, text)
    return int(match.group(1)) if match else 0


def _tail(text: str) -> str:
    """The last lines of Pagefind's output, each once (it repeats its errors)."""
    lines: list[str] = []
    for line in text.strip().splitlines():
        if line.strip() and line.rstrip() not in lines:
            lines.append(line.rstrip())
    return "\n".join(lines[-_STDERR_LINES:])


def index_site(
    site_dir: Path | str,
    *,
    language: str = "id",
    stemming: bool = False,
    root_selector: str | None = ROOT_SELECTOR,
    exclude_selectors: Sequence[str] = EXCLUDE_SELECTORS,
    skip: Sequence[str] = SKIP_TOP_LEVEL,
    executable: Path | None = None,
) -> SearchIndexStats:
    """Index the built site in ``site_dir`` with Pagefind into ``site_dir/pagefind/``.

    ``language`` is the pages' language; with ``stemming`` the index uses Pagefind's stemmer for
    it, without (the default) one language-neutral index of whole words. The previous bundle in
    ``site_dir/pagefind/`` is removed first. Raises :class:`SearchIndexError` when Pagefind is
    not installed, fails (with the end of its output), or indexes no page."""
    site = Path(site_dir).resolve()
    if not site.is_dir():
        raise SearchIndexError(f"the site folder {site} does not exist: build the site first")
    binary = executable or pagefind_executable()
    if binary is None:
        raise SearchIndexError(f"Pagefind is not installed: {INSTALL_HINT}")
    output = site / OUTPUT_SUBDIR
    if output.is_dir():
        shutil.rmtree(output)
    command = [str(binary), "--site", str(site), "--output-subdir", OUTPUT_SUBDIR]
    command += ["--glob", site_glob(site, skip)]
    index_language = language if stemming else UNSTEMMED
    command += ["--force-language", index_language]
    if root_selector:
        command += ["--root-selector", root_selector]
    for selector in exclude_selectors:
        command += ["--exclude-selectors", selector]
    started = time.perf_counter()
    try:
        run = subprocess.run(
            command, cwd=site, capture_output=True, text=True, encoding="utf-8", errors="replace"
        )
    except OSError as exc:
        raise SearchIndexError(f"Pagefind ({binary}) could not be started: {exc}") from exc
    seconds = time.perf_counter() - started
    said = _tail(run.stderr) or _tail(run.stdout) or "(no output)"
    pages = _number(r"Indexed (\d+) pages?", run.stdout)
    entry = output / "pagefind-entry.json"
    if "not able to build an index" in said or (
        run.returncode == 0 and not (pages and entry.exists())
    ):
        raise SearchIndexError(
            f"Pagefind indexed no page of {site}: no {root_selector or '<body>'} element in any "
            f"of its HTML files ({site_glob(site, skip)})?\n{said}"
        )
    if run.returncode != 0:
        raise SearchIndexError(f"Pagefind failed on {site} (exit status {run.returncode}):\n{said}")
    written = [p for p in output.rglob("*") if p.is_file()]
    version = re.search(r"Running Pagefind v(\S+)", run.stdout)
    return SearchIndexStats(
        output=output,
        pages=pages,
        words=_number(r"Indexed (\d+) words?", run.stdout),
        filters=_number(r"Indexed (\d+) filters?", run.stdout),
        language=index_language,
        files=len(written),
        bytes=sum(p.stat().st_size for p in written),
        seconds=seconds,
        version=version.group(1) if version else "",
    )
