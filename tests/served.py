"""A built site served over HTTP on a free local port, for a real browser (tests and benchmarks)."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class _Server(http.server.ThreadingHTTPServer):
    # A browser opens many connections at once (Pagefind fetches its shards and fragments side by
    # side); socketserver's backlog of 5 drops the rest, and the browser tries again only after a
    # second or more.
    request_queue_size = 128


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def served(
    site: Path, handler: type[http.server.SimpleHTTPRequestHandler] = _QuietHandler
) -> Iterator[str]:
    """Serve the folder ``site`` (with ``handler``, a quiet static one unless told); yields its
    base URL (``http://127.0.0.1:PORT/``)."""
    server = _Server(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
