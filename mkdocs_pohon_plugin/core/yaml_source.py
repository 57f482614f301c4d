"""Reading one tree file into a YAML node graph, safely.

We compose (not construct) with libyaml: the node graph keeps the line of every key and value, lets
us see duplicate keys (which PyYAML's constructor drops silently) and the raw text of every scalar
(so ``1.10`` can be told apart from ``1.1``). Limits protect the build from hostile files:
size, nesting depth (libyaml's composer recurses in C and crashes on very deep nesting).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml
from yaml.nodes import Node as YamlNode

from .diagnostics import DiagnosticSink

try:  # libyaml is present in PyYAML's wheels; fall back to the pure-Python loader otherwise
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the installation
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_FILE_BYTES = 20 * 1024 * 1024
"""A tree file larger than this is refused (a whole regency's agency file is well under 1 MB)."""

MAX_NESTING = 64
"""Deepest nesting of mappings and sequences accepted (the format itself needs about 8)."""

# Below these, nesting cannot exceed what libyaml composes safely, so no exact scan is needed:
# flow nesting is bounded by the number of brackets, block nesting by the longest line.
_CHEAP_FLOW_BOUND = 10_000
_LONG_LINE = 1000


@dataclass(frozen=True, slots=True)
class SourceFile:
    """A tree file as read: its display path, its absolute path and its composed root node."""

    display: str
    path: Path
    root: YamlNode | None


def read_text(path: Path, display: str, sink: DiagnosticSink) -> str | None:
    """Read a file as UTF-8 text (a BOM is accepted); report why when it cannot be."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            sink.add(
                "berkas-tidak-terbaca",
                display,
                0,
                f"The file is {size / 1048576:.1f} MB, above the {MAX_FILE_BYTES // 1048576} MB "
                "limit for one tree file; split the agency's nodes over several files.",
            )
            return None
        data = path.read_bytes()
    except OSError as exc:
        sink.add("berkas-tidak-terbaca", display, 0, f"Cannot read the file ({exc.strerror}).")
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        sink.add(
            "berkas-tidak-terbaca",
            display,
            line,
            f"Byte 0x{data[exc.start]:02x} is not valid UTF-8 (the file may be saved as Latin-1 or "
            "Windows-1252); save it as UTF-8.",
        )
        return None
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        sink.add(
            "berkas-tidak-terbaca", display, line, "The file contains a NUL character; remove it."
        )
        return None
    return text


def _nesting_depth(text: str) -> tuple[int, int]:
    """Exact deepest collection nesting, and the line where it first exceeds the limit."""
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_NESTING:
                return depth, event.start_mark.line + 1
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return depth, 0


def compose(text: str, display: str, sink: DiagnosticSink) -> YamlNode | None:
    """Compose YAML text into a node graph, or report the syntax error with its line."""
    try:
        flow = text.count("[") + text.count("{")
        if flow > _CHEAP_FLOW_BOUND or max(map(len, text.split("\n"))) >= _LONG_LINE:
            depth, line = _nesting_depth(text)
            if depth > MAX_NESTING:
                sink.add(
                    "yaml-sintaks",
                    display,
                    line,
                    f"Lists and mappings are nested more than {MAX_NESTING} levels deep; the tree "
                    "format needs fewer than ten. Flatten the structure.",
                )
                return None
        return yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 0
        problem = exc.problem or exc.context or "invalid YAML"
        hint = _syntax_hint(problem)
        sink.add("yaml-sintaks", display, line, f"YAML syntax error: {problem}. {hint}")
    except yaml.YAMLError as exc:
        sink.add("yaml-sintaks", display, 0, f"YAML error: {exc}. Fix the file's syntax.")
    return None


def _syntax_hint(problem: str) -> str:
    if "tab" in problem:
        return "Indent with spaces, not tabs."
    if "single document" in problem:
        return "Keep one document per file (remove the extra '---')."
    if "mapping values are not allowed" in problem:
        return "A value containing ': ' must be quoted."
    if "could not find expected ':'" in problem or "simple key" in problem:
        return "Check the indentation and quote values that contain ':' or '#'."
    return "Check the indentation and quoting on this line and the one before."


def read_source(path: Path, display: str, sink: DiagnosticSink) -> SourceFile:
    text = read_text(path, display, sink)
    if text is None:
        return SourceFile(display, path, None)
    reported = len(sink.items)
    root = compose(text, display, sink)
    if root is None and len(sink.items) == reported:
        sink.add(
            "jenis-berkas",
            display,
            1,
            "The file is empty; add a 'pemda:' or 'opd:' block, or delete the file.",
        )
    return SourceFile(display, path, root)
