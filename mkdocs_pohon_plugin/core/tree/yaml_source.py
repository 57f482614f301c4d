"""Reading one tree file into a YAML node graph, safely.

We compose (not construct) with libyaml: the node graph keeps the line of every key and value, lets
us see duplicate keys (which PyYAML's constructor drops silently) and the raw text of every scalar
(so ``1.10`` can be told apart from ``1.1``). Limits protect the build from hostile files (see
"Limits" in docs/format.md): size, number of YAML values (each costs a few hundred bytes once
composed) and nesting depth (libyaml's composer recurses in C and crashes on very deep nesting).
Only regular files inside the trees folder are read: a FIFO or a link to ``/dev/zero`` would
otherwise block the build forever.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from yaml.nodes import Node as YamlNode
from yaml.nodes import ScalarNode

from .diagnostics import MAX_PER_RULE_AND_FILE, DiagnosticSink, Text

try:  # libyaml is present in PyYAML's wheels; fall back to the pure-Python loader otherwise
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the installation
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_FILE_BYTES = 20 * 1024 * 1024
"""A tree file larger than this is refused (a whole regency's agency file is well under 1 MB)."""

MAX_VALUES = 1_000_000
"""Most YAML values (scalars, lists, mappings, aliases; keys count) in one file. A node with one
indicator is about 40; the largest agency file of a 5,000-node regency about 25,000."""

MAX_NESTING = 64
"""Deepest nesting of mappings and sequences accepted (the format itself needs about 8)."""

# Below these, nesting cannot exceed what libyaml composes safely, so no exact scan is needed:
# flow nesting is bounded by the number of brackets, block nesting by the longest line.
_CHEAP_FLOW_BOUND = 10_000
_LONG_LINE = 1000
# Nor can the number of values exceed MAX_VALUES: every value but the first takes at least one
# character, except the empty key and value of a flow pair (``[:, :]``: 3 values, 2 characters).
_CHEAP_LENGTH_BOUND = MAX_VALUES // 2
_NULL = "tag:yaml.org,2002:null"
_EMPTY = ("", "~", "null", "Null", "NULL")


@dataclass(frozen=True, slots=True)
class SourceFile:
    """A tree file as read: its display path, its absolute path and its composed root node."""

    display: str
    path: Path
    root: YamlNode | None


def _refuse(sink: DiagnosticSink, display: str, line: int, message: Text) -> None:
    sink.add("berkas-tidak-terbaca", display, line, message)


def read_text(
    path: Path, display: str, sink: DiagnosticSink, root: Path | None = None
) -> str | None:
    """Read a file as UTF-8 text (a BOM is accepted); report why when it cannot be.

    ``root``, when given, is the trees folder: a link that leads outside it is refused.
    """
    try:
        if (
            root is not None
            and path.is_symlink()
            and not path.resolve().is_relative_to(root.resolve())
        ):
            _refuse(
                sink,
                display,
                1,
                Text(
                    id="Berkas ini tautan (link) ke berkas di luar folder pohon; salin isinya "
                    "ke dalam berkas ini.",
                    en="The file is a link to a file outside the trees folder; copy the content "
                    "into the file instead.",
                ),
            )
            return None
        # O_NONBLOCK: opening a FIFO must not wait for a writer; fstat then tells what it is.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with open(fd, "rb", closefd=True) as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode):
                _refuse(
                    sink,
                    display,
                    1,
                    Text(
                        id="Ini bukan berkas biasa (perangkat, pipe, atau tautan ke salah "
                        "satunya); ganti dengan berkas YAML.",
                        en="This is not a regular file (a device, a pipe or a link to one); "
                        "replace it with a YAML file.",
                    ),
                )
                return None
            if info.st_size > MAX_FILE_BYTES:
                _too_large(sink, display, info.st_size)
                return None
            data = handle.read(MAX_FILE_BYTES + 1)
        if len(data) > MAX_FILE_BYTES:  # it grew while we read it
            _too_large(sink, display, len(data))
            return None
    except (OSError, RuntimeError) as exc:  # RuntimeError: a loop of links (Python < 3.13)
        if isinstance(exc, OSError):
            reason = Text.same(exc.strerror or type(exc).__name__)
        else:
            reason = Text(
                id="berkas ini tautan dalam lingkaran tautan",
                en="it is a link in a loop of links",
            )
        _refuse(
            sink,
            display,
            1,
            Text(
                id=f"Berkas tidak dapat dibaca ({reason.id}).",
                en=f"Cannot read the file ({reason.en}).",
            ),
        )
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        sink.add(
            "berkas-tidak-terbaca",
            display,
            line,
            Text(
                id=f"Bita 0x{data[exc.start]:02x} bukan UTF-8 yang sah (berkas mungkin disimpan "
                "sebagai Latin-1 atau Windows-1252); simpan ulang sebagai UTF-8.",
                en=f"Byte 0x{data[exc.start]:02x} is not valid UTF-8 (the file may be saved as "
                "Latin-1 or Windows-1252); save it as UTF-8.",
            ),
        )
        return None
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        sink.add(
            "berkas-tidak-terbaca",
            display,
            line,
            Text(
                id="Berkas berisi karakter NUL; hapus karakter itu.",
                en="The file contains a NUL character; remove it.",
            ),
        )
        return None
    return text


def _too_large(sink: DiagnosticSink, display: str, size: int) -> None:
    _refuse(
        sink,
        display,
        1,
        Text(
            id=f"Ukuran berkas {size / 1048576:.1f} MB, melebihi batas "
            f"{MAX_FILE_BYTES // 1048576} MB untuk satu berkas pohon; bagi node perangkat daerah "
            "ini ke beberapa berkas.",
            en=f"The file is {size / 1048576:.1f} MB, above the {MAX_FILE_BYTES // 1048576} MB "
            "limit for one tree file; split the agency's nodes over several files.",
        ),
    )


@dataclass(slots=True)
class _Scan:
    broken: str | None = None
    """``"nesting"`` or ``"values"`` when a limit is broken (the scan stops there)."""
    line: int = 0
    aliases: list[int] = field(default_factory=list)
    """The lines with an alias (``*name``), in order; at most one more than is reported."""


def _scan(text: str) -> _Scan:
    """Stream the file's events (no node graph is built): the first limit broken, and where the
    aliases are (the composed graph only knows where their anchors are)."""
    result = _Scan()
    depth = 0
    values = 0
    collection_start = yaml.CollectionStartEvent
    collection_end = yaml.CollectionEndEvent
    alias = yaml.AliasEvent
    value_events = (yaml.ScalarEvent, alias, collection_start)
    for event in yaml.parse(text, Loader=_Loader):
        mark = event.start_mark
        assert mark is not None  # the parser marks every event it emits
        if isinstance(event, value_events):
            values += 1
            if values > MAX_VALUES:
                result.broken, result.line = "values", mark.line + 1
                return result
            if isinstance(event, collection_start):
                depth += 1
                if depth > MAX_NESTING:
                    result.broken, result.line = "nesting", mark.line + 1
                    return result
            elif isinstance(event, alias) and len(result.aliases) <= MAX_PER_RULE_AND_FILE:
                line = mark.line + 1
                if not result.aliases or result.aliases[-1] != line:  # one report per line
                    result.aliases.append(line)
        elif isinstance(event, collection_end):
            depth -= 1
    return result


def compose(text: str, display: str, sink: DiagnosticSink) -> YamlNode | None:
    """Compose YAML text into a node graph, or report the syntax error with its line.

    Every alias is reported (``yaml-alias``) at its line; the graph is still returned, so that
    the other problems of the file are found too (the loader reads aliased content once only).
    """
    try:
        flow = text.count("[") + text.count("{")
        if (
            len(text) > _CHEAP_LENGTH_BOUND
            or flow > _CHEAP_FLOW_BOUND
            or ("&" in text and "*" in text)  # an alias needs an anchor
            or max(map(len, text.split("\n"))) >= _LONG_LINE
        ):
            scan = _scan(text)
            if scan.broken == "nesting":
                sink.add(
                    "yaml-sintaks",
                    display,
                    scan.line,
                    Text(
                        id=f"Daftar dan pemetaan bersarang lebih dari {MAX_NESTING} tingkat; "
                        "format pohon tidak memerlukan lebih dari sepuluh. Ratakan strukturnya.",
                        en=f"Lists and mappings are nested more than {MAX_NESTING} levels deep; "
                        "the tree format needs fewer than ten. Flatten the structure.",
                    ),
                )
                return None
            if scan.broken == "values":
                sink.add(
                    "berkas-tidak-terbaca",
                    display,
                    scan.line,
                    Text(
                        id=f"Sampai baris ini berkas memuat lebih dari {MAX_VALUES:_} nilai "
                        "YAML (kunci, nilai, butir daftar), melebihi batas untuk satu berkas "
                        "pohon; bagi node perangkat daerah ini ke beberapa berkas.".replace(
                            "_", "."
                        ),
                        en=f"The file holds more than {MAX_VALUES:,} YAML values (keys, values, "
                        "list items) by this line, above the limit for one tree file; split the "
                        "agency's nodes over several files.",
                    ),
                )
                return None
            for line in scan.aliases:
                sink.add(
                    "yaml-alias",
                    display,
                    line,
                    Text(
                        id="Alias YAML (*nama) mengulang isi yang ditulis di tempat lain (&nama); "
                        "tulis isinya lengkap agar terlihat oleh penelaah.",
                        en="A YAML alias (*name) repeats content written elsewhere (&name); "
                        "write the content out in full so that reviewers see it.",
                    ),
                )
        return yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 0
        problem = exc.problem or exc.context or "invalid YAML"
        hint = _syntax_hint(problem)
        sink.add(
            "yaml-sintaks",
            display,
            line,
            Text(
                id=f"Kesalahan sintaks YAML: {problem}. {hint.id}",
                en=f"YAML syntax error: {problem}. {hint.en}",
            ),
        )
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow anywhere
        line = text.count("\n", 0, exc.position) + 1
        char = exc.character if isinstance(exc.character, int) else ord(exc.character)
        sink.add(
            "yaml-sintaks",
            display,
            line,
            Text(
                id=f"Berkas berisi karakter U+{char:04X}, karakter kendali atau bukan-karakter "
                "yang tidak diizinkan YAML; hapus karakter itu.",
                en=f"The file contains the character U+{char:04X}, a control character or "
                "non-character that YAML does not allow; remove it.",
            ),
        )
    except yaml.YAMLError as exc:
        problem = " ".join(str(exc).split())
        sink.add(
            "yaml-sintaks",
            display,
            1,
            Text(
                id=f"Kesalahan YAML: {problem}. Perbaiki sintaks berkas ini.",
                en=f"YAML error: {problem}. Fix the file's syntax.",
            ),
        )
    return None


def _syntax_hint(problem: str) -> Text:
    if "tab" in problem:
        return Text(
            id="Gunakan spasi untuk indentasi, bukan tab.",
            en="Indent with spaces, not tabs.",
        )
    if "single document" in problem:
        return Text(
            id="Satu berkas hanya berisi satu dokumen (hapus '---' yang berlebih).",
            en="Keep one document per file (remove the extra '---').",
        )
    if "mapping values are not allowed" in problem:
        return Text(
            id="Nilai yang memuat ': ' harus diberi tanda kutip.",
            en="A value containing ': ' must be quoted.",
        )
    if "could not find expected ':'" in problem or "simple key" in problem:
        return Text(
            id="Periksa indentasi, dan beri tanda kutip pada nilai yang memuat ':' atau '#'.",
            en="Check the indentation and quote values that contain ':' or '#'.",
        )
    return Text(
        id="Periksa indentasi dan tanda kutip di baris ini dan baris sebelumnya.",
        en="Check the indentation and quoting on this line and the one before.",
    )


def read_source(
    path: Path, display: str, sink: DiagnosticSink, root: Path | None = None
) -> SourceFile:
    text = read_text(path, display, sink, root)
    if text is None:
        return SourceFile(display, path, None)
    reported = sink.reported
    node = compose(text, display, sink)
    if isinstance(node, ScalarNode) and node.tag == _NULL and node.value in _EMPTY:
        node = None  # only '---', '~' or 'null': as empty as an empty file
    if node is None and sink.reported == reported:
        sink.add(
            "jenis-berkas",
            display,
            1,
            Text(
                id="Berkas kosong; tambahkan blok 'pemda:' atau 'opd:', atau hapus berkas ini.",
                en="The file is empty; add a 'pemda:' or 'opd:' block, or delete the file.",
            ),
        )
    return SourceFile(display, path, node)
