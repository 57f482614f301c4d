"""The adversarial corpus (``tests/adversarial/``): its cases, their trees, and the checks run on
what they produce. Used by ``test_adversarial.py`` and ``test_browser_hostile.py``.

A case is a folder ``tests/adversarial/<name>/`` with ``expect.yaml`` and a ``trees/`` folder laid
over the small valid tree of :mod:`tests.treebuilder`, or a row of :data:`GENERATED` when its
files cannot be committed (50 MB, a FIFO, names Windows cannot check out …). See
``tests/adversarial/README.md`` for the format of ``expect.yaml``.
"""

from __future__ import annotations

import html
import json
import os
import signal
import subprocess
import sys
import time
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import yaml

from tests.sites import REPO, SiteConfig
from tests.treebuilder import DINKES, DINSOS, base_files, indicator, line_of, write_tree

CORPUS = Path(__file__).resolve().parent / "adversarial"

HANG_SECONDS = 300
"""CPU seconds after which a check is taken for hung (the child's ``RLIMIT_CPU``: a loop that never
ends is stopped, while a machine busy with other work, which stretches wall time, does not count).
Not a performance target: the slowest case (a valid 100,000-node file) needs about ten seconds of
CPU on a quiet machine."""
DEADLOCK_SECONDS = 3600
"""Wall-clock backstop for a child that waits forever without using CPU."""
MEMORY_LIMIT = 1024**3
"""Documented in docs/format.md ("Limits"): ``pohon check`` stays below 1 GB of memory (peak RSS)
on any input. The child also gets a 4 GB address-space limit, so a regression fails the test
with a MemoryError instead of exhausting the machine."""
ADDRESS_SPACE_GUARD = 4 * 1024**3

Files = dict[str, "str | bytes"]


@dataclass(frozen=True)
class Expect:
    outcome: str
    """``error``: the check reports errors (each naming a file and line), nothing is built.
    ``loads``: the check passes (warnings allowed), within the time and memory limits.
    ``builds``: the check passes and a strict ``mkdocs build`` shows the text as text."""
    about: str = ""
    errors: tuple[tuple[str, str, int], ...] = ()
    """(rule, file relative to the trees folder, line) that must be reported."""
    exact: bool = True
    """The errors reported are exactly ``errors`` (as a set); otherwise at least those."""
    text: tuple[str, ...] = ()
    """Strings that must appear as text (not markup) somewhere in the built HTML."""
    pages: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Strings that must appear as text on one page (path under the site folder)."""


@dataclass(frozen=True)
class Case:
    name: str
    expect: Expect
    files: Callable[[], Files]
    """The trees folder's files (path relative to it → content), written at test time."""
    prepare: Callable[[Path], None] | None = None
    """Run on the written trees folder: FIFOs, links, names a checkout could not hold."""

    def write(self, trees: Path) -> Path:
        write_tree(trees, self.files())
        if self.prepare is not None:
            self.prepare(trees)
        return trees


# --- folder cases --------------------------------------------------------------------------------


def _expect(data: dict) -> Expect:
    known = {"about", "outcome", "errors", "exact", "text", "pages", "base", "remove"}
    unknown = set(data) - known
    assert not unknown, f"unknown keys in expect.yaml: {unknown}"
    assert data["outcome"] in ("error", "loads", "builds"), data["outcome"]
    errors = tuple((e["rule"], e["file"], int(e["line"])) for e in data.get("errors") or ())
    return Expect(
        outcome=data["outcome"],
        about=" ".join(str(data.get("about", "")).split()),
        errors=errors,
        exact=bool(data.get("exact", True)),
        text=tuple(data.get("text") or ()),
        pages={k: tuple(v) for k, v in (data.get("pages") or {}).items()},
    )


def _folder_files(folder: Path, data: dict) -> Callable[[], Files]:
    def files() -> Files:
        result: Files = dict(base_files()) if data.get("base", True) else {}
        for name in data.get("remove") or ():
            del result[name]
        trees = folder / "trees"
        for path in sorted(trees.rglob("*")):
            if path.is_file():
                result[path.relative_to(trees).as_posix()] = path.read_bytes()
        return result

    return files


def folder_cases() -> list[Case]:
    cases = []
    for folder in sorted(p for p in CORPUS.iterdir() if (p / "expect.yaml").is_file()):
        data = yaml.safe_load((folder / "expect.yaml").read_text("utf-8"))
        cases.append(Case(folder.name, _expect(data), _folder_files(folder, data)))
    return cases


# --- generated cases -----------------------------------------------------------------------------


def _with_files(extra: Callable[[], Files]) -> Callable[[], Files]:
    def files() -> Files:
        result: Files = dict(base_files())
        result.update(extra())
        return result

    return files


OPD_X = "opd:\n  id: x\n  nama: Kantor X\n"


def _huge_file() -> Files:
    # 50 MB: a valid agency file padded with comment lines.
    pad = b"# " + b"x" * 1021 + b"\n"
    return {"opd/besar.yaml": OPD_X.encode() + pad * (50 * 1024)}


def _many_nodes(count: int) -> Callable[[], Files]:
    def files() -> Files:
        lines = [OPD_X, "node:\n"]
        for i in range(count):
            lines.append(
                f"  - {{id: b-{i}, tingkat: sasaran_strategis, induk: sasaran, "
                f"pernyataan: Meningkatnya layanan nomor {i}}}\n"
            )
        return {"opd/besar.yaml": "".join(lines)}

    return files


def _too_many_values() -> Files:
    # 5.5 MB of empty mappings: 1.1 million values, each a few hundred bytes once composed.
    return {"opd/nilai.yaml": OPD_X + "node:\n" + "- {}\n" * 1_100_000}


def _alias_flood() -> Files:
    # One anchored node referenced a million times: the graph stays small, the file is 6 MB.
    head = OPD_X + "node:\n  - &n {id: n, tingkat: sasaran_strategis, pernyataan: N}\n"
    return {"opd/alias.yaml": head + "  - *n\n" * 1_000_000}


def _deep(kind: str) -> Callable[[], Files]:
    depth = 10_000

    def files() -> Files:
        if kind == "flow":
            body = "node: " + "[" * depth + "]" * depth + "\n"
        elif kind == "block":
            body = "node:\n  " + "- " * depth + "x\n"
        else:  # mappings, one per line, each indented one more space: 50 MB, so one line of flow
            body = "node: " + "{a: " * depth + "b" + "}" * depth + "\n"
        return {"opd/dalam.yaml": OPD_X + body}

    return files


def _fifo(trees: Path) -> None:
    os.mkfifo(trees / "opd" / "pipa.yaml")


def _dev_zero(trees: Path) -> None:
    (trees / "opd" / "nol.yaml").symlink_to("/dev/zero")


def _outside(trees: Path) -> None:
    secret = trees.parent / "rahasia.yaml"
    secret.write_text("opd: {id: rahasia, nama: Rahasia}\n", "utf-8")
    (trees / "opd" / "rahasia.yaml").symlink_to(secret)


def _loop(trees: Path) -> None:
    (trees / "opd" / "a.yaml").symlink_to(trees / "opd" / "b.yaml")
    (trees / "opd" / "b.yaml").symlink_to(trees / "opd" / "a.yaml")


def _crlf() -> Files:
    return {name: text.replace("\n", "\r\n") for name, text in base_files().items()}


def _crlf_broken() -> Files:
    text = DINKES.replace("    induk: sp\n", "    induk: tidak-ada\n").replace("\n", "\r\n")
    return {"opd/dinkes.yaml": text}


def _bom() -> Files:
    return {name: "\ufeff" + text for name, text in base_files().items()}


def _bom_broken() -> Files:
    typo = DINSOS.replace("pernyataan: Terdatanya keluarga", "pernyatan: Terdatanya keluarga")
    return {"opd/dinsos.yaml": "\ufeff" + typo}


def _agency(ident: str, name: str) -> str:
    return (
        f"opd:\n  id: {ident}\n  nama: {name}\nnode:\n  - id: {ident}-ss\n"
        "    tingkat: sasaran_strategis\n    induk: sasaran\n    pernyataan: Meningkatnya layanan\n"
        f"    indikator:\n      - {indicator(ident + '-i')}\n"
    )


def _windows_names() -> Files:
    return {
        "opd/con.yaml": _agency("kantor-a", "Kantor A"),
        "opd/LPT1.yml": _agency("kantor-b", "Kantor B"),
        "opd/a\\b.yaml": _agency("kantor-c", "Kantor C"),
        "opd/tanya?.yaml": _agency("kantor-d", "Kantor D"),
        "opd./kantor.yaml": _agency("kantor-e", "Kantor E"),
        "opd/baris\nbaru.yaml": _agency("kantor-f", "Kantor F"),
        "opd/\u202elmay.exe.yaml": _agency("kantor-g", "Kantor G"),
    }


def _markup_name() -> Files:
    # A file name is printed into the edit link's href by the theme, which does not escape it.
    return {'opd/"><img src=x onerror=pwn(1)>.yaml': _agency("kantor-x", "Kantor X")}


def _twin_names() -> Files:
    nfc = unicodedata.normalize("NFC", "opd/sosial-é.yaml")
    nfd = unicodedata.normalize("NFD", "opd/sosial-é.yaml")
    assert nfc != nfd
    return {
        "opd/dinkеs.yaml": _agency("kantor-a", "Kantor A"),  # Cyrillic е
        "opd/Dinsos.yaml": _agency("kantor-b", "Kantor B"),
        nfc: _agency("kantor-c", "Kantor C"),
        nfd: _agency("kantor-d", "Kantor D"),
    }


def _err(rule: str, file: str, line: int) -> tuple[str, str, int]:
    return (rule, file, line)


GENERATED: list[Case] = [
    Case(
        "file-50mb",
        Expect(
            "error",
            "A 50 MB agency file: refused before it is read, at once.",
            (_err("berkas-tidak-terbaca", "opd/besar.yaml", 1),),
        ),
        _with_files(_huge_file),
    ),
    Case(
        "nodes-100000",
        Expect(
            "loads",
            "One agency file with 100,000 nodes (10 MB): within the limits, it loads; the site "
            "warns that none has an indicator (100 listed per rule and file).",
        ),
        _with_files(_many_nodes(100_000)),
    ),
    Case(
        "values-over-limit",
        Expect(
            "error",
            "5.5 MB of empty mappings: more than a million YAML values, refused before the node "
            "graph (gigabytes for a 20 MB file) is built.",
            (_err("berkas-tidak-terbaca", "opd/nilai.yaml", 999_996),),
        ),
        _with_files(_too_many_values),
    ),
    Case(
        "alias-flood",
        Expect(
            "error",
            "One anchor referenced a million times: refused by the value limit.",
            (_err("berkas-tidak-terbaca", "opd/alias.yaml", 999_990),),
        ),
        _with_files(_alias_flood),
    ),
    Case(
        "nesting-10000-flow",
        Expect(
            "error",
            "10,000 nested flow lists: refused before libyaml's recursive composer sees them.",
            (_err("yaml-sintaks", "opd/dalam.yaml", 4),),
        ),
        _with_files(_deep("flow")),
    ),
    Case(
        "nesting-10000-block",
        Expect(
            "error",
            "10,000 nested block lists on one line ('- - - …').",
            (_err("yaml-sintaks", "opd/dalam.yaml", 5),),
        ),
        _with_files(_deep("block")),
    ),
    Case(
        "nesting-10000-mappings",
        Expect(
            "error",
            "10,000 nested flow mappings.",
            (_err("yaml-sintaks", "opd/dalam.yaml", 4),),
        ),
        _with_files(_deep("mappings")),
    ),
    Case(
        "fifo",
        Expect(
            "error",
            "A named pipe called pipa.yaml: reading it would wait for a writer forever.",
            (_err("berkas-tidak-terbaca", "opd/pipa.yaml", 1),),
        ),
        _with_files(dict),
        _fifo,
    ),
    Case(
        "link-to-dev-zero",
        Expect(
            "error",
            "A link to /dev/zero: an endless file.",
            (_err("berkas-tidak-terbaca", "opd/nol.yaml", 1),),
        ),
        _with_files(dict),
        _dev_zero,
    ),
    Case(
        "link-outside-trees",
        Expect(
            "error",
            "A link to a YAML file outside the trees folder (it would be published).",
            (_err("berkas-tidak-terbaca", "opd/rahasia.yaml", 1),),
        ),
        _with_files(dict),
        _outside,
    ),
    Case(
        "link-loop",
        Expect(
            "error",
            "Two links pointing at each other.",
            (
                _err("berkas-tidak-terbaca", "opd/a.yaml", 1),
                _err("berkas-tidak-terbaca", "opd/b.yaml", 1),
            ),
        ),
        _with_files(dict),
        _loop,
    ),
    Case(
        "latin-1",
        Expect(
            "error",
            "A file saved as Latin-1: the byte is named with its line.",
            (_err("berkas-tidak-terbaca", "opd/latin.yaml", 3),),
        ),
        _with_files(lambda: {"opd/latin.yaml": b"opd:\n  id: latin\n  nama: Dinas Budaya \xc9\n"}),
    ),
    Case(
        "nul-byte",
        Expect(
            "error",
            "A NUL byte in the middle of a file.",
            (_err("berkas-tidak-terbaca", "opd/byte-nol.yaml", 2),),
        ),
        _with_files(lambda: {"opd/byte-nol.yaml": b"opd:\n  id: nul\x00\n  nama: X\n"}),
    ),
    Case(
        "crlf",
        Expect(
            "builds", "The whole tree with Windows line ends (CRLF).", text=("Dinas Kesehatan",)
        ),
        _crlf,
    ),
    Case(
        "crlf-error-line",
        Expect(
            "error",
            "CRLF line ends do not shift the reported line.",
            (_err("rujukan-hilang", "opd/dinkes.yaml", line_of(DINKES, "induk: sp")),),
        ),
        _with_files(_crlf_broken),
    ),
    Case(
        "bom",
        Expect("builds", "Every file starts with a UTF-8 BOM.", text=("Dinas Sosial",)),
        _bom,
    ),
    Case(
        "bom-error-line",
        Expect(
            "error",
            "A BOM does not shift the reported line either.",
            (
                _err("kolom-tidak-dikenal", "opd/dinsos.yaml", line_of(DINSOS, "Terdatanya kel")),
                _err("kolom-wajib", "opd/dinsos.yaml", line_of(DINSOS, "- id: dinsos-sub")),
            ),
        ),
        _with_files(_bom_broken),
    ),
    Case(
        "file-names-windows",
        Expect(
            "error",
            "File and folder names Windows cannot check out: device names, '\\', '?', a trailing "
            "dot, a newline, a right-to-left override that disguises the extension.",
            (
                _err("nama-berkas-tidak-aman", "opd/con.yaml", 1),
                _err("nama-berkas-tidak-aman", "opd/LPT1.yml", 1),
                _err("nama-berkas-tidak-aman", "opd/a\\b.yaml", 1),
                _err("nama-berkas-tidak-aman", "opd/tanya?.yaml", 1),
                _err("nama-berkas-tidak-aman", "opd./kantor.yaml", 1),
                _err("nama-berkas-tidak-aman", "opd/baris\\u000abaru.yaml", 1),
                _err("nama-berkas-tidak-aman", "opd/\\u202elmay.exe.yaml", 1),
            ),
        ),
        _with_files(_windows_names),
    ),
    Case(
        "file-name-markup",
        Expect(
            "error",
            "A file name with '\"><img onerror=…>': themes print the edit link unescaped.",
            (_err("nama-berkas-tidak-aman", 'opd/"><img src=x onerror=pwn(1)>.yaml', 1),),
        ),
        _with_files(_markup_name),
    ),
    Case(
        "file-names-twins",
        Expect(
            "error",
            "File names a reader (or Windows and macOS) cannot tell apart: Cyrillic е for e, "
            "capitals, NFC and NFD forms of é.",
            (
                _err("nama-kembar", "opd/dinkеs.yaml", 1),  # the Cyrillic one, read second
                _err("nama-kembar", "opd/dinsos.yaml", 1),
                _err("nama-kembar", unicodedata.normalize("NFC", "opd/sosial-é.yaml"), 1),
            ),
        ),
        _with_files(_twin_names),
    ),
]


def all_cases() -> list[Case]:
    return folder_cases() + GENERATED


# --- running the check in a child process --------------------------------------------------------

# Peak memory is this process's own high-water mark (VmHWM): ru_maxrss would also count the
# parent's, which a forked child inherits on Linux.
_CHILD = r"""
import json, re, resource, sys, time
limit = int(sys.argv[2])
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
cpu = int(sys.argv[3])
resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 10))  # SIGXCPU, then SIGKILL
from mkdocs_pohon_plugin.core import check_trees
started = time.monotonic()
result = check_trees(sys.argv[1])
seconds = time.monotonic() - started
try:
    status = open("/proc/self/status").read()
    peak = int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1)) * 1024
except (OSError, AttributeError):
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
json.dump({
    "diagnostics": [d.as_dict() for d in result.diagnostics],
    "nodes": len(result.site.nodes),
    "seconds": seconds,
    "peak_rss": peak,
}, sys.stdout)
"""


@dataclass
class CheckRun:
    returncode: int
    stdout: str
    stderr: str
    wall_seconds: float
    diagnostics: list[dict] = field(default_factory=list)
    nodes: int = 0
    seconds: float = 0.0
    peak_rss: int = 0


def run_check(project: Path) -> CheckRun:
    """``check_trees('trees')`` in a fresh Python, from ``project``, with the hang detector."""
    env = {**os.environ, "PYTHONPATH": str(REPO), "PYTHONDONTWRITEBYTECODE": "1"}
    started = time.monotonic()
    proc = subprocess.run(
        [sys.executable, "-c", _CHILD, "trees", str(ADDRESS_SPACE_GUARD), str(HANG_SECONDS)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=DEADLOCK_SECONDS,
    )
    if proc.returncode in (-signal.SIGXCPU, -signal.SIGKILL):
        raise subprocess.TimeoutExpired(proc.args, HANG_SECONDS, proc.stdout, proc.stderr)
    run = CheckRun(proc.returncode, proc.stdout, proc.stderr, time.monotonic() - started)
    if proc.returncode == 0:
        data = json.loads(proc.stdout)
        run.diagnostics = data["diagnostics"]
        run.nodes = data["nodes"]
        run.seconds = data["seconds"]
        run.peak_rss = data["peak_rss"]
    return run


# --- snapshots: nothing written where it should not be ------------------------------------------


def snapshot(root: Path, skip: Path | None = None) -> dict[str, tuple[str, int, int]]:
    """Every file, folder and link under ``root`` (except ``skip``): kind, size, mtime."""
    result: dict[str, tuple[str, int, int]] = {}
    for directory, subdirs, files in os.walk(root):
        here = Path(directory)
        if skip is not None:
            subdirs[:] = [d for d in subdirs if here / d != skip]
        for name in subdirs + files:
            path = here / name
            info = path.lstat()
            kind = "link" if path.is_symlink() else "dir" if path.is_dir() else "file"
            if kind == "dir":  # a folder's own time changes when the site folder appears in it
                result[str(path.relative_to(root))] = (kind, 0, 0)
            else:
                result[str(path.relative_to(root))] = (kind, info.st_size, info.st_mtime_ns)
    return result


# --- real MkDocs builds ---------------------------------------------------------------------------

SITE = SiteConfig(
    font=False,
    custom_dir=REPO / "overrides",
    features=("content.action.edit", "search.highlight"),
    permalink=True,
)
"""The corpus's site, like the demo's: edit links into a repository (generated from the YAML file
names), system fonts and the demo's source partial (no third-party request)."""


# --- what the HTML shows --------------------------------------------------------------------------

MARKERS = ("pwn(", "pwn&#40;", "evil.example", "javascript:")
_URL_ATTRIBUTES = {
    "href",
    "src",
    "srcset",
    "action",
    "formaction",
    "data",
    "content",
    "style",
    "xlink:href",
    "poster",
    "background",
    "srcdoc",
}


class PageText(HTMLParser):
    """A page's text as a reader sees it, and every place where a payload became markup."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.live: list[str] = []
        self._raw: str | None = None  # inside <script> or <style>
        self._raw_text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            value = value or ""
            lowered = value.lower()
            dangerous = name.startswith("on") or name in _URL_ATTRIBUTES
            if dangerous and any(marker in lowered for marker in MARKERS):
                self.live.append(f"<{tag} {name}={value!r}>")
        if tag in ("script", "style"):
            self._raw = tag
            self._raw_text = []

    def handle_endtag(self, tag: str) -> None:
        if tag == self._raw:
            body = "".join(self._raw_text)
            if "pwn" in body or "display:none}" in body.replace(" ", ""):
                self.live.append(f"<{tag}>{body[:120]}</{tag}>")
            self._raw = None

    def handle_data(self, data: str) -> None:
        if self._raw is not None:
            self._raw_text.append(data)
        else:
            self.text.append(data)


def read_page(path: Path) -> PageText:
    parser = PageText()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser


def html_pages(site: Path) -> Iterator[Path]:
    yield from sorted(site.rglob("*.html"))


@dataclass
class SiteText:
    """Text and live markup of every HTML page of a built site."""

    pages: dict[str, str]
    live: dict[str, list[str]]
    broken_tables: list[str]
    """Pages with a paragraph that starts with '| ': a table row a value pushed out of its table."""

    @classmethod
    def read(cls, site: Path) -> SiteText:
        pages: dict[str, str] = {}
        live: dict[str, list[str]] = {}
        broken: list[str] = []
        for path in html_pages(site):
            parsed = read_page(path)
            key = path.relative_to(site).as_posix()
            pages[key] = "".join(parsed.text)
            if parsed.live:
                live[key] = parsed.live
            if "<p>| " in path.read_text(encoding="utf-8"):
                broken.append(key)
        return cls(pages, live, broken)

    def shows(self, text: str, page: str | None = None) -> bool:
        if page is not None:
            return text in self.pages.get(page, "")
        return any(text in body for body in self.pages.values())

    def double_escaped(self, text: str) -> list[str]:
        """Pages that show the entities of ``text`` (``&lt;script&gt;``) instead of the text."""
        escaped = html.escape(text, quote=False)
        if escaped == text:
            return []
        return [page for page, body in self.pages.items() if escaped in body]
