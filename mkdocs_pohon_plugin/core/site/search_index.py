"""Index a site with Pagefind, the static full-text search of the site: page by page, in shards.

Plain Python (no MkDocs). The Pagefind binary that the ``pagefind`` package ships (the
``pagefind`` extra: ``pip install 'mkdocs-pohon-plugin[pagefind]'``, which brings
``pagefind[bin]``) runs as a service (``pagefind --service``); :class:`SearchIndexer` hands it
one page at a time, so a build can feed it each page as it is written, while the other CPU core
does the indexing. The bundle lands in ``<site>/pagefind/``: ``pagefind.js``, its WebAssembly,
one entry file and index/fragment chunks that a browser fetches only for the words it searches.

**Shards.** Pagefind holds a whole index in memory and, when it writes it, needs about 0.6 KB for
every word of every page: a whole regency (20,000 pages, 3 million words) would take 1.8 GB. So
the pages go into shards of about ``shard_words`` words each (by default under 500 MB of
Pagefind's memory); a full shard is written and dropped from the service before the next grows.
The first shard is the bundle in ``pagefind/``; the others are ``pagefind/shard-2/``, … (their
data only: the script and WebAssembly of the first serve them all), listed in
``pagefind/pohon-shards.json``, which the search box reads to merge them into one search
(Pagefind's ``mergeIndex``). Results of all shards are ranked together.

What is indexed:

- only the page's content (``article.md-content__inner``, Material's article), not the
  navigation, header or footer; a page without it (an ``id_lama`` redirect page) is skipped;
- without Mermaid diagram sources (``.mermaid``, ``.pohon-diagram``), heading anchors (¶),
  Material's edit/view buttons, hidden elements and boilerplate repeated on many pages (the
  Perjanjian Kinerja's wording, parties, signatures and annex; the pages' own
  ``data-pagefind-ignore`` is honoured too: breadcrumbs, lists of other pages, officials'
  names);
- as one index in one language, whatever ``<html lang>`` says, and by default without stemming:
  Pagefind's Indonesian stemmer (``id``) reduces "kematian" to "mati" and "pelayanan" to "layan",
  so while a reader types ("kemat", "pelay") no indexed word starts with the prefix and Pagefind
  falls back to a shorter one ("ke", "pe"): junk results. Unstemmed, words are kept whole and
  every prefix finds its words, as in Material's own Indonesian search (which has no stemmer
  either); the price is that "layanan" does not also find "pelayanan";
- :func:`index_site` (a built folder): every ``*.html`` file but the top-level ``404.html`` and
  the ``pagefind``, ``search`` and ``assets`` folders.

**Writing.** Pagefind hands each shard's files back over its pipe (``GetFiles``) and this module
writes them, on a thread of its own. Pagefind's own ``WriteFiles`` answers before its last writes
have reached the disk, and may exit with them still pending: on a loaded machine a bundle then
had an empty ``pagefind-entry.json`` or a WebAssembly cut short ("invalid gzip data" in the
browser), and the search box could not load.

Filters come from the pages themselves (``data-pagefind-filter="opd"``, ``"tingkat"``,
``"tahun"``), hidden ones included: their text is not searched, the filter is still recorded.
"""

from __future__ import annotations

import base64
import contextlib
import importlib.util
import io
import json
import re
import shutil
import subprocess
import tempfile
import threading
import time
from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from ..tree.diagnostics import Text, TextError

OUTPUT_SUBDIR = "pagefind"
SHARDS_FILE = "pohon-shards.json"
SHARD_PREFIX = "shard-"
ROOT_SELECTOR = "article.md-content__inner"
# The same element, found in the HTML text: a page without it is not handed to Pagefind (its
# service would index the whole body, where the command skips the page).
_ROOT_ELEMENT = re.compile(r"<article\b[^>]*\bclass=[\"'](?:[^\"']*\s)?md-content__inner[\s\"']")
EXCLUDE_SELECTORS: tuple[str, ...] = (
    ".mermaid",
    ".pohon-diagram",
    ".headerlink",
    ".md-content__button",
    # Hidden elements are not searched (the reader cannot see them), but Pagefind still reads the
    # filters in them: the pages' hidden data-pagefind-filter spans (opd, tingkat, tahun).
    "[hidden]",
    ".pohon-facets",
    # Boilerplate, the same on many pages: a Perjanjian Kinerja is found by its title and agency
    # (its first line); its wording, parties, signatures (officials' names, degrees and NIP) and
    # annex (the indicators' own pages have them) are not searched. The line under the title of
    # an agency's level and cascading pages names the agency again.
    ".pohon-signatures",
    '[data-pohon-kind="pk"] table',
    '[data-pohon-kind="pk"] h2',
    '[data-pohon-kind="pk"] > p:not(:first-of-type)',
    '[data-pohon-kind="opd_level"] > p',
    '[data-pohon-kind="cascading"] > p',
)
SKIP_TOP_LEVEL: tuple[str, ...] = ("404.html", OUTPUT_SUBDIR, "search", "assets")
UNSTEMMED = "unknown"  # Pagefind's language without a stemmer (wasm.unknown.pagefind)
# Words in one shard: Pagefind's peak while writing it is about 40 MB + 0.8 KB a word (measured
# with Pagefind 1.5.2 on the generated full regency: 500,000 words a shard, peak 460-480 MB;
# 750,000, 650 MB; one index of its 3 million words, 1.8 GB).
DEFAULT_SHARD_WORDS = 500_000
# Pages handed to the service and not yet answered: enough to keep it busy, little in the pipe.
WINDOW = 128
# Page text held while Pagefind writes a shard (a few seconds of pages): beyond it, the build waits.
HOLD_BYTES = 64 * 1024 * 1024
# Files of a bundle that only the first shard needs (the others are merged into its search).
_SHARED_FILES = re.compile(r"^(pagefind.*\.(js|css)|wasm\..*)$")
INSTALL_HINT = (
    "pip install 'mkdocs-pohon-plugin[pagefind]' (or pip install 'pagefind[bin]') "
    "in the environment that runs mkdocs"
)
_STDERR_LINES = 15


class SearchIndexError(TextError):
    """Pagefind is missing, failed, or indexed nothing: the message (both languages) says what
    happened; Pagefind's own words are quoted as it wrote them."""


class _Refused(SearchIndexError):
    """Pagefind answered one request with an error (and goes on with the others)."""


@dataclass(frozen=True)
class SearchIndexStats:
    """What a :class:`SearchIndexer` wrote. ``words`` counts every word of every page."""

    output: Path
    pages: int
    words: int
    filters: int
    language: str
    shards: int
    files: int
    bytes: int
    seconds: float
    wait_seconds: float
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
    """Whether a :class:`SearchIndexer` can run (the ``pagefind`` package and its binary)."""
    return pagefind_executable() is not None


def search_document(html: str) -> str | None:
    """What Pagefind needs of a page: its article in an empty document (a third of the page, the
    rest is the theme's header, navigation and footer), or ``None`` for a page without one."""
    found = _ROOT_ELEMENT.search(html)
    if found is None:
        return None
    end = html.rfind("</article>")
    if end < found.start():
        return html
    return "<html><body>" + html[found.start() : end + len("</article>")] + "</body></html>"


def site_pages(site_dir: Path, skip: Sequence[str] = SKIP_TOP_LEVEL) -> Iterator[Path]:
    """The HTML files of a built site to index, sorted: every ``*.html`` but the top-level
    entries in ``skip`` and hidden ones."""
    for entry in sorted(site_dir.iterdir(), key=lambda p: p.name):
        if entry.name in skip or entry.name.startswith("."):
            continue
        if entry.is_dir():
            yield from sorted(entry.rglob("*.html"))
        elif entry.name.endswith(".html"):
            yield entry


def page_url(relative: str) -> str:
    """The search result URL of a file, as Pagefind gives it: ``node/x/index.html`` is
    ``/node/x/``, ``a.html`` stays ``/a.html``."""
    path = "/" + relative.lstrip("/")
    if path.endswith("/index.html"):
        return path[: -len("index.html")]
    return path


def _tail(text: str) -> str:
    """The last lines of Pagefind's output, each once (it repeats its errors)."""
    lines: list[str] = []
    for line in text.strip().splitlines():
        if line.strip() and line.rstrip() not in lines:
            lines.append(line.rstrip())
    return "\n".join(lines[-_STDERR_LINES:])


class _Service:
    """A running ``pagefind --service``: requests are base64 JSON messages ended by a comma on
    its stdin, answers the same on its stdout, matched by ``message_id``. A thread reads the
    answers, so a request can be sent without waiting for its answer."""

    def __init__(self, binary: Path, cwd: Path) -> None:
        # Pagefind's own messages, kept to explain a failure (closed in close()).
        self._stderr: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115
        try:
            self._process = subprocess.Popen(
                [str(binary), "--service"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=self._stderr,
                cwd=cwd,
            )
        except OSError as exc:
            self._stderr.close()
            raise SearchIndexError(
                Text(
                    id=f"Pagefind ({binary}) tidak dapat dijalankan: {exc}",
                    en=f"Pagefind ({binary}) could not be started: {exc}",
                )
            ) from exc
        self._binary = binary
        self._answers: dict[int, dict[str, Any]] = {}
        self._ready = threading.Condition()
        self._ended = False
        self._last_id = 0
        self._reader = threading.Thread(target=self._read, name="pagefind-service", daemon=True)
        self._reader.start()

    def _read(self) -> None:
        stdout = self._process.stdout
        # A pipe opened with Popen's default buffering: read1 returns what has arrived.
        assert isinstance(stdout, io.BufferedReader)
        pending: list[bytes] = []  # the start of a message that has not ended yet
        try:
            while chunk := stdout.read1(1 << 16):
                if b"," not in chunk:  # a long answer (a shard's files) comes in many chunks
                    pending.append(chunk)
                    continue
                first, *messages = chunk.split(b",")
                rest = messages.pop()
                messages.insert(0, b"".join([*pending, first]))
                pending = [rest] if rest else []
                for message in messages:
                    answer = json.loads(base64.b64decode(message))
                    message_id = answer.get("message_id")
                    if message_id is None:  # a request it could not read: its id is inside
                        original = answer.get("payload", {}).get("original_message") or "{}"
                        message_id = json.loads(original).get("message_id")
                    with self._ready:
                        self._answers[message_id] = answer.get("payload") or {}
                        self._ready.notify_all()
        except (ValueError, OSError):
            pass
        finally:
            with self._ready:
                self._ended = True
                self._ready.notify_all()

    def _failure(self, doing: str) -> SearchIndexError:
        try:  # its output has ended: it is exiting, or stuck
            status = self._process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self._process.kill()
            status = self._process.wait()
        self._stderr.seek(0)
        said = _tail(self._stderr.read().decode("utf-8", "replace")) or "(no output)"
        return SearchIndexError(
            Text(
                id=f"Pagefind ({self._binary}) berhenti saat {doing} (status keluar {status}):\n"
                f"{said}",
                en=f"Pagefind ({self._binary}) stopped while {doing} (exit status {status}):\n"
                f"{said}",
            )
        )

    def send(self, payload: dict[str, Any]) -> int:
        """Send a request; its id, to :meth:`answer` it later."""
        self._last_id += 1
        message = {"message_id": self._last_id, "payload": payload}
        stdin = self._process.stdin
        assert stdin is not None
        try:
            stdin.write(base64.b64encode(json.dumps(message).encode("utf-8")) + b",")
            stdin.flush()
        except OSError as exc:
            raise self._failure(f"receiving a {payload.get('type')} request") from exc
        return self._last_id

    def answer(self, message_id: int, doing: str, *, wait: bool = True) -> dict[str, Any] | None:
        """The answer to a request, waiting for it (``None`` when it has not come and ``wait`` is
        false); an error answer raises."""
        with self._ready:
            while message_id not in self._answers:
                if self._ended:
                    raise self._failure(doing)
                if not wait:
                    return None
                self._ready.wait()
            payload = self._answers.pop(message_id)
        if payload.get("type") == "Error":
            said = payload.get("message")
            raise _Refused(
                Text(id=f"Pagefind gagal {doing}: {said}", en=f"Pagefind failed {doing}: {said}")
            )
        return payload

    def request(self, payload: dict[str, Any], doing: str) -> dict[str, Any]:
        answer = self.answer(self.send(payload), doing)
        assert answer is not None
        return answer

    def close(self) -> None:
        if self._process.stdin is not None:
            with contextlib.suppress(OSError):  # it may have gone already
                self._process.stdin.close()
        try:
            self._process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        self._reader.join(timeout=5)
        if self._process.stdout is not None:
            self._process.stdout.close()
        self._stderr.close()

    def kill(self) -> None:
        self._process.kill()
        self.close()


@dataclass
class _Shard:
    index_id: int
    output: Path
    words: int = 0
    pages: int = 0
    pending: deque[tuple[int, str]] = field(default_factory=deque)


@dataclass
class _Write:
    message_id: int
    shard: _Shard


class SearchIndexer:
    """Index pages into ``<site_dir>/pagefind/`` one at a time (:meth:`add_page`), then
    :meth:`finish` writes the bundle. :meth:`abort` stops without writing. The previous bundle is
    removed when the first page comes. ``language`` is the pages' language; with ``stemming``
    the index uses Pagefind's stemmer for it, without (the default) one language-neutral index of
    whole words. A shard is closed once the answered pages reach ``shard_words``; up to
    ``window`` more pages may be on their way into it. While Pagefind writes a full shard, the
    pages that come are held here (up to ``hold_bytes``, then :meth:`add_page` waits), not sent:
    a shard growing during the write would add to Pagefind's peak memory. Pagefind failing
    raises :class:`SearchIndexError`."""

    def __init__(
        self,
        site_dir: Path | str,
        *,
        language: str = "id",
        stemming: bool = False,
        shard_words: int = DEFAULT_SHARD_WORDS,
        exclude_selectors: Sequence[str] = EXCLUDE_SELECTORS,
        executable: Path | None = None,
        window: int = WINDOW,
        hold_bytes: int = HOLD_BYTES,
    ) -> None:
        self.site = Path(site_dir).resolve()
        self.output = self.site / OUTPUT_SUBDIR
        self.language = language if stemming else UNSTEMMED
        self.shard_words = max(1, shard_words)
        self.window = max(0, window)
        self.hold_bytes = max(0, hold_bytes)
        self._config = {
            "root_selector": ROOT_SELECTOR,
            "exclude_selectors": list(exclude_selectors),
            "force_language": self.language,
        }
        self._executable = executable
        self._service: _Service | None = None
        self._shard: _Shard | None = None
        self._writing: _Write | None = None
        self._held: deque[tuple[str, str]] = deque()
        self._held_size = 0
        self._outputs: list[Path] = []
        self._failures: list[Text] = []
        self._writers: list[threading.Thread] = []
        """Threads writing a shard's files, one a shard, in order."""
        self._write_errors: list[OSError] = []
        self._started = time.perf_counter()
        self.pages = 0
        self.words = 0
        self.skipped = 0
        self.wait_seconds = 0.0
        """Time :meth:`add_page` and :meth:`finish` spent waiting for Pagefind to write."""

    # Feeding ----------------------------------------------------------------------------------

    def _start(self) -> _Service:
        binary = self._executable or pagefind_executable()
        if binary is None:
            raise SearchIndexError(
                Text(
                    id=f"Pagefind tidak terpasang: {INSTALL_HINT}",
                    en=f"Pagefind is not installed: {INSTALL_HINT}",
                )
            )
        if self.output.is_dir():
            shutil.rmtree(self.output)
        self._started = time.perf_counter()
        self._service = _Service(binary, Path(tempfile.gettempdir()))
        return self._service

    def _current(self) -> tuple[_Service, _Shard]:
        service = self._service or self._start()
        if self._shard is None:
            created = service.request({"type": "NewIndex", "config": self._config}, "creating")
            number = len(self._outputs) + 1
            output = self.output if number == 1 else self.output / f"{SHARD_PREFIX}{number}"
            self._outputs.append(output)
            self._shard = _Shard(index_id=created["index_id"], output=output)
        return service, self._shard

    def _settle(self, service: _Service, shard: _Shard, keep: int) -> None:
        """Take the answers of the shard's pages until at most ``keep`` are pending."""
        while len(shard.pending) > keep:
            message_id, url = shard.pending.popleft()
            try:
                answer = service.answer(message_id, f"indexing {url}") or {}
            except _Refused as exc:  # one page it could not index: said at the end
                self._failures.append(exc.text)
                continue
            words = int(answer.get("page_word_count") or 0)
            shard.words += words
            shard.pages += 1
            self.words += words
            self.pages += 1

    def add_page(self, url: str, html: str) -> bool:
        """Index one page at ``url`` (``/node/x/``) from its HTML; ``False`` when the page has no
        article to index (it is skipped)."""
        document = search_document(html)
        if document is None:
            self.skipped += 1
            return False
        self._held.append((url, document))
        self._held_size += len(document)
        self._pump(wait=self._held_size > self.hold_bytes)
        return True

    def _pump(self, *, wait: bool) -> None:
        """Send the held pages, unless a shard is being written (and ``wait`` is false)."""
        while self._held:
            if self._writing is not None and not self._written(wait=wait):
                return
            url, document = self._held.popleft()
            self._held_size -= len(document)
            self._send(url, document)

    def _send(self, url: str, document: str) -> None:
        service, shard = self._current()
        message_id = service.send(
            {"type": "AddFile", "index_id": shard.index_id, "url": url, "file_contents": document}
        )
        shard.pending.append((message_id, url))
        self._settle(service, shard, self.window)
        if shard.words >= self.shard_words:
            self._close_shard()

    def _close_shard(self) -> None:
        """Ask Pagefind to write the current shard; :meth:`_written` drops it once written."""
        if self._service is None or self._shard is None:
            return
        service, shard = self._service, self._shard
        self._settle(service, shard, 0)
        self._shard = None
        if not shard.pages:
            service.request({"type": "DeleteIndex", "index_id": shard.index_id}, "dropping")
            self._outputs.remove(shard.output)
            return
        message_id = service.send({"type": "GetFiles", "index_id": shard.index_id})
        self._writing = _Write(message_id, shard)

    def _written(self, *, wait: bool) -> bool:
        """Whether no shard is being written any more (waiting for it with ``wait``); a written
        shard is dropped from Pagefind's memory."""
        writing, service = self._writing, self._service
        if writing is None or service is None:
            return True
        started = time.perf_counter()
        answer = service.answer(writing.message_id, f"writing {writing.shard.output}", wait=wait)
        if answer is None:
            return False
        self._write_files(writing.shard.output, answer.get("files") or [], shared=not self._writers)
        service.request(
            {"type": "DeleteIndex", "index_id": writing.shard.index_id}, "dropping a shard"
        )
        self._writing = None
        if wait:
            self.wait_seconds += time.perf_counter() - started
        return True

    def _write_files(self, output: Path, files: list[dict[str, Any]], *, shared: bool) -> None:
        """Write a shard's files (Pagefind's answer to ``GetFiles``: each one's path in the
        bundle and its bytes in base64) into ``output``, on a thread: the build goes on. The
        script and WebAssembly only with the first shard (``shared``): they serve every shard."""
        decoded: list[tuple[Path, bytes]] = []
        root = output.resolve()
        for file in files:
            name = str(file.get("path") or "")
            target = (root / name).resolve()
            if not name or root not in target.parents:
                continue  # not a bundle file (Pagefind names them itself; never outside)
            if not shared and "/" not in name and _SHARED_FILES.match(name):
                continue
            decoded.append((target, base64.b64decode(file.get("content") or "")))
        before = self._writers[-1] if self._writers else None
        writer = threading.Thread(
            target=self._write_shard,
            args=(decoded, before),
            name="pagefind-files",
            daemon=True,
        )
        writer.start()
        self._writers.append(writer)

    def _write_shard(
        self, files: list[tuple[Path, bytes]], before: threading.Thread | None
    ) -> None:
        if before is not None:  # one shard at a time: the disk is one, and memory stays bounded
            before.join()
        folders: set[Path] = set()
        try:
            for target, data in files:
                if target.parent not in folders:
                    target.parent.mkdir(parents=True, exist_ok=True)
                    folders.add(target.parent)
                target.write_bytes(data)
        except OSError as exc:
            self._write_errors.append(exc)

    def _files_written(self) -> None:
        """Wait until every shard's files are on disk; a failed write raises."""
        for writer in self._writers:
            writer.join()
        if self._write_errors:
            exc = self._write_errors[0]
            raise SearchIndexError(
                Text(
                    id=f"indeks pencarian tidak dapat ditulis ke {self.output}: {exc}",
                    en=f"the search index could not be written to {self.output}: {exc}",
                )
            )

    # Ending -----------------------------------------------------------------------------------

    def finish(self) -> SearchIndexStats:
        """Write what is left, wait for every shard, and say what was written."""
        if self._service is None:
            raise SearchIndexError(
                Text(
                    id=f"Pagefind tidak mengindeks satu halaman pun dari {self.site}: tidak ada "
                    f"elemen {ROOT_SELECTOR} di halaman mana pun ({self.skipped} dilewati)",
                    en=f"Pagefind indexed no page of {self.site}: no {ROOT_SELECTOR} element in "
                    f"any page ({self.skipped} skipped)",
                )
            )
        service = self._service
        try:
            self._pump(wait=True)
            self._close_shard()
            self._written(wait=True)
        except BaseException:
            service.kill()
            self._service = None
            raise
        service.close()
        self._service = None
        self._files_written()
        if self._failures:
            shown = self._failures[:_STDERR_LINES]
            raise SearchIndexError(
                Text("\n".join(f.id for f in shown), "\n".join(f.en for f in shown))
            )
        shards = [output.relative_to(self.output).as_posix() + "/" for output in self._outputs[1:]]
        (self.output / SHARDS_FILE).write_text(
            json.dumps({"shards": shards}, ensure_ascii=False) + "\n", "utf-8"
        )
        written = [p for p in self.output.rglob("*") if p.is_file()]
        entry = _read_entry(self.output / "pagefind-entry.json")
        return SearchIndexStats(
            output=self.output,
            pages=self.pages,
            words=self.words,
            filters=sum(1 for _ in (self.output / "filter").glob("*.pf_filter")),
            language=self.language,
            shards=len(self._outputs),
            files=len(written),
            bytes=sum(p.stat().st_size for p in written),
            seconds=time.perf_counter() - self._started,
            wait_seconds=self.wait_seconds,
            version=str(entry.get("version", "")),
        )

    def abort(self) -> None:
        """Stop the service without writing anything more (a failed build)."""
        if self._service is not None:
            self._service.kill()
            self._service = None
        self._shard = None
        for writer in self._writers:  # a shard's files being written: let them land first
            writer.join()


def _read_entry(path: Path) -> dict[str, Any]:
    """Pagefind's ``pagefind-entry.json`` (its version, for the stats); empty when unreadable."""
    try:
        entry = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return entry if isinstance(entry, dict) else {}


def index_site(
    site_dir: Path | str,
    *,
    language: str = "id",
    stemming: bool = False,
    shard_words: int = DEFAULT_SHARD_WORDS,
    exclude_selectors: Sequence[str] = EXCLUDE_SELECTORS,
    skip: Sequence[str] = SKIP_TOP_LEVEL,
    executable: Path | None = None,
) -> SearchIndexStats:
    """Index a built site in ``site_dir`` (its :func:`site_pages`) into ``site_dir/pagefind/``.

    Raises :class:`SearchIndexError` when the folder is missing, Pagefind is not installed or
    fails (with the end of its output), or no page has an article to index."""
    site = Path(site_dir).resolve()
    if not site.is_dir():
        raise SearchIndexError(
            Text(
                id=f"folder situs {site} tidak ada: bangun situsnya dulu",
                en=f"the site folder {site} does not exist: build the site first",
            )
        )
    indexer = SearchIndexer(
        site,
        language=language,
        stemming=stemming,
        shard_words=shard_words,
        exclude_selectors=exclude_selectors,
        executable=executable,
    )
    try:
        for path in site_pages(site, skip):
            html = path.read_text("utf-8", errors="replace")
            indexer.add_page(page_url(path.relative_to(site).as_posix()), html)
        return indexer.finish()
    except BaseException:
        indexer.abort()
        raise
