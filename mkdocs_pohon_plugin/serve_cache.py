"""The generated pages of the previous ``mkdocs serve`` build, reused when an edit left them as
they were.

MkDocs' ``serve`` builds the whole site again after every edit, into the same folder, which it
empties first. :class:`ServeCache` keeps the previous build's output: right before MkDocs empties
the folder (the plugin's ``on_pre_build``) it moves the folder's entries aside, into a sibling
folder (``<site>.pohon-previous-…``, on the same disk, so a move is a rename); once the pages are
planned (``on_files``) each generated page whose content hash
(:mod:`.core.site.page_hash`) is the one its written file had is moved back, unrendered, and MkDocs
is told not to build it. A folder at the top of the site that holds only the plugin's files
(``node/``, ``indikator/``, …) is moved back whole, in one rename, and what the last build made
there and this one does not (a removed node's page, the downloads, written again) is deleted;
pages that changed keep their old file until MkDocs writes the new one. A page in the navigation stays in the build (MkDocs makes the navigation
from its pages) but, when unchanged, is neither rendered nor passed through the theme's
template: MkDocs writes the previous build's HTML of it again (:meth:`ServeCache.keep`). So is a
page whose hash changed while its frame (everything but what it shows of the trees) did not,
once its body, rendered again, turns out to be the last build's (:meth:`ServeCache.same_body`).
At the end of the build (``on_post_build``) what is left aside (pages
that changed or are gone, the theme's files that MkDocs copied again) is deleted, in the
background. The compiled templates (Pohon's and the theme's) are kept too (:class:`TemplateCache`). A moved file
keeps its inode and modification time: the page is not written again.

After a failed build nothing is reused the next time: every page is rendered again.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path

from jinja2.bccache import Bucket, BytecodeCache

log = logging.getLogger("mkdocs.plugins.pohon")

STASH_PREFIX = ".pohon-previous-"


class TemplateCache(BytecodeCache):
    """Compiled Jinja templates kept in memory between the builds of one ``mkdocs serve``:
    compiling Material's and Pohon's templates again is about a third of a preview rebuild.
    Jinja checks each template's source against the cached one, so an edited template is
    compiled again. One cache per Jinja environment (their settings differ)."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self.compiled.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


@dataclass(frozen=True, slots=True)
class Written:
    """A page written (or reused) by the last build: its hash and where it was written."""

    hash: str
    dest: str
    """The output file, relative to the site folder (``node/x/index.html``)."""
    frame: str = ""
    """What the hash covers besides what the page shows of the trees (``PageHasher.frame``)."""


@dataclass(slots=True)
class ServeCache:
    """The pages of the last successful build and the state of the build running now."""

    written: dict[str, Written] = field(default_factory=dict)
    """The pages of the last successful build, by source path (``node/x.md``)."""
    building: dict[str, Written] = field(default_factory=dict)
    """The generated pages planned by the running build, by source path."""
    done: set[str] = field(default_factory=set)
    """The running build's pages written or reused so far."""
    reused: list[str] = field(default_factory=list)
    """The running build's pages taken over from the last build."""
    kept: dict[str, str] = field(default_factory=dict)
    """The running build's pages in the navigation whose last HTML is written again, by source
    path (:meth:`keep`), until the build is done."""
    held: list[str] = field(default_factory=list)
    """The running (or last) build's pages in the navigation written again from their last HTML."""
    unchanged: list[str] = field(default_factory=list)
    """The running build's pages whose hash changed but whose rendered body is the last
    build's: their last HTML is written again (:meth:`same_body`)."""
    bodies: dict[str, str] = field(default_factory=dict)
    """The body key (``page_hash.body_key``) of each page the last builds wrote, by source
    path; the running build's go to :attr:`new_bodies`."""
    new_bodies: dict[str, str] = field(default_factory=dict)
    anchors: dict[str, frozenset[str]] = field(default_factory=dict)
    """The anchors of each page the last builds wrote, by source path (a kept page has those
    of its last HTML)."""
    stash: Path | None = None
    """Where the last build's output waits while this build runs."""
    site: Path | None = None
    folders: set[str] = field(default_factory=set)
    """Folders of the site this build has made sure exist."""
    removers: list[threading.Thread] = field(default_factory=list)
    """Threads deleting what earlier builds left aside."""
    templates: TemplateCache = field(default_factory=TemplateCache)
    """Pohon's page templates, compiled."""
    theme_templates: TemplateCache = field(default_factory=TemplateCache)
    """The theme's templates (Material's), compiled."""
    theme_files: dict[str, list[str]] = field(default_factory=dict)
    """The files of each installed theme folder (Material's), listed once."""
    own_files: set[str] = field(default_factory=set)
    """Every file the plugin made in the last build (pages, redirects, data), by output path."""
    new_own_files: set[str] = field(default_factory=set)
    restored: set[str] = field(default_factory=set)
    """Folders at the top of the site that this build moved back whole (:meth:`restore_folders`)."""

    def stash_previous(self, site_dir: str) -> None:
        """Move the last build's output aside, before MkDocs empties ``site_dir``; nothing when
        no page can be reused (the first build, or after a failed one)."""
        self.building = {}
        self.done = set()
        self.reused = []
        self.kept = {}
        self.held = []
        self.unchanged = []
        self.new_bodies = {}
        self.folders = set()
        self.restored = set()
        self.new_own_files = set()
        self.site = Path(site_dir)
        self.drop_stash()
        if not self.written or not self.site.is_dir():
            return
        stash = Path(tempfile.mkdtemp(prefix=self.site.name + STASH_PREFIX, dir=self.site.parent))
        self.stash = stash
        for entry in os.listdir(self.site):
            os.rename(self.site / entry, stash / entry)

    def restore_folders(
        self, folders: set[str], own_files: set[str], later: frozenset[str] = frozenset()
    ) -> None:
        """Move each of ``folders`` (at the top of the site; every file this build puts there
        is the plugin's) back from the last build whole, then delete from them what the last
        build made and this one does not (``own_files``: what the plugin makes this time with
        the pages; ``later``: what it writes after them, the downloads, which are deleted now
        and written again). A page to be built again keeps its old file until MkDocs writes
        the new one."""
        self.new_own_files = set(own_files) | later
        if self.stash is None or self.site is None:
            return
        for folder in sorted(folders):
            kept = self.stash / folder
            if kept.is_dir() and not (self.site / folder).exists():
                os.rename(kept, self.site / folder)
                self.restored.add(folder)
        gone = sorted(
            dest for dest in self.own_files - own_files if dest.partition("/")[0] in self.restored
        )
        for dest in gone:
            target = self.site / dest
            with contextlib.suppress(FileNotFoundError):
                target.unlink()
            # Its folder too, once empty (a removed node's ``node/<id>/``).
            parent = target.parent
            while parent != self.site and not any(parent.iterdir()):
                parent.rmdir()
                parent = parent.parent

    def plan(self, src_uri: str, page_hash: str, dest: str, frame: str = "") -> None:
        """A generated page the running build has, with its hash, output file and frame."""
        self.building[src_uri] = Written(page_hash, dest, frame)

    def may_be_same(self, src_uri: str) -> bool:
        """Whether the page, to be built, may render as the last build did: same frame and
        output file, a body key and a file of the last build."""
        planned = self.building.get(src_uri)
        last = self.written.get(src_uri)
        return (
            planned is not None
            and last is not None
            and self.stash is not None
            and src_uri not in self.kept
            and last.frame == planned.frame
            and last.dest == planned.dest
            and src_uri in self.bodies
        )

    def same_body(self, src_uri: str, key: str) -> str | None:
        """The page's HTML of the last build when its body key is the last build's (the theme
        then writes the same page), for MkDocs to write again; ``None``: build it."""
        planned = self.building.get(src_uri)
        if planned is None or self.stash is None or self.bodies.get(src_uri) != key:
            return None
        html = self._last_html(src_uri, planned.dest)
        if html is not None:
            self.unchanged.append(src_uri)
            self.new_bodies[src_uri] = key
        return html

    def _last_html(self, src_uri: str, dest: str) -> str | None:
        """The last build's HTML of the page at ``dest``, kept to be written again (``None``
        when its anchors or its file are missing: then it is built)."""
        if src_uri not in self.anchors or self.stash is None:
            return None
        base = self.site if dest.partition("/")[0] in self.restored else self.stash
        if base is None:
            return None
        try:
            html = (base / dest).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None
        self.kept[src_uri] = html
        return html

    def rendered(self, src_uri: str, key: str) -> None:
        """The running build rendered the page's body (its body key)."""
        self.new_bodies[src_uri] = key

    def reuse(self, src_uri: str) -> bool:
        """Move the page's last output back into the site when it has not changed; whether it
        did (then MkDocs must not build the page)."""
        planned = self.building.get(src_uri)
        if planned is None or self.stash is None or self.site is None:
            return False
        if self.written.get(src_uri) != planned:
            return False
        if planned.dest.partition("/")[0] in self.restored:  # moved back with its folder
            if not os.path.isfile(os.path.join(self.site, planned.dest)):
                return False
            self.done.add(src_uri)
            self.reused.append(src_uri)
            return True
        kept = os.path.join(self.stash, planned.dest)
        target = os.path.join(self.site, planned.dest)
        folder = os.path.dirname(target)
        if folder not in self.folders:  # one mkdir per folder, not per page
            os.makedirs(folder, exist_ok=True)
            self.folders.add(folder)
        try:
            os.rename(kept, target)
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
            return False  # not written by the last build after all
        self.done.add(src_uri)
        self.reused.append(src_uri)
        return True

    def keep(self, src_uri: str) -> str | None:
        """The page's HTML of the last build when it has not changed, for MkDocs to write again
        (a page in the navigation, which MkDocs builds anyway); ``None`` when it must be built."""
        planned = self.building.get(src_uri)
        if planned is None or self.stash is None or self.written.get(src_uri) != planned:
            return None
        html = self._last_html(src_uri, planned.dest)
        if html is not None:
            self.held.append(src_uri)
            self.reused.append(src_uri)
        return html

    def restore(self, name: str) -> bool:
        """Move the last build's ``name`` (a file or folder at the top of the site) back into
        the site; whether there was one."""
        if self.stash is None or self.site is None or not (self.stash / name).exists():
            return False
        target = self.site / name
        if target.is_dir():
            shutil.rmtree(target)
        os.rename(self.stash / name, target)
        return True

    def kept_search_entries(self) -> Path | None:
        """The last build's Material search index, while it waits aside."""
        if self.stash is None:
            return None
        index = self.stash / "search" / "search_index.json"
        return index if index.is_file() else None

    def wrote(self, src_uri: str, anchors: frozenset[str] | None = None) -> None:
        """The running build wrote the page (with these anchors, for a generated page)."""
        if src_uri in self.building:
            self.done.add(src_uri)
            if anchors is not None:
                self.anchors[src_uri] = anchors

    def finish(self) -> None:
        """The build succeeded: remember its pages, delete what the last build left aside."""
        self.written = {uri: self.building[uri] for uri in self.done if uri in self.building}
        self.anchors = {uri: found for uri, found in self.anchors.items() if uri in self.written}
        bodies = {**self.bodies, **self.new_bodies}  # a reused page keeps its key
        self.bodies = {uri: bodies[uri] for uri in self.written if uri in bodies}
        self.new_bodies = {}
        self.building = {}
        self.kept = {}
        self.own_files = self.new_own_files
        self.drop_stash()

    def fail(self) -> None:
        """The build failed: nothing of it is reused."""
        self.own_files = set()
        self.written = {}
        self.building = {}
        self.kept = {}
        self.anchors = {}
        self.bodies = {}
        self.new_bodies = {}
        self.drop_stash()

    def drop_stash(self) -> None:
        """Delete what the last build left aside, in the background (a second on a big site):
        the preview is ready before it is gone."""
        if self.stash is not None:
            stash, self.stash = self.stash, None
            remover = threading.Thread(
                target=shutil.rmtree, args=(stash,), kwargs={"ignore_errors": True}, daemon=True
            )
            remover.start()
            self.removers = [r for r in self.removers if r.is_alive()] + [remover]

    def close(self) -> None:
        """The server stops: wait until nothing is left aside."""
        self.drop_stash()
        for remover in self.removers:
            remover.join()
        self.removers = []
