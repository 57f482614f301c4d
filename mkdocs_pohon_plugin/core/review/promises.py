"""The history of promises: every change of each indicator's targets, realisations and baseline,
read from git.

A promise is a value an agency wrote down: a target for a year, the final target of the period, a
realisation, the baseline. One ``git log --first-parent --name-only`` over the tree files gives the
commits that changed each file (newest first, at most ``revisions`` per file: the plugin's
``promise_revisions``, :data:`DEFAULT_REVISIONS` by default, plus the one before the oldest), and
one ``git cat-file --batch`` gives every revision's text. Each item of a file's ``node:`` list is
parsed once across the revisions (only the keys a promise needs, ``CSafeLoader``), and the items of
the newest revision come from the loaded trees when the working file equals it; so the cost follows
the number of changed nodes, not files × revisions. Comparing each revision with the one before
gives the changes, each with its commit and date, and whether it weakened the promise against the
indicator's polarity (``maksimal``: a lower number; ``minimal``: a higher one). Text values
(qualitative targets) and the ``stabil`` polarity are shown but not judged. On the first-parent
line a merged branch counts as its merge commit, as the main branch saw it.

Indicators are followed by id, and through their declared former ids (``id_lama``) to the names
they had in older revisions. Without git, or outside a git checkout, there is no history and no
error.
"""

from __future__ import annotations

import gc
import re
import subprocess
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from ..tree.model import Node, Opd, Site, Value
from .history import Commit

try:  # the C loader is many times faster; the pure-Python one reads the same documents
    _Loader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader

DEFAULT_REVISIONS = 30
"""Revisions of each tree file read by default (the newest ones)."""

TARGET = "target"
FINAL_TARGET = "target_akhir"
REALISATION = "realisasi"
BASELINE = "kondisi_awal"
MEASURES = (BASELINE, TARGET, FINAL_TARGET, REALISATION)
"""The promises followed, by their YAML key, in the order a commit's changes are listed."""
JUDGED = (TARGET, FINAL_TARGET, REALISATION)
"""The promises whose change is judged against the polarity (a baseline is a fact, not a
promise: a changed baseline is shown, not judged)."""


@dataclass(frozen=True, slots=True)
class PromiseChange:
    """One value of one indicator changed by one commit."""

    commit: Commit
    measure: str
    """Which promise: one of :data:`MEASURES`."""
    year: int | None
    """The year of a target or realisation (of the baseline: its year); ``None`` for the final
    target."""
    old: Value | None
    """The value before the commit; ``None``: there was none (the promise was first made)."""
    new: Value | None
    """The value after the commit; ``None``: the promise was removed."""
    weakened: bool = False
    """Against the polarity: a higher-is-better target lowered, a lower-is-better one raised."""


@dataclass(slots=True)
class Promises:
    """What git says about the site's promises."""

    changes: dict[str, list[PromiseChange]] = field(default_factory=dict)
    """Indicator id (as it is now) → its changes, newest first."""
    revision: Commit | None = None
    """The commit the trees are built from: the newest that changed a tree file."""
    dirty: bool = False
    """The trees differ from that commit (uncommitted changes)."""
    revisions: int = DEFAULT_REVISIONS
    """How many revisions of each file were read."""
    complete: dict[str, bool] = field(default_factory=dict)
    """Per tree file: whether its whole history was read (else only the newest revisions)."""
    after: dict[str, frozenset[str] | None] = field(default_factory=dict)
    """A signing revision → the commits made after it (``None``: git does not know it)."""

    def of(self, indicator_id: str) -> list[PromiseChange]:
        return self.changes.get(indicator_id, [])

    def changed_since(
        self, indicator_ids: Iterable[str], year: int, signed: SignedPk
    ) -> list[tuple[str, PromiseChange]] | None:
        """The targets of ``year`` of these indicators changed (an earlier value replaced or
        removed) after a PK was signed, oldest first; ``None`` when the signing cannot be placed
        in the history (no date, unknown revision)."""
        later: frozenset[str] | None = None
        if signed.revision:
            later = self.after.get(signed.revision)
            if later is None:
                return None
        elif signed.date is None:
            return None
        found = []
        for indicator_id in indicator_ids:
            for change in self.of(indicator_id):
                if change.measure != TARGET or change.year != year or change.old is None:
                    continue  # a target first written after the signing was not signed
                if later is not None:
                    if change.commit.sha not in later:
                        continue
                elif signed.date is None or change.commit.date <= signed.date:
                    continue
                found.append((indicator_id, change))
        found.sort(key=lambda pair: pair[1].commit.time)
        return found


@dataclass(frozen=True, slots=True)
class SignedPk:
    """A signed Perjanjian Kinerja (one entry of ``pk_ditandatangani``): its year, and when it
    was signed, by date and/or by the revision of the trees the parties signed."""

    year: int
    date: str | None = None
    """``YYYY-MM-DD``."""
    revision: str | None = None


def signed_pk(opd: Opd, year: int) -> SignedPk | None:
    """The signing of ``opd``'s PK of ``year``; ``None``: not signed (a draft)."""
    for entry in opd.pk_signed:
        if isinstance(entry, int):
            if entry == year:
                return SignedPk(year)
        elif entry.year == year:
            return SignedPk(year, entry.date, entry.revision)
    return None


# --- reading git --------------------------------------------------------------------------------


def _git(args: list[str], cwd: Path, stdin: bytes | None = None) -> bytes | None:
    """Output of a git command; ``None`` when git is missing or the command fails."""
    try:
        proc = subprocess.run(
            ["git", *args], cwd=cwd, input=stdin, capture_output=True, check=False
        )
    except (FileNotFoundError, OSError):
        return None
    return proc.stdout if proc.returncode == 0 else None


def _log(path: Path, limit: int) -> list[Commit] | None:
    """The commits that changed ``path`` on the first-parent line to ``HEAD``, newest first."""
    out = _git(
        [
            "log",
            "--first-parent",
            f"--max-count={limit}",
            "--format=%H%x1f%at%x1f%s",
            "--",
            path.name,
        ],
        path.parent,
    )
    if out is None:
        return None
    commits = []
    for line in out.decode("utf-8", "replace").splitlines():
        sha, _, rest = line.partition("\x1f")
        when, _, summary = rest.partition("\x1f")
        if sha and when.isdigit():
            commits.append(Commit(sha, int(when), summary))
    return commits


def _blobs(requests: list[str], cwd: Path) -> list[bytes | None]:
    """The content of each ``rev:path`` in one ``git cat-file --batch``; ``None`` when missing."""
    out = _git(["cat-file", "--batch"], cwd, ("\n".join(requests) + "\n").encode())
    if out is None:
        return [None] * len(requests)
    contents: list[bytes | None] = []
    pos = 0
    for _ in requests:
        end = out.index(b"\n", pos)
        header = out[pos:end].split()
        pos = end + 1
        if len(header) != 3 or header[1] != b"blob":
            contents.append(None)  # "<request> missing"
            continue
        size = int(header[2])
        contents.append(out[pos : pos + size])
        pos += size + 1
    return contents


# --- reading one revision ----------------------------------------------------------------------

Snapshot = dict[str, dict[tuple[str, int | None], Value]]
"""Indicator id (as written in that revision) → (measure, year) → value, plus the indicator's
polarity under the key ``("polaritas", None)``."""


def _year(key: Any) -> int | None:
    if isinstance(key, bool):
        return None
    if isinstance(key, int):
        return key
    if isinstance(key, str) and key.strip().isdigit():
        return int(key.strip())
    return None


def _value(value: Any) -> Value | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float | str):
        return value
    return None


def _indicators(document: Any) -> Iterator[dict[str, Any]]:
    if not isinstance(document, dict):
        return
    nodes = document.get("node")
    if not isinstance(nodes, list):
        return
    for node in nodes:
        if isinstance(node, dict) and isinstance(node.get("indikator"), list):
            for indicator in node["indikator"]:
                if isinstance(indicator, dict) and isinstance(indicator.get("id"), str):
                    yield indicator


_KEPT = frozenset(
    {b"node", b"indikator", b"id", b"polaritas", TARGET.encode(), REALISATION.encode()}
    | {FINAL_TARGET.encode(), BASELINE.encode(), b"tahun", b"nilai"}
)
"""The keys a snapshot reads (with year keys); the lines of every other key are left out
before parsing, since building the rest of a large file is most of the cost."""
_KEY = re.compile(rb"^( *)(?:- +)?([A-Za-z_][A-Za-z0-9_]*|\d+) *:(?: |$)")


def skeleton(text: bytes) -> bytes:
    """``text`` without the lines of the keys a snapshot does not read (a key's line, every line
    indented deeper below it and the items of a list written at its own indentation), comments
    and blank lines; a list item whose first key is left out keeps its dash (``- _: 0``).
    Parsing the skeleton gives the same snapshot as the whole file; when it does not parse,
    the whole file is read."""
    out: list[bytes] = []
    column = -1
    """The column of the key being left out (``-1``: none)."""
    for line in text.split(b"\n"):
        stripped = line.lstrip(b" ")
        if not stripped or stripped.startswith(b"#"):
            continue
        indent = len(line) - len(stripped)
        if column >= 0:
            if indent > column or (indent == column and stripped.startswith(b"- ")):
                continue
            column = -1
        match = _KEY.match(line)
        if match is not None:
            key = match.group(2)
            if key not in _KEPT and not key.isdigit():
                column = match.start(2)
                if indent < column:  # the first key of a list item: keep the item
                    out.append(line[:column] + b"_: 0")
                continue
        out.append(line)
    return b"\n".join(out)


_TOP_KEY = re.compile(rb"\n(?=[^ \-#\n])")
"""The start of a line at the left edge that is not a list item or a comment: a file key."""
_NODE_LIST = re.compile(rb"(?:\A|\n)node: *\n")


def node_items(text: bytes) -> list[tuple[int, bytes]] | None:
    """The items of the file's ``node:`` list, each as its own small document (``node:`` and
    the one item) with the line its dash is on, so that consecutive revisions parse only the
    nodes that changed; ``None`` when the list is not written as a block list."""
    found = _NODE_LIST.search(text)
    if found is None:
        return None
    body = text[found.end() :]
    end = _TOP_KEY.search(body)
    if end is not None:
        body = body[: end.start()]
    stripped = body.lstrip(b" ")
    if not stripped.startswith(b"- "):
        # comments or blank lines first: the items start at the first line that is neither
        lines = body.split(b"\n")
        skip = 0
        while skip < len(lines) and (
            not lines[skip].strip() or lines[skip].lstrip().startswith(b"#")
        ):
            skip += 1
        if skip == len(lines) or not lines[skip].lstrip(b" ").startswith(b"- "):
            return None
        body = b"\n".join(lines[skip:])
        line = text[: found.end()].count(b"\n") + 1 + skip
    else:
        line = text[: found.end()].count(b"\n") + 1
    dash = body[: len(body) - len(body.lstrip(b" "))] + b"- "
    items = []
    for part in (b"\n" + body).split(b"\n" + dash)[1:]:
        items.append((line, b"node:\n" + dash + part))
        line += part.count(b"\n") + 1
    return items


def file_snapshot(text: bytes, parsed: dict[bytes, Snapshot | None]) -> Snapshot | None:
    """The promises in one revision of a tree file, each node item parsed once across the
    revisions (``parsed``: item text → its snapshot)."""
    items = node_items(text)
    if items is None:
        return snapshot(text)
    out: Snapshot = {}
    for _, item in items:
        if item not in parsed:
            parsed[item] = snapshot(item)
        part = parsed[item]
        if part is None:
            return snapshot(text)
        out.update(part)
    return out


def snapshot(text: bytes) -> Snapshot | None:
    """The promises in one revision of a tree file; ``None`` when it is not readable YAML."""
    try:
        document = yaml.load(skeleton(text), Loader=_Loader)  # noqa: S506 - a safe loader
    except yaml.YAMLError:
        try:
            document = yaml.load(text, Loader=_Loader)  # noqa: S506 - a safe loader
        except yaml.YAMLError:
            return None
    return snapshot_of(document)


def snapshot_of(document: Any) -> Snapshot:
    """The promises in one parsed revision of a tree file."""
    out: Snapshot = {}
    for indicator in _indicators(document):
        values: dict[tuple[str, int | None], Value] = {}
        polarity = indicator.get("polaritas", "maksimal")  # the format's default
        if isinstance(polarity, str):
            values[("polaritas", None)] = polarity
        for measure in (TARGET, REALISATION):
            by_year = indicator.get(measure)
            if isinstance(by_year, dict):
                for key, raw in by_year.items():
                    year, value = _year(key), _value(raw)
                    if year is not None and value is not None:
                        values[(measure, year)] = value
        final = _value(indicator.get(FINAL_TARGET))
        if final is not None:
            values[(FINAL_TARGET, None)] = final
        baseline = indicator.get(BASELINE)
        if isinstance(baseline, dict):
            value = _value(baseline.get("nilai"))
            if value is not None:
                values[(BASELINE, _year(baseline.get("tahun")))] = value
        out[indicator["id"]] = values
    return out


def node_snapshot(node: Node) -> Snapshot:
    """The promises of a loaded node: what :func:`snapshot` reads from its text."""
    out: Snapshot = {}
    for indicator in node.indicators:
        values: dict[tuple[str, int | None], Value] = {("polaritas", None): indicator.polarity}
        values.update({(TARGET, year): value for year, value in indicator.targets.items()})
        values.update({(REALISATION, y): value for y, value in indicator.realisations.items()})
        if indicator.final_target is not None:
            values[(FINAL_TARGET, None)] = indicator.final_target
        baseline = indicator.baseline
        if baseline is not None and baseline.value is not None:
            values[(BASELINE, baseline.year)] = baseline.value
        out[indicator.id] = values
    return out


def seed(text: bytes, nodes: Iterable[Node], parsed: dict[bytes, Snapshot | None]) -> None:
    """Give ``parsed`` the node items of ``text`` from the loaded ``nodes`` of that very text
    (the working file equals the revision), so that only items that differ from it are parsed."""
    items = node_items(text)
    if items is None:
        return
    by_line = {node.loc.line: node for node in nodes}
    for line, item in items:
        node = by_line.get(line)
        if node is not None and item not in parsed:
            parsed[item] = node_snapshot(node)


# --- comparing revisions ------------------------------------------------------------------------


def _number(value: Value | None) -> float | None:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    return None


def weakened(measure: str, polarity: str | None, old: Value | None, new: Value | None) -> bool:
    """Whether changing ``old`` to ``new`` weakens a promise against ``polarity``."""
    before, after = _number(old), _number(new)
    if measure not in JUDGED or before is None or after is None:
        return False
    if polarity == "maksimal":
        return after < before
    if polarity == "minimal":
        return after > before
    return False


def _order(key: tuple[str, int | None]) -> tuple[int, int]:
    measure, year = key
    return (MEASURES.index(measure), year or 0)


def compare(old: dict[tuple[str, int | None], Value], new: dict, commit: Commit) -> list:
    """The changes from ``old`` to ``new`` (one indicator), in the order of :data:`MEASURES`."""
    if not old:  # the indicator's first revision: every value first recorded, none judged
        return [
            PromiseChange(commit, key[0], key[1], None, value)
            for key, value in sorted(
                ((k, v) for k, v in new.items() if k[0] != "polaritas"),
                key=lambda kv: _order(kv[0]),
            )
        ]
    polarity = new.get(("polaritas", None)) or old.get(("polaritas", None))
    changes = []
    for key in sorted((set(old) | set(new)) - {("polaritas", None)}, key=_order):
        before, after = old.get(key), new.get(key)
        if before == after and type(before) is type(after):
            continue
        measure, year = key
        if measure == BASELINE and before is None and after is not None:
            # a baseline whose year changed: one change, not a removal and an addition
            moved = [k for k in old if k[0] == BASELINE and k not in new]
            if moved:
                continue
        changes.append(
            PromiseChange(
                commit,
                measure,
                year,
                before,
                after,
                weakened(measure, polarity if isinstance(polarity, str) else None, before, after),
            )
        )
    return changes


# --- the site -----------------------------------------------------------------------------------


def _current_ids(site: Site) -> dict[str, str]:
    """Every id an indicator has now or had (``id_lama``) → its id now."""
    ids: dict[str, str] = {}
    for indicator in site.indicators.values():
        for former in indicator.former_ids:
            ids.setdefault(former, indicator.id)
    for indicator_id in site.indicators:
        ids[indicator_id] = indicator_id
    return ids


def _signing_revisions(site: Site) -> set[str]:
    revisions = set()
    for opd in site.opds.values():
        for entry in opd.pk_signed:
            if not isinstance(entry, int) and entry.revision:
                revisions.add(entry.revision)
    return revisions


@dataclass(slots=True)
class PromiseCache:
    """Kept by the plugin across ``mkdocs serve`` rebuilds: the node items already parsed, and
    the last history with what it was read from (while ``HEAD`` does not move, a rebuild asks
    git only whether the trees have uncommitted changes)."""

    items: dict[bytes, Snapshot | None] = field(default_factory=dict)
    last: tuple[Any, Promises] | None = None


def site_promises(
    site: Site, revisions: int = DEFAULT_REVISIONS, cache: PromiseCache | None = None
) -> Promises | None:
    """The history of every indicator's promises over the newest ``revisions`` revisions of each
    tree file; ``None`` when the trees are not in a git checkout (or git is not installed)."""
    files = sorted({node.loc.file for node in site.nodes.values() if node.loc.file})
    if not files or revisions <= 0:
        return None
    first = Path(files[0]).parent
    top = _git(["rev-parse", "--show-toplevel"], first)
    head = _log_head(first)
    if top is None or head is None:
        return None
    root = Path(top.decode().strip())
    status = _git(["status", "--porcelain", "--", *[str(Path(f).resolve()) for f in files]], root)
    dirty = bool(status and status.strip())
    ids = _current_ids(site)
    signings = _signing_revisions(site)
    key = (head.sha, revisions, tuple(files), tuple(sorted(ids.items())), tuple(sorted(signings)))
    if cache is not None and cache.last is not None and cache.last[0] == key:
        return replace(cache.last[1], dirty=dirty)
    gc_was_enabled = gc.isenabled()
    gc.disable()  # many small objects: generational GC would rescan them all (as load.py)
    try:
        promises = _read_history(site, root, files, revisions, ids, signings, cache)
    finally:
        if gc_was_enabled:
            gc.enable()
    promises.dirty = dirty
    if cache is not None:
        cache.last = (key, promises)
    return promises


def _read_history(
    site: Site,
    root: Path,
    files: list[str],
    revisions: int,
    ids: dict[str, str],
    signings: set[str],
    cache: PromiseCache | None,
) -> Promises:
    promises = Promises(revisions=revisions)
    relative: dict[str, str] = {}
    for file in files:
        try:
            relative[file] = Path(file).resolve().relative_to(root).as_posix()
        except ValueError:
            continue
    # the commits of each file (one more than asked: the state before the oldest change)
    logs = _logs(relative, revisions + 1, root)
    newest = [commits[0] for commits in logs.values() if commits]
    promises.revision = max(newest, key=lambda c: c.time) if newest else None
    requests = [f"{c.sha}:{relative[file]}" for file, commits in logs.items() for c in commits]
    contents = iter(_blobs(requests, root)) if requests else iter(())
    parsed = cache.items if cache is not None else {}
    by_file: dict[str, list[Node]] = {}
    for node in site.nodes.values():
        by_file.setdefault(node.loc.file, []).append(node)
    for file, commits in logs.items():
        promises.complete[file] = len(commits) <= revisions
        texts = [next(contents) for _ in commits]
        if texts and texts[0] is not None and _read(file) == texts[0]:
            seed(texts[0], by_file.get(file, []), parsed)
        states: list[tuple[Commit, Snapshot]] = []
        for commit, text in zip(reversed(commits), reversed(texts), strict=True):
            if text is None:
                continue
            state = file_snapshot(text, parsed)
            if state is not None:
                states.append((commit, state))
        _changes(states, promises.complete[file], ids, promises.changes)
    for revision in signings:
        promises.after[revision] = _after(revision, root)
    return promises


def _read(file: str) -> bytes | None:
    try:
        return Path(file).read_bytes()
    except OSError:
        return None


def _logs(relative: dict[str, str], limit: int, root: Path) -> dict[str, list[Commit]]:
    """The newest ``limit`` commits of each file (first-parent line to ``HEAD``), newest first,
    from one ``git log`` of them all (one per file when that git cannot say which files each
    commit changed)."""
    out = _git(
        [
            "-c",
            "core.quotepath=off",
            "log",
            "--first-parent",
            "--diff-merges=first-parent",
            "--name-only",
            "--format=%x1e%H%x1f%at%x1f%s",
            "--",
            *relative.values(),
        ],
        root,
    )
    by_path = {path: file for file, path in relative.items()}
    logs: dict[str, list[Commit]] = {}
    if out is None:
        for file in relative:
            commits = _log(Path(file).resolve(), limit)
            if commits:
                logs[file] = commits
        return logs
    for record in out.decode("utf-8", "replace").split("\x1e")[1:]:
        head, _, names = record.partition("\n")
        sha, when, summary = (head.split("\x1f", 2) + ["", ""])[:3]
        if not when.isdigit():
            continue
        commit = Commit(sha, int(when), summary)
        for name in names.split("\n"):
            changed = by_path.get(name.strip())
            if changed is not None:
                commits = logs.setdefault(changed, [])
                if len(commits) < limit:
                    commits.append(commit)
    return logs


def _log_head(directory: Path) -> Commit | None:
    out = _git(["log", "-1", "--format=%H%x1f%at%x1f%s"], directory)
    if not out:
        return None
    sha, when, summary = (out.decode("utf-8", "replace").strip().split("\x1f") + ["", ""])[:3]
    return Commit(sha, int(when), summary) if when.isdigit() else None


def _after(revision: str, root: Path) -> frozenset[str] | None:
    """The commits on ``HEAD`` made after ``revision``; ``None`` when git does not know it."""
    if (
        revision.startswith("-")
        or _git(["rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}"], root) is None
    ):
        return None
    out = _git(["rev-list", f"{revision}..HEAD"], root)
    return frozenset(out.decode().split()) if out is not None else None


def _changes(
    states: list[tuple[Commit, Snapshot]],
    from_start: bool,
    ids: dict[str, str],
    out: dict[str, list[PromiseChange]],
) -> None:
    """Append the changes between consecutive states (oldest first) to ``out``. ``from_start``:
    the oldest state is the file's first revision, whose values were first made then."""
    previous: dict[str, dict] = {}
    if not from_start and states:
        previous = _by_current_id(states[0][1], ids)
        states = states[1:]
    for commit, state in states:
        current = _by_current_id(state, ids)
        for indicator_id, values in current.items():
            before = previous.get(indicator_id, {})
            if before is values:  # the same node item as before: nothing changed
                continue
            changes = compare(before, values, commit)
            if changes:  # newest commit first, a commit's changes in the order of MEASURES
                out.setdefault(indicator_id, [])[0:0] = changes
        previous = current


def _by_current_id(state: Snapshot, ids: dict[str, str]) -> dict[str, dict]:
    """The indicators of one revision that still exist, by their id now."""
    out: dict[str, dict] = {}
    for written, values in state.items():
        now = ids.get(written)
        if now is not None and now not in out:
            out[now] = values
    return out
