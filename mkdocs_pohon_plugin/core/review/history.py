"""When each node and indicator last changed, from git: one ``git blame`` per tree file.

A node owns the lines from its ``- id:`` line to the line before the next node of its file (its
indicators included); an indicator owns its own lines. The newest commit among an item's lines is
its last change. Nothing here calls git once per node, and a trees folder outside a git checkout
(or without git installed) simply has no history.
"""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from ..tree.model import Node, Site


@dataclass(frozen=True, slots=True)
class Commit:
    sha: str
    time: int
    """Author time, seconds since the epoch."""
    summary: str

    @property
    def short(self) -> str:
        return self.sha[:8]

    @property
    def date(self) -> str:
        return datetime.fromtimestamp(self.time, tz=timezone.utc).strftime("%Y-%m-%d")


@dataclass(slots=True)
class History:
    """The last change of every node and indicator that git knows about."""

    changed: dict[str, Commit]

    def last_change(self, item_id: str) -> Commit | None:
        return self.changed.get(item_id)


_UNCOMMITTED = "0" * 40
_SHA = re.compile(r"[0-9a-f]{40}")


@dataclass(slots=True)
class BlameCache:
    """``mkdocs serve``: what git said on the last build. A file's blame is asked again only
    when the file (its size or modification time) or the checked-out commit changed, the order
    of the commits only when the commit did: an edit costs one ``git blame``, not one per file."""

    blames: dict[str, tuple[tuple[str, int, int], list[Commit | None] | None]] = field(
        default_factory=dict
    )
    """Each file's blame (by its resolved path), with the commit, modification time and size
    it was asked for."""
    orders: dict[str, dict[str, int]] = field(default_factory=dict)
    """The order of the commits, by the commit checked out (the last one only)."""


def blame(path: Path) -> list[Commit | None] | None:
    """The commit of each line of ``path`` (index 0 is line 1), ``None`` for uncommitted lines;
    ``None`` altogether when the file is not tracked by git."""
    try:
        proc = subprocess.run(
            ["git", "blame", "--porcelain", "--", path.name],
            cwd=path.parent,
            capture_output=True,
            check=False,
        )
    except (FileNotFoundError, OSError):
        return None
    if proc.returncode != 0:
        return None
    commits: dict[str, Commit] = {}
    details: dict[str, dict[str, str]] = {}
    lines: list[Commit | None] = []
    current: str | None = None
    for raw in proc.stdout.decode("utf-8", "replace").split("\n"):
        if raw.startswith("\t"):  # the content line closes a header block
            assert current is not None
            if current == _UNCOMMITTED:
                lines.append(None)
                continue
            commit = commits.get(current)
            if commit is None:
                info = details.get(current, {})
                commit = Commit(current, int(info.get("author-time", "0")), info.get("summary", ""))
                commits[current] = commit
            lines.append(commit)
            continue
        head, _, rest = raw.partition(" ")
        if len(head) == 40 and _SHA.fullmatch(head):
            current = head
            details.setdefault(current, {})
        elif current is not None and head in ("author-time", "summary"):
            details[current][head] = rest
    return lines


def commit_order(directory: Path) -> dict[str, int]:
    """Position of each commit in ``git rev-list HEAD`` (0 is the newest): commits made within
    the same second cannot be ordered by their time."""
    try:
        proc = subprocess.run(
            ["git", "rev-list", "HEAD"], cwd=directory, capture_output=True, check=False
        )
    except (FileNotFoundError, OSError):
        return {}
    if proc.returncode != 0:
        return {}
    return {sha: i for i, sha in enumerate(proc.stdout.decode().split())}


def _newest(
    lines: list[Commit | None], start: int, end: int, order: dict[str, int]
) -> Commit | None:
    """The newest commit among lines ``start``..``end`` (1-based, inclusive)."""
    newest: Commit | None = None
    for commit in lines[start - 1 : end]:
        if commit is None or (newest is not None and _rank(commit, order) >= _rank(newest, order)):
            continue
        newest = commit
    return newest


def _rank(commit: Commit, order: dict[str, int]) -> tuple[int, int]:
    """Smaller is newer: position in the history first, time when the commit is not in it."""
    return (order.get(commit.sha, -1), -commit.time)


def _head(directory: Path) -> str | None:
    """The commit checked out in ``directory``'s repository; ``None`` outside git."""
    try:
        proc = subprocess.run(
            ["git", "rev-parse", "--verify", "--quiet", "HEAD"],
            cwd=directory,
            capture_output=True,
            check=False,
        )
    except (FileNotFoundError, OSError):
        return None
    return proc.stdout.decode().strip() or None if proc.returncode == 0 else None


def _cached_blame(
    path: Path, head: str | None, cache: BlameCache | None
) -> list[Commit | None] | None:
    if cache is None or head is None:
        return blame(path)
    try:
        stat = os.stat(path)
    except OSError:
        return blame(path)
    name, stamp = str(path.resolve()), (head, stat.st_mtime_ns, stat.st_size)
    kept = cache.blames.get(name)
    if kept is None or kept[0] != stamp:
        kept = cache.blames[name] = (stamp, blame(path))
    return kept[1]


def site_history(site: Site, cache: BlameCache | None = None) -> History:
    """Last change per node and indicator (file paths as loaded, relative to the working dir).
    With ``cache`` (``mkdocs serve``), git is asked only about what changed since the last
    call."""
    by_file: dict[str, list[Node]] = {}
    for node in site.nodes.values():
        by_file.setdefault(node.loc.file, []).append(node)
    changed: dict[str, Commit] = {}
    order: dict[str, int] | None = None
    head: str | None = None
    if cache is not None and by_file:
        head = _head(Path(next(iter(by_file))).parent)
    for file, nodes in by_file.items():
        lines = _cached_blame(Path(file), head, cache)
        if not lines:
            continue
        if order is None:
            if cache is not None and head is not None:
                if head not in cache.orders:
                    cache.orders = {head: commit_order(Path(file).parent)}
                order = cache.orders[head]
            else:
                order = commit_order(Path(file).parent)
        nodes.sort(key=lambda n: n.loc.line)
        for index, node in enumerate(nodes):
            end = nodes[index + 1].loc.line - 1 if index + 1 < len(nodes) else len(lines)
            commit = _newest(lines, node.loc.line, end, order)
            if commit is not None:
                changed[node.id] = commit
            _indicators(node, end, lines, order, changed)
    return History(changed)


def _indicators(
    node: Node, node_end: int, lines: list[Commit | None], order: dict[str, int], out: dict
) -> None:
    """Each indicator owns its lines up to the next indicator, or to the node's next key."""
    starts = sorted((ind.loc.line, ind.id) for ind in node.indicators if ind.loc.file)
    if not starts:
        return
    after = [line for line in node.lines.values() if line > starts[-1][0]]
    last_end = min(after) - 1 if after else node_end
    ends = [line - 1 for line, _ in starts[1:]] + [last_end]
    for (start, indicator_id), end in zip(starts, ends, strict=True):
        commit = _newest(lines, start, end, order)
        if commit is not None:
            out[indicator_id] = commit
