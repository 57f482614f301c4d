"""Work that runs beside the site build, on another core: the downloads.

The site's downloads (``unduh/pohon.json``, ``unduh/indikator.csv`` and the cascading ``.xlsx``
workbook) are built from the whole model: for a big regency the JSON and CSV take several seconds
and the workbook, written with openpyxl (pure Python), about as long as rendering a few thousand
pages. :class:`DownloadsJob` writes them in a child process while the pages are built and hands
the files over at the end; the machine's second core does the work instead of the build waiting.

The child is given the model the build already checked, the one the pages come from (in
``mkdocs serve`` the cached one): it neither reads the trees nor checks or plans anything again.
On Linux the child is a fork of the build and shares its memory, so handing the model over costs
nothing (a full-size regency, 45 OPD, 5,000 nodes, 15,000 indicators: the fork takes about
15 ms, where pickling the checked model for a fresh interpreter blocks the build for about 3 s and
unpickling costs the child 4 s more). Elsewhere (macOS, Windows) the model is pickled to a
spawned interpreter.
"""

from __future__ import annotations

import multiprocessing
import pickle
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from multiprocessing.connection import Connection
from multiprocessing.context import ForkContext, SpawnContext
from pathlib import Path

from ..tree.check import CheckResult
from ..tree.diagnostics import Text, TextError
from .generate import download_outputs

TIMEOUT = 1800.0
"""Seconds the build waits for the downloads at the end before it gives up on the child (a full
regency's workbook takes about a minute)."""


class DownloadsError(TextError):
    """The downloads process failed; the message (both languages) says why."""


def _context() -> ForkContext | SpawnContext:
    """``fork`` on Linux when the build runs a single thread (the model is shared, not copied),
    else ``spawn``: a fork copies only the forking thread, so a lock another thread held (``mkdocs
    serve``'s server and file watcher run in threads) would stay locked in the child; on macOS a
    forked child can crash in system libraries that started threads, and Windows cannot fork."""
    if sys.platform.startswith("linux") and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


class DownloadsJob:
    """The downloads of the checked model ``result``, written by a child process; with
    ``workbook`` the cascading workbook too."""

    def __init__(self, result: CheckResult, *, workbook: bool) -> None:
        self._folder = tempfile.TemporaryDirectory(prefix="pohon-downloads-")
        self.output = Path(self._folder.name)
        context = _context()
        self._reader, writer = context.Pipe(duplex=False)
        forked = isinstance(context, ForkContext)
        # A spawned child reads its arguments from a pipe only once its interpreter has started
        # (a second or more): the model is pickled here, while nothing changes it, and handed
        # over by a thread, so the build goes on meanwhile (``mkdocs serve`` always spawns).
        model: CheckResult | bytes = result if forked else pickle.dumps(result, protocol=-1)
        self._process = context.Process(
            target=_child,
            args=(model, self.output, workbook, writer),
            name="pohon-downloads",
            daemon=True,
        )
        self._closed = False
        self._started = threading.Event()
        self._start_error: BaseException | None = None
        self._starter: threading.Thread | None = None
        if forked:
            self._start(writer)
        else:
            self._starter = threading.Thread(
                target=self._start, args=(writer,), name="pohon-downloads-start", daemon=True
            )
            self._starter.start()

    def _start(self, writer: Connection) -> None:
        try:
            self._process.start()
        except BaseException as exc:  # noqa: BLE001 - raised again by wait()
            self._start_error = exc
        finally:
            writer.close()  # the child holds its own end; ours would keep the pipe open
            self._started.set()

    def _join_starter(self) -> None:
        if self._starter is not None:
            self._starter.join()
            self._starter = None

    def wait(self, timeout: float = TIMEOUT) -> dict[str, bytes]:
        """Each download's bytes by its path in the site (``unduh/pohon.json``), once the child
        is done; :class:`DownloadsError` when it failed or is not done within ``timeout``."""
        self._join_starter()
        if self._start_error is not None:
            self._close()
            raise DownloadsError(
                Text(
                    id=f"proses unduhan tidak dapat dimulai: {self._start_error}",
                    en=f"the downloads process could not be started: {self._start_error}",
                )
            )
        try:
            answered = self._reader.poll(timeout)
            message = self._reader.recv() if answered else None
        except EOFError:  # the child died before it could say anything
            answered, message = True, None
        if not answered:
            self.cancel()
            raise DownloadsError(
                Text(
                    id=f"proses unduhan tidak selesai dalam {timeout:.0f} detik dan dihentikan",
                    en=f"the downloads process did not finish within {timeout:.0f} s and was "
                    "stopped",
                )
            )
        self._process.join()
        try:
            if message is not None or self._process.exitcode != 0:
                reason = message or f"exit code {self._process.exitcode}"
                raise DownloadsError(
                    Text(
                        id=f"proses unduhan gagal: {reason}",
                        en=f"the downloads process failed: {reason}",
                    )
                )
            return {
                path.relative_to(self.output).as_posix(): path.read_bytes()
                for path in sorted(self.output.rglob("*"))
                if path.is_file()
            }
        finally:
            self._close()

    def kill(self) -> None:
        """Stop the child from another thread than the one in :meth:`wait`, which then raises
        :class:`DownloadsError` and cleans up."""
        self._started.wait()
        if self._start_error is not None:
            return
        try:
            if self._process.is_alive():
                self._process.kill()
        except ValueError:  # closed meanwhile by wait(): the child is done
            pass

    def cancel(self) -> None:
        """Stop the child (a build that failed, or a new ``serve`` rebuild) and drop its files."""
        if self._closed:
            return
        self._join_starter()
        if self._start_error is None and self._process.is_alive():
            self._process.kill()
        self._process.join()
        self._close()

    def _close(self) -> None:
        self._closed = True
        self._reader.close()
        if self._start_error is None:
            self._process.join()
            self._process.close()
        self._folder.cleanup()


class DownloadsLanding:
    """Downloads that land in the site folder once their child is done, while the site is
    already served (``mkdocs serve``: the preview does not wait for the workbook).

    A thread waits for ``job``, writes its files into ``site_dir`` (but those in ``skip``), then
    calls ``landed`` with them; a failure goes to ``failed``. :meth:`cancel` stops the child and
    returns once nothing more is written (a new rebuild is about to empty the folder)."""

    def __init__(
        self,
        job: DownloadsJob,
        site_dir: Path,
        *,
        skip: set[str],
        landed: Callable[[dict[str, bytes], float], None],
        failed: Callable[[DownloadsError], None],
    ) -> None:
        self._job = job
        self._site_dir = site_dir
        self._skip = set(skip)
        self._landed = landed
        self._failed = failed
        self._cancelled = threading.Event()
        self._started = time.perf_counter()
        self._thread = threading.Thread(target=self._land, name="pohon-downloads-land", daemon=True)
        self._thread.start()

    def _land(self) -> None:
        try:
            files = self._job.wait()
        except DownloadsError as exc:
            if not self._cancelled.is_set():
                self._failed(exc)
            return
        if self._cancelled.is_set():
            return
        write_files(self._site_dir, files, skip=self._skip)
        self._landed(files, time.perf_counter() - self._started)

    def join(self) -> None:
        """Wait until the downloads are in the site (or failed)."""
        self._thread.join()

    def cancel(self) -> None:
        """Stop waiting: kill the child if it still runs; nothing is written after this."""
        self._cancelled.set()
        self._job.kill()
        self._thread.join()


def write_files(site_dir: Path, files: dict[str, bytes], *, skip: set[str]) -> None:
    """Write each download (bytes by path in the site) into ``site_dir``, but those in
    ``skip`` (the site's own)."""
    for path, data in files.items():
        if path in skip:
            continue
        target = site_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def _child(model: CheckResult | bytes, out_dir: Path, workbook: bool, report: Connection) -> None:
    """The child process: write the downloads of the model (pickled, in a spawned child), then
    send ``None``, or the reason it failed."""
    try:
        result = pickle.loads(model) if isinstance(model, bytes) else model
        write_downloads(result, out_dir, workbook=workbook)
    except Exception as exc:  # the parent raises DownloadsError with this; a traceback says no more
        report.send(f"{type(exc).__name__}: {exc}")
    else:
        report.send(None)
    finally:
        report.close()


def write_downloads(result: CheckResult, out_dir: Path, *, workbook: bool) -> list[str]:
    """Write the downloads of the checked ``result`` into ``out_dir``; their paths."""
    written = []
    for output in download_outputs(result, workbook=workbook):
        target = out_dir / output.path
        target.parent.mkdir(parents=True, exist_ok=True)
        data = output.content.encode("utf-8") if isinstance(output.content, str) else output.content
        target.write_bytes(data)
        written.append(output.path)
    return written
