"""``pohon fmt``: rewrite tree files in one canonical layout, so that diffs show only real changes.

The layout:

* keys of every object in the order of its fields in :mod:`..tree.spec` (``id``, ``tingkat``,
  ``induk``, ``urutan``, ``pernyataan`` … for a node), keys the format does not know kept after
  them in their own order; years of a year map in ascending order;
* codes and NIP (the format's ``Code`` fields, :func:`..tree.yaml_writer.always_quoted`) in
  double quotes;
* two-space indentation, list items indented under their key (``mapping=2, sequence=4,
  offset=2``), as in the demo trees;
* everything else as written: flow mappings such as ``target: {2025: 1, 2026: 2}`` stay on one
  line, block ones stay blocks, quoting of other text is kept, long statements are never wrapped.

The indentation, the width, the quoting of codes and the key order are the ones
:mod:`..tree.yaml_writer` writes with (the writer of the importer and the synthetic generator), so
what that writer writes is already in this layout.

It is a round trip through ruamel.yaml, which keeps comments. A comment belongs to the line it
follows, so when keys move, the comment lines that stood *before* a key move with that key and
the ones after an object's last key stay at its end. Before anything is written, the result is
checked: read with the same YAML reader as ``pohon check``, it must give the same values (mapping
order aside), and it must hold the same comments; a file that fails either check is left as it
is and reported. Files that are neither a regional nor an agency file are left alone.
"""

from __future__ import annotations

import io
import os
from collections import Counter
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark, YAMLError
from ruamel.yaml.scalarstring import DoubleQuotedScalarString
from ruamel.yaml.tokens import CommentToken

from ..tree import spec as spec
from ..tree import yaml_writer
from ..tree.diagnostics import Text, TextError
from ..tree.load import discover

try:  # the same reader as the loader (libyaml when present)
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the installation
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

WIDTH = yaml_writer.WIDTH
"""Line width for the emitter: large, so that no statement is ever re-wrapped."""


class FormatError(TextError):
    """A file that cannot be formatted safely; it is left unchanged."""


@dataclass(slots=True)
class FormatReport:
    changed: list[str] = field(default_factory=list)
    """Files rewritten (or, with ``check``, that would be)."""
    failed: list[Text] = field(default_factory=list)
    """``file: reason`` (both languages) for files left alone because they cannot be formatted safely."""
    unchanged: int = 0


def _yaml() -> YAML:
    handler = YAML()  # round trip
    handler.preserve_quotes = True
    handler.width = WIDTH
    handler.indent(
        mapping=yaml_writer.MAPPING_INDENT,
        sequence=yaml_writer.SEQUENCE_INDENT,
        offset=yaml_writer.SEQUENCE_DASH_OFFSET,
    )
    handler.allow_duplicate_keys = False
    return handler


# --- comments that move with keys ------------------------------------------------------------


def _is_flow(value: Any) -> bool:
    return bool(value.fa.flow_style()) if hasattr(value, "fa") else False


def _last_slot(container: Any, key: Any) -> tuple[Any, Any]:
    """Where the comment after ``container[key]`` (and all it holds) is attached: the last
    scalar or flow collection inside it, in document order."""
    value = container[key]
    while isinstance(value, CommentedMap | CommentedSeq) and len(value) and not _is_flow(value):
        container = value
        key = next(reversed(value)) if isinstance(value, CommentedMap) else len(value) - 1
        value = container[key]
    return container, key


def _slot_index(container: Any) -> int:
    return 2 if isinstance(container, CommentedMap) else 0


def _token(container: Any, key: Any) -> CommentToken | None:
    entry = container.ca.items.get(key)
    index = _slot_index(container)
    token = entry[index] if entry and len(entry) > index else None
    value = container[key]
    if token is None and isinstance(value, CommentedMap | CommentedSeq):
        own = value.ca.comment
        if own and own[0] is not None:
            token = own[0]
    return token


def _set_token(container: Any, key: Any, token: CommentToken | None) -> None:
    value = container[key]
    if isinstance(value, CommentedMap | CommentedSeq) and value.ca.comment:
        value.ca.comment[0] = None  # a flow collection's own copy; the container's is used
    index = _slot_index(container)
    entry = container.ca.items.get(key)
    if entry is None:
        if token is None:
            return
        entry = container.ca.items[key] = [None, None, None, None]
    while len(entry) <= index:
        entry.append(None)
    entry[index] = token


def _take_following(container: Any, key: Any) -> str:
    """Detach the comment lines after the line that ends ``container[key]``; keep the comment on
    that line itself (``# …`` after the value)."""
    where, slot = _last_slot(container, key)
    token = _token(where, slot)
    if token is None:
        return ""
    text = token.value
    cut = text.find("\n")
    if cut < 0:
        return ""
    head, rest = text[: cut + 1], text[cut + 1 :]
    if head.strip():
        token.value = head
        _set_token(where, slot, token)
    else:
        _set_token(where, slot, None)
    return rest


def _give_following(container: Any, key: Any, text: str) -> None:
    """Attach comment lines after the line that ends ``container[key]``."""
    if not text:
        return
    where, slot = _last_slot(container, key)
    token = _token(where, slot)
    if token is None:
        token = CommentToken("\n" + text, CommentMark(0), None)
    else:
        head = token.value if token.value.endswith("\n") else token.value + "\n"
        token.value = head + text
    _set_token(where, slot, token)


def _reorder(mapping: CommentedMap, rank: Callable[[Any], Any]) -> None:
    keys = list(mapping.keys())
    position = {key: i for i, key in enumerate(keys)}
    order = sorted(keys, key=lambda k: (rank(k), position[k]))
    if order == keys:
        return
    # The lines after key i are the lines before key i+1; the lines after the last key are the
    # lines after the whole mapping.
    following = {key: _take_following(mapping, key) for key in keys}
    before = {keys[i + 1]: following[keys[i]] for i in range(len(keys) - 1)}
    after_all = following[keys[-1]]
    for key in order:
        mapping.move_to_end(key)
    # A key that moves to the front takes its leading lines along just after itself.
    pending = before.get(order[0], "")
    for previous, key in zip(order, order[1:], strict=False):
        _give_following(mapping, previous, pending + before.get(key, ""))
        pending = ""
    _give_following(mapping, order[-1], pending + after_all)


# --- the canonical layout ----------------------------------------------------------------------


def _spec_rank(obj: spec.ObjectSpec) -> Callable[[Any], Any]:
    index = {f.key: i for i, f in enumerate(obj.fields)}
    unknown = len(index)
    return lambda key: index.get(key, unknown) if isinstance(key, str) else unknown


def _year_rank(key: Any) -> Any:
    return (0, key) if isinstance(key, int) and not isinstance(key, bool) else (1, 0)


def _canonical_value(container: Any, key: Any, vtype: spec.ValueType) -> None:
    value = container[key]
    if isinstance(vtype, spec.Obj):
        if isinstance(value, CommentedMap):
            _canonical_object(value, vtype.spec)
    elif isinstance(vtype, spec.ListOf):
        if isinstance(value, CommentedSeq):
            for index in range(len(value)):
                _canonical_value(value, index, vtype.item)
    elif isinstance(vtype, spec.YearMap):
        if isinstance(value, CommentedMap):
            for year in list(value.keys()):
                _canonical_value(value, year, vtype.item)
            _reorder(value, _year_rank)
    elif (
        yaml_writer.always_quoted(vtype)
        and isinstance(value, str)
        and not isinstance(value, DoubleQuotedScalarString)
    ):
        container[key] = DoubleQuotedScalarString(str(value))


def _canonical_object(mapping: CommentedMap, obj: spec.ObjectSpec) -> None:
    for key in list(mapping.keys()):
        known = obj.by_key.get(key) if isinstance(key, str) else None
        if known is not None:
            _canonical_value(mapping, key, known.type)
    _reorder(mapping, _spec_rank(obj))


def _file_spec(data: Any) -> spec.ObjectSpec | None:
    if not isinstance(data, CommentedMap):
        return None
    if "pemda" in data:
        return spec.REGIONAL_FILE
    if "opd" in data:
        return spec.OPD_FILE
    return None


# --- checks before writing ------------------------------------------------------------------------


def comments(text: str) -> list[str]:
    """Every comment of a YAML text, in order, as written (``# …``, trailing spaces dropped).

    Found between the scanner's tokens, so a ``#`` inside a quoted or block scalar is not taken
    for a comment."""
    spans = [
        (token.start_mark.index, token.end_mark.index)
        for token in yaml.scan(text, Loader=_Loader)
        if token.end_mark.index > token.start_mark.index
    ]
    found = []
    cursor = 0
    for start, end in [*spans, (len(text), len(text))]:
        gap = text[cursor:start]
        offset = 0
        while True:
            hash_at = gap.find("#", offset)
            if hash_at < 0:
                break
            line_end = gap.find("\n", hash_at)
            line_end = len(gap) if line_end < 0 else line_end
            found.append(gap[hash_at:line_end].rstrip())
            offset = line_end
        cursor = max(cursor, end)
    return found


def _canon(node: yaml.Node, depth: int = 0) -> Any:
    if depth > 200:
        raise FormatError(
            Text(id="susunan terlalu dalam untuk dibandingkan", en="nesting too deep to compare")
        )
    if isinstance(node, yaml.ScalarNode):
        return ("s", node.tag, node.value)
    if isinstance(node, yaml.SequenceNode):
        return ("l", node.tag, tuple(_canon(item, depth + 1) for item in node.value))
    pairs = [(_canon(k, depth + 1), _canon(v, depth + 1)) for k, v in node.value]
    return ("m", node.tag, tuple(sorted(pairs, key=repr)))


def _same_values(before: str, after: str) -> bool:
    try:
        old = yaml.compose(before, Loader=_Loader)
        new = yaml.compose(after, Loader=_Loader)
    except yaml.YAMLError:
        return False
    if old is None or new is None:
        return old is None and new is None
    return _canon(old) == _canon(new)


# --- entry points ------------------------------------------------------------------------------


def format_text(text: str, name: str = "<text>") -> str:
    """``text`` in the canonical layout. Raises :class:`FormatError` when it cannot be formatted
    without changing a value or losing a comment (the caller keeps the original then)."""
    source = text.lstrip("\ufeff")
    handler = _yaml()
    try:
        data = handler.load(source)
    except YAMLError as exc:
        detail = " ".join(str(exc).split())[:200]
        raise FormatError(
            Text(
                id=f"{name}: bukan YAML yang sah ({detail})",
                en=f"{name}: not valid YAML ({detail})",
            )
        ) from exc
    obj = _file_spec(data)
    if obj is None:
        return text
    _canonical_object(data, obj)
    out = io.StringIO()
    handler.dump(data, out)
    result = out.getvalue()
    if result == text:
        return text  # already canonical: nothing to verify
    if not _same_values(source, result):
        raise FormatError(
            Text(
                id=f"{name}: perapian akan mengubah sebuah nilai; berkas dibiarkan apa adanya",
                en=f"{name}: formatting would change a value; the file is left as it is",
            )
        )
    if Counter(comments(source)) != Counter(comments(result)):
        raise FormatError(
            Text(
                id=f"{name}: perapian akan memindahkan komentar keluar dari berkas; dibiarkan "
                "apa adanya",
                en=f"{name}: formatting would move a comment out of the file; left as is",
            )
        )
    return result


def format_file(path: Path, *, check: bool = False) -> bool:
    """Format one file in place (unless ``check``); whether it changes."""
    try:
        text = path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise FormatError(
            Text(
                id=f"{path}: tidak dapat dibaca sebagai teks UTF-8 ({exc})",
                en=f"{path}: cannot be read as UTF-8 text ({exc})",
            )
        ) from exc
    result = format_text(text, str(path))
    if result == text:
        return False
    if not check:
        with open(path, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(result)
    return True


def _files(paths: Iterable[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        files.extend(discover(path) if path.is_dir() else [path])
    return list(dict.fromkeys(files))


def _format_one(path: Path, check: bool) -> tuple[str, bool | None, Text]:
    try:
        return path.as_posix(), format_file(path, check=check), Text.same("")
    except FormatError as exc:
        return path.as_posix(), None, exc.text


def format_paths(
    paths: Iterable[Path], *, check: bool = False, jobs: int | None = None
) -> FormatReport:
    """Format every tree file under ``paths`` (files, or folders searched as ``pohon check``
    does). With ``check``, nothing is written. Files are spread over ``jobs`` processes (default:
    one per CPU), as the round-trip YAML library is pure Python (about 1 s per 100 KB)."""
    files = _files(paths)
    workers = min(jobs or os.cpu_count() or 1, len(files))
    if workers > 1:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            outcomes = list(pool.map(_format_one, files, [check] * len(files)))
    else:
        outcomes = [_format_one(path, check) for path in files]
    report = FormatReport()
    for name, changed, problem in outcomes:
        if changed is None:
            report.failed.append(problem)
        elif changed:
            report.changed.append(name)
        else:
            report.unchanged += 1
    return report


__all__ = [
    "FormatError",
    "FormatReport",
    "comments",
    "format_file",
    "format_paths",
    "format_text",
]
