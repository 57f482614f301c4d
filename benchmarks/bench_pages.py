"""What one page costs a reader on a slow phone: transferred bytes, requests and DOMContentLoaded
per page kind of the demo, for one built site or two (before and after a change) in the same run.

Each site is served on 127.0.0.1 by a small server in this script that gzips text (HTML, CSS,
JavaScript, JSON, SVG, XML), as a real host does (``python -m http.server`` does not), and answers
an unknown path with the site's ``404.html`` and status 404. Debian's chromium, driven by
Playwright, emulates a phone on slow 4G through the DevTools protocol: viewport 390×844,
``Network.emulateNetworkConditions`` (latency 150 ms, 1.6 Mbit/s down, 750 kbit/s up) and
``Emulation.setCPUThrottlingRate`` 4. Every load is a fresh browser context (nothing cached); the
page is left alone (no scrolling) until the network has been quiet for half a second.

Per page kind it prints the median of ``--runs`` loads (3 by default) of:

- transferred bytes: the sum of ``encodedDataLength`` of every response (compressed bodies and
  headers), everything the page fetched by itself until the network was quiet;
- requests: how many the page made;
- DOMContentLoaded: ``domContentLoadedEventEnd`` of the navigation, in seconds.

With ``--before`` and ``--after`` both sites are measured in the same run, page kind by page kind,
and the ratios after/before are printed. The issue's targets are marked: DOMContentLoaded at
most 2.5 s on every page kind, at most 300 KB for a page without a diagram.

Usage::

    python benchmarks/bench_pages.py                          # builds the demo, measures it
    python benchmarks/bench_pages.py --before /tmp/baseline-site      # and this one against it
    python benchmarks/bench_pages.py --before DIR --after DIR [--runs 3] [--json out.json]
    python benchmarks/bench_pages.py --before DIR --after DIR --kind crosscutting --profile

``--profile`` records a Chromium trace of each load instead and prints, per page kind and site,
the median main-thread time before DOMContentLoaded by kind of work (parsing HTML, style,
layout, paint, script; the self time of the trace's events, so nothing is counted twice):
where the time goes, rather than how long it took.

This is a benchmark, not a test: it asserts nothing about the figures.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import http.server
import json
import mimetypes
import os
import platform
import statistics
import subprocess
import sys
import tempfile
from contextlib import ExitStack
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.served import served  # noqa: E402

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-quic"]

PAGE_KINDS: dict[str, str] = {
    "home": "",
    "opd": "opd/dinkes/",
    "opd-level": "opd/dinkes/sasaran_program/",
    "node": "node/dinkes-sp-gizi/",
    "indicator": "indikator/dinkes-ss-kia-i1/",
    "pk": "opd/dinkes/pk-2025/",
    "cascading": "opd/dinkes/cascading/",
    "iku-index": "indeks/iku/",
    "indicator-index": "indeks/indikator/",
    "crosscutting": "indeks/crosscutting/",
    "codes": "indeks/kode/",
    # a split listing's group pages (issue 19): on a site past index_inline_limit only
    "indicator-index-opd": "indeks/indikator/opd/dinkes/",
    "codes-opd": "indeks/kode/opd/dinkes/",
    "iku-regional": "indeks/iku/daerah/",
    "iku-opd": "indeks/iku/opd/dinkes/",
    # issue 18: a position, its PK, a problem tree, an agency's action plan
    "position": "opd/dinkes/jabatan/dinkes.kepala/",
    "position-pk": "opd/dinkes/jabatan/dinkes.kepala/pk-2026/",
    "problem": "masalah/stunting/",
    "action-plan": "opd/dispangan/rencana-aksi-2026/",
    "404": "tidak-ada-halaman-ini/",
    "docs": "format/",
}
"""The demo's page kinds and the page measured for each. A kind whose page a site does not have
(the group pages of a listing that is not split; a demo node on a synthetic regency) is skipped
for that site, and said so."""
WITH_DIAGRAM = {"home", "opd", "node", "indicator"}

LATENCY_MS = 150
DOWN_BYTES_PER_S = 1_600_000 / 8
UP_BYTES_PER_S = 750_000 / 8
CPU_SLOWDOWN = 4
PHONE = {"width": 390, "height": 844}
DCL_TARGET_S = 2.5
BYTES_TARGET = 300_000
QUIET_MS = 500
GZIP_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml", "+xml")


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a built site as a static host does: ``index.html`` for a folder, gzip for text when
    the browser accepts it, ``404.html`` with status 404 for an unknown path."""

    cache: dict[Path, bytes]

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        status = 200
        if not path.is_file():
            status, path = 404, Path(self.directory) / "404.html"
            if not path.is_file():
                self.send_error(404)
                return
        body = path.read_bytes()
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        if kind.startswith("text/") or kind == "application/javascript":
            kind += "; charset=utf-8"
        encoded = False
        if "gzip" in self.headers.get("Accept-Encoding", "") and any(t in kind for t in GZIP_TYPES):
            if path not in self.cache:
                self.cache[path] = gzip.compress(body, 6)
            body, encoded = self.cache[path], True
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        if encoded:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        # The browser context may close while a long answer is still on its way.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(body)


def serve_gzip(site: Path) -> contextlib.AbstractContextManager[str]:
    """Serve ``site`` with :class:`GzipHandler` on a free local port; gives its base URL."""
    return served(site, type("Handler", (GzipHandler,), {"cache": {}}))


@dataclass
class Load:
    """One page load: what was transferred, how many requests, when the DOM was ready."""

    bytes: int
    requests: int
    dcl_s: float
    mermaid: bool
    external: int


def load_once(browser: Any, url: str) -> Load:
    """Open ``url`` in a fresh context on the emulated slow phone; measure until the network has
    been quiet for :data:`QUIET_MS`."""
    context = browser.new_context(
        viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2
    )
    external: list[str] = []

    def route(route: Any) -> None:
        if route.request.url.startswith("http://127.0.0.1:"):
            route.continue_()
        else:
            external.append(route.request.url)
            route.abort()

    context.route("**/*", route)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    sizes: dict[str, int] = {}
    urls: dict[str, str] = {}
    cdp.on(
        "Network.requestWillBeSent", lambda e: urls.__setitem__(e["requestId"], e["request"]["url"])
    )
    failed: set[str] = set()
    cdp.on("Network.loadingFailed", lambda e: failed.add(e["requestId"]))
    cdp.on(
        "Network.loadingFinished",
        lambda e: sizes.__setitem__(e["requestId"], int(e["encodedDataLength"])),
    )
    _emulate_phone(cdp)
    try:
        page.goto(url, wait_until="load", timeout=180_000)
        _wait_quiet(page, urls, sizes, failed)
        dcl = page.evaluate(
            "() => { const n = performance.getEntriesByType('navigation')[0];"
            " return n ? n.domContentLoadedEventEnd / 1000 : null; }"
        )
    finally:
        context.close()
    return Load(
        bytes=sum(sizes.values()),
        requests=len(urls),
        dcl_s=float(dcl or 0.0),
        mermaid=any("mermaid" in u for u in urls.values()),
        external=len(external),
    )


def _emulate_phone(cdp: Any) -> None:
    """The slow-4G phone on a DevTools session: no cache, the network and the CPU slowed."""
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    cdp.send(
        "Network.emulateNetworkConditions",
        {
            "offline": False,
            "latency": LATENCY_MS,
            "downloadThroughput": DOWN_BYTES_PER_S,
            "uploadThroughput": UP_BYTES_PER_S,
        },
    )
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})


def finder_once(browser: Any, url: str, query: str) -> float | None:
    """On the slow phone, open a split listing's index ``url``, wait for its finder, type
    ``query`` and time (seconds) until the first match is listed: the data file's fetch and
    parse included. ``None``: the page has no finder."""
    context = browser.new_context(
        viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2
    )
    context.route(
        "**/*",
        lambda route: (
            route.continue_()
            if route.request.url.startswith("http://127.0.0.1:")
            else route.abort()
        ),
    )
    page = context.new_page()
    _emulate_phone(context.new_cdp_session(page))
    try:
        page.goto(url, wait_until="load", timeout=180_000)
        box = page.locator(".pohon-finder:not([hidden]) input")
        if not box.count():
            return None
        started = page.evaluate("() => performance.now()")
        box.fill(query)
        page.wait_for_selector(".pohon-finder__results li", timeout=180_000)
        ended = page.evaluate("() => performance.now()")
        return float(ended - started) / 1000
    finally:
        context.close()


TRACE_CATEGORIES = [
    "devtools.timeline",
    "disabled-by-default-devtools.timeline",
    "blink.user_timing",
    "loading",
]
WORK: dict[str, str] = {
    "ParseHTML": "parse",
    "ParseAuthorStyleSheet": "parse",
    "UpdateLayoutTree": "style",
    "Layout": "layout",
    "PrePaint": "paint",
    "Paint": "paint",
    "Layerize": "paint",
    "Commit": "paint",
    "EvaluateScript": "script",
    "v8.compile": "script",
    "v8.evaluateModule": "script",
    "FunctionCall": "script",
    "EventDispatch": "script",
    "TimerFire": "script",
}
"""Trace events of the renderer's main thread by the kind of work they are; the rest (the
browser's own tasks, loading) is counted as ``other``."""


def profile_once(browser: Any, url: str) -> dict[str, float]:
    """Open ``url`` on the emulated slow phone with a Chromium trace; the main thread's time
    (seconds, as slowed) until DOMContentLoaded by kind of work (:data:`WORK`), and in all
    (``busy``)."""
    context = browser.new_context(
        viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2
    )
    context.route(
        "**/*",
        lambda route: (
            route.continue_()
            if route.request.url.startswith("http://127.0.0.1:")
            else route.abort()
        ),
    )
    page = context.new_page()
    _emulate_phone(context.new_cdp_session(page))
    try:
        browser.start_tracing(page=page, categories=TRACE_CATEGORIES)
        page.goto(url, wait_until="load", timeout=180_000)
        page.wait_for_timeout(QUIET_MS)
        data = json.loads(browser.stop_tracing())
    finally:
        context.close()
    events = data["traceEvents"] if isinstance(data, dict) else data
    main = {
        (e["pid"], e["tid"])
        for e in events
        if e.get("name") == "thread_name" and e.get("args", {}).get("name") == "CrRendererMain"
    }
    ready = [e["ts"] for e in events if e.get("name") == "MarkDOMContent"]
    if not ready:
        return {}
    end = max(ready)
    # the page's own navigation: the last one the renderer started before it was ready
    starts = [
        e["ts"]
        for e in events
        if e.get("name") == "navigationStart" and e.get("pid") in {pid for pid, _ in main}
    ]
    start = max((ts for ts in starts if ts <= end), default=min(ready))
    spans = sorted(
        (
            e
            for e in events
            if (e.get("pid"), e.get("tid")) in main
            and e.get("ph") == "X"
            and "dur" in e
            and start <= e["ts"] <= end
        ),
        key=lambda e: (e["ts"], -e["dur"]),
    )
    # self time: an event's duration less that of the events inside it
    own = [float(e["dur"]) for e in spans]
    open_: list[int] = []
    for index, event in enumerate(spans):
        while open_ and spans[open_[-1]]["ts"] + spans[open_[-1]]["dur"] <= event["ts"]:
            open_.pop()
        if open_:
            own[open_[-1]] -= event["dur"]
        open_.append(index)
    work: dict[str, float] = {}
    for event, time in zip(spans, own, strict=True):
        kind = WORK.get(event["name"], "other")
        work[kind] = work.get(kind, 0.0) + max(time, 0.0) / 1e6  # events that overlap
    work["busy"] = sum(work.values())
    return work


def _profile(browser: Any, sites: dict[str, Path], kinds: list[str], runs: int) -> None:
    """Print the median of :func:`profile_once` per page kind and site, the sites in turns."""
    columns = ["parse", "style", "layout", "paint", "script", "other", "busy"]
    print(
        "\nMain thread until DOMContentLoaded on the slow phone (seconds as slowed, medians):"
        f"\n  {'kind':16s} {'site':8s} " + " ".join(f"{c:>7s}" for c in columns)
    )
    with ExitStack() as stack:
        bases = {name: stack.enter_context(serve_gzip(site)) for name, site in sites.items()}
        for kind in kinds:
            found: dict[str, list[dict[str, float]]] = {name: [] for name in sites}
            for _ in range(runs):
                for name, site in sites.items():
                    if _has(site, kind):
                        found[name].append(profile_once(browser, bases[name] + PAGE_KINDS[kind]))
            for name, loads in found.items():
                loads = [load for load in loads if load]
                if not loads:
                    continue
                row = [statistics.median(load.get(c, 0.0) for load in loads) for c in columns]
                label = name.split(" ")[0][:8]
                print(f"  {kind:16s} {label:8s} " + " ".join(f"{v:7.2f}" for v in row))


def _wait_quiet(page: Any, urls: dict[str, str], done: dict[str, int], failed: set[str]) -> None:
    """Wait until every request has finished or failed and none has started for
    :data:`QUIET_MS` (at most 3 minutes)."""
    last = -1
    for _ in range(360):
        page.wait_for_timeout(QUIET_MS)
        pending = set(urls) - set(done) - failed
        if not pending and len(urls) == last:
            return
        last = len(urls)


@dataclass
class Figures:
    """The median of a page kind's loads on one site."""

    kind: str
    path: str
    bytes: int
    requests: int
    dcl_s: float
    mermaid: bool
    external: int


def measure(
    browser: Any, sites: dict[str, Path], kinds: list[str], runs: int
) -> dict[str, dict[str, Figures]]:
    """Every page kind on every site, the sites taking turns load by load (so that a machine
    busier at one moment does not favour one site)."""
    loads: dict[str, dict[str, list[Load]]] = {name: {} for name in sites}
    with ExitStack() as stack:
        bases = {name: stack.enter_context(serve_gzip(site)) for name, site in sites.items()}
        for kind in kinds:
            having = [name for name, site in sites.items() if _has(site, kind)]
            for name in sites:
                if name not in having:
                    print(f"  {name} {kind}: no {PAGE_KINDS[kind]}, skipped", file=sys.stderr)
            for _ in range(runs):
                for name in having:
                    load = load_once(browser, bases[name] + PAGE_KINDS[kind])
                    loads[name].setdefault(kind, []).append(load)
            for name in having:
                print(f"  {name} {kind}: {_one(_median(kind, loads[name][kind]))}", file=sys.stderr)
    return {name: {k: _median(k, v) for k, v in by_kind.items()} for name, by_kind in loads.items()}


def _time_finder(browser: Any, sites: dict[str, Path], kind: str, query: str, runs: int) -> None:
    """Print the median time from typing ``query`` in the finder of ``kind``'s page to its
    first match, per site (a site whose page has no finder says so)."""
    print(f"\nFinder on {PAGE_KINDS[kind]}, {query!r} typed → first match (slow phone):")
    with ExitStack() as stack:
        for name, site in sites.items():
            base = stack.enter_context(serve_gzip(site))
            times = [finder_once(browser, base + PAGE_KINDS[kind], query) for _ in range(runs)]
            found = [t for t in times if t is not None]
            if not found:
                print(f"  {name}: no finder (the listing is one page)")
            else:
                print(f"  {name}: {statistics.median(found):.2f} s (runs {found})")


def _has(site: Path, kind: str) -> bool:
    """Whether ``site`` has the page measured for ``kind`` (the 404 kind: always)."""
    path = PAGE_KINDS[kind]
    return kind == "404" or (site / path / "index.html").is_file() or (site / path).is_file()


def _median(kind: str, loads: list[Load]) -> Figures:
    return Figures(
        kind,
        PAGE_KINDS[kind],
        int(statistics.median(load.bytes for load in loads)),
        int(statistics.median(load.requests for load in loads)),
        round(statistics.median(load.dcl_s for load in loads), 2),
        any(load.mermaid for load in loads),
        max(load.external for load in loads),
    )


def _one(f: Figures) -> str:
    marks = ""
    if f.dcl_s > DCL_TARGET_S:
        marks += " !DCL"
    if f.kind not in WITH_DIAGRAM and f.bytes > BYTES_TARGET:
        marks += " !KB"
    mermaid = " +mermaid" if f.mermaid else ""
    external = f" {f.external} external!" if f.external else ""
    return (
        f"{f.bytes / 1000:8.0f} KB {f.requests:3d} req {f.dcl_s:6.2f} s{mermaid}{external}{marks}"
    )


def report(sites: dict[str, dict[str, Figures]], load: tuple[float, float]) -> None:
    names = list(sites)
    print(
        f"\nSlow-4G phone: {PHONE['width']}×{PHONE['height']}, latency {LATENCY_MS} ms, "
        f"{DOWN_BYTES_PER_S * 8 / 1e6:.1f} Mbit/s down, {UP_BYTES_PER_S * 8 / 1e3:.0f} kbit/s up, "
        f"CPU ×{CPU_SLOWDOWN}; medians; KB = 1000 bytes transferred (gzip)."
    )
    print(
        f"Machine load average (1 min) {load[0]:.1f} at the start, {load[1]:.1f} at the end on "
        f"{os.cpu_count()} CPUs: times grow with it; compare sites by their ratio."
    )
    print(
        f"Targets: DOMContentLoaded ≤ {DCL_TARGET_S} s (!DCL), a page without a diagram "
        f"≤ {BYTES_TARGET // 1000} KB (!KB)."
    )
    for name in names:
        print(f"\n{name}")
        for kind, f in sites[name].items():
            print(f"  {kind:16s} {_one(f)}")
    if len(names) == 2:
        before, after = (sites[n] for n in names)
        print(f"\n{'ratio after/before':18s} {'bytes':>8s} {'requests':>9s} {'DCL':>7s}")
        for kind in [k for k in after if k in before]:
            b, a = before[kind], after[kind]
            print(
                f"  {kind:16s} {a.bytes / max(b.bytes, 1):8.2f} {a.requests / max(b.requests, 1):9.2f} "
                f"{a.dcl_s / max(b.dcl_s, 0.001):7.2f}"
            )


def build_demo(out: Path) -> Path:
    """``mkdocs build`` of the demo (this checkout's ``mkdocs.yml``) into ``out``."""
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(out)], cwd=REPO, check=True
    )
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", type=Path, help="a built site to compare against")
    parser.add_argument("--after", type=Path, help="a built site (default: build the demo)")
    parser.add_argument("--runs", type=int, default=3, help="loads per page kind (median)")
    parser.add_argument("--json", type=Path, help="write the figures there")
    parser.add_argument(
        "--kind", action="append", choices=sorted(PAGE_KINDS), help="only these page kinds"
    )
    parser.add_argument(
        "--find",
        metavar="TEXT",
        help="also time the finder of a split all-indicators index: TEXT typed, first match",
    )
    parser.add_argument(
        "--find-code", metavar="CODE", help="the same on a split code index, for CODE"
    )
    parser.add_argument(
        "--find-iku", metavar="TEXT", help="the same on a split IKU index, for TEXT"
    )
    parser.add_argument(
        "--profile",
        action="store_true",
        help="instead: the main thread's work until DOMContentLoaded, by kind (Chromium trace)",
    )
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    started = os.getloadavg()[0]

    with tempfile.TemporaryDirectory(prefix="bench-pages-") as tmp:
        after = args.after or build_demo(Path(tmp) / "site")
        sites = {f"before ({args.before})": args.before} if args.before else {}
        sites[f"after ({after})" if args.before else str(after)] = after
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
            )
            try:
                if args.profile:
                    _profile(browser, sites, args.kind or list(PAGE_KINDS), args.runs)
                    return 0
                results = measure(browser, sites, args.kind or list(PAGE_KINDS), args.runs)
                finds = {
                    "indicator-index": args.find,
                    "codes": args.find_code,
                    "iku-index": args.find_iku,
                }
                for kind, query in finds.items():
                    if query:
                        _time_finder(browser, sites, kind, query, args.runs)
            finally:
                browser.close()
    report(results, (started, os.getloadavg()[0]))
    if args.json:
        data = {
            "machine": platform.platform(),
            "sites": {n: {k: asdict(f) for k, f in r.items()} for n, r in results.items()},
        }
        args.json.write_text(json.dumps(data, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
