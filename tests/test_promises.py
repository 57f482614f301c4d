"""The history of promises (issue 17 item 4): every change of each indicator's targets and
realisations from git, judged against the polarity, on the indicator page; each PK page stamped
with its revision, with a notice when targets of its year changed after the signing.

The repository: the mini trees committed, then three commits: K4's 2026 target raised (AKI's
lowered, which strengthens it: lower is better), then both weakened against their polarity, then
a realisation added."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from mkdocs_pohon_plugin.core.review import promises as promises_module
from mkdocs_pohon_plugin.core.review.diff import diff_sites, load_folder
from mkdocs_pohon_plugin.core.review.diff_render import render_markdown
from mkdocs_pohon_plugin.core.review.promises import (
    REALISATION,
    TARGET,
    PromiseCache,
    SignedPk,
    file_snapshot,
    site_promises,
    weakened,
)
from mkdocs_pohon_plugin.core.tree import yaml_writer
from mkdocs_pohon_plugin.core.tree.diagnostics import DiagnosticSink
from mkdocs_pohon_plugin.core.tree.load import load_site
from mkdocs_pohon_plugin.core.tree.model import PkSigning, Site
from tests.sites import MINI, SiteConfig, article, build_site

K4 = "dinkes-sp-1-k4"
"""Cakupan K4: higher is better (maksimal), not on the PK (a program's indicator)."""
AKI = "dinkes-ss-1-aki"
"""Angka Kematian Ibu: lower is better (minimal), on Dinkes' PK (a sasaran strategis)."""


def _git(repo: Path, *args: str, when: str | None = None) -> str:
    env = dict(os.environ)
    if when:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = f"{when}T10:00:00+00:00"
    proc = subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@e.org", *args],
        cwd=repo,
        check=True,
        capture_output=True,
        text=True,
        env=env,
    )
    return proc.stdout.strip()


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), "utf-8")


def _sign(repo: Path, entry: str) -> None:
    """Write Dinkes' ``pk_ditandatangani`` (uncommitted)."""
    _edit(
        repo / "trees/opd/dinkes.yaml",
        "  id: dinkes\n",
        f"  id: dinkes\n  pk_ditandatangani: [{entry}]\n",
    )


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(MINI, tmp_path / "trees")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Situs\n", "utf-8")
    dinkes = tmp_path / "trees/opd/dinkes.yaml"
    _git(tmp_path, "init", "-q", "-b", "main")
    _git(tmp_path, "add", "-A")
    _git(tmp_path, "commit", "-q", "-m", "Pohon 2025 ditetapkan", when="2026-01-05")
    _edit(dinkes, "target: {2025: 90, 2026: 92}", "target: {2025: 90, 2026: 95}")
    _edit(dinkes, "target: {2025: 100, 2026: 90}", "target: {2025: 100, 2026: 85}")
    _git(tmp_path, "commit", "-q", "-am", "Target 2026 dipertajam", when="2026-01-20")
    _edit(dinkes, "target: {2025: 90, 2026: 95}", "target: {2025: 90, 2026: 93}")
    _edit(dinkes, "target: {2025: 100, 2026: 85}", "target: {2025: 100, 2026: 88}")
    _git(tmp_path, "commit", "-q", "-am", "Target 2026 <b>disesuaikan</b>", when="2026-03-01")
    _edit(dinkes, "realisasi: {2025: 91.5}", "realisasi: {2025: 91.5, 2026: 92.5}")
    _git(tmp_path, "commit", "-q", "-am", "Realisasi 2026", when="2026-03-20")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _site(root: Path) -> Site:
    return load_site(root / "trees", DiagnosticSink())


def _sha(repo: Path, rev: str) -> str:
    return _git(repo, "rev-parse", rev)


# --- the core ----------------------------------------------------------------------------------


def test_every_change_with_its_commit_newest_first(repo: Path) -> None:
    promises = site_promises(_site(repo))
    assert promises is not None
    k4 = [
        (c.commit.summary, c.measure, c.year, c.old, c.new, c.weakened)
        for c in promises.of(K4)
        if c.old is not None or c.commit.summary != "Pohon 2025 ditetapkan"
    ]
    assert k4 == [
        ("Realisasi 2026", REALISATION, 2026, None, 92.5, False),
        ("Target 2026 <b>disesuaikan</b>", TARGET, 2026, 95, 93, True),
        ("Target 2026 dipertajam", TARGET, 2026, 92, 95, False),
    ]
    first = [(c.measure, c.year, c.new) for c in promises.of(K4)[3:]]
    assert first == [
        ("kondisi_awal", 2024, 88),
        (TARGET, 2025, 90),
        (TARGET, 2026, 92),
        (REALISATION, 2025, 91.5),
    ]
    assert promises.of(K4)[1].commit.date == "2026-03-01"
    # lower is better: lowering the target strengthens it, raising it weakens it
    aki = [(c.old, c.new, c.weakened) for c in promises.of(AKI) if c.old is not None]
    assert aki == [(85, 88, True), (90, 85, False)]
    assert promises.revision is not None and promises.revision.sha == _sha(repo, "HEAD")
    assert not promises.dirty
    assert promises.complete and all(promises.complete.values())


def test_the_history_is_bounded_by_revisions(repo: Path) -> None:
    promises = site_promises(_site(repo), revisions=1)
    assert promises is not None
    assert [(c.commit.summary, c.measure) for c in promises.of(K4)] == [
        ("Realisasi 2026", REALISATION)
    ]
    assert promises.of(AKI) == []
    dinkes = next(f for f in promises.complete if f.endswith("dinkes.yaml"))
    assert promises.complete[dinkes] is False
    assert site_promises(_site(repo), revisions=0) is None


def test_a_renamed_indicator_keeps_its_history(repo: Path) -> None:
    dinkes = repo / "trees/opd/dinkes.yaml"
    _edit(dinkes, f"- id: {K4}\n", f"- id: {K4}-baru\n        id_lama: [{K4}]\n")
    _git(repo, "commit", "-q", "-am", "Id K4 diganti", when="2026-04-01")
    promises = site_promises(_site(repo))
    assert promises is not None
    assert [c.commit.summary for c in promises.of(f"{K4}-baru")][:2] == [
        "Realisasi 2026",
        "Target 2026 <b>disesuaikan</b>",
    ]


def test_no_git_checkout_no_history(tmp_path: Path) -> None:
    shutil.copytree(MINI, tmp_path / "trees")
    assert site_promises(_site(tmp_path)) is None


def test_uncommitted_changes_are_noted(repo: Path) -> None:
    _edit(repo / "trees/opd/dinkes.yaml", "realisasi: {2025: 95}", "realisasi: {2025: 96}")
    promises = site_promises(_site(repo))
    assert promises is not None and promises.dirty


def test_a_rebuild_reuses_the_history_while_head_stays(repo: Path) -> None:
    cache = PromiseCache()
    first = site_promises(_site(repo), cache=cache)
    assert first is not None and not first.dirty
    _edit(repo / "trees/opd/dinkes.yaml", "realisasi: {2025: 95}", "realisasi: {2025: 96}")
    again = site_promises(_site(repo), cache=cache)
    assert again is not None and again.dirty and again.changes is first.changes
    _git(repo, "commit", "-q", "-am", "Realisasi AKI 2025 dikoreksi", when="2026-03-25")
    moved = site_promises(_site(repo), cache=cache)
    assert moved is not None and moved.of(AKI)[0].commit.summary == "Realisasi AKI 2025 dikoreksi"


AWKWARD = b"""\
# a comment
opd:
  id: x
  nama: X
node:
# nodes
- tingkat: sasaran_strategis
  id: x-ss
  pernyataan: |
    Meningkatnya
    - id: bukan-indikator
  crosscutting:
  - ke: y
    peran: Data
  indikator:
  - nama: Indeks
    id: x-ss-i
    definisi: >-
      target: {2025: 1}
    polaritas: minimal
    target:
      2025: 10
      2026: "Baik"
    kondisi_awal: {tahun: 2024, nilai: 12}
    realisasi: {2025: 9.5}
    target_akhir: 8
  - {id: x-ss-j, nama: Flow, polaritas: maksimal, target: {2025: 1}}
- id: x-sp
  tag: [a, b]
  indikator: []
"""


def _indented(text: bytes) -> bytes:
    """The node list two columns in (``fmt``'s layout)."""
    head, _, nodes = text.partition(b"node:\n")
    lines = [b"  " + line if line else line for line in nodes.split(b"\n")]
    return head + b"node:\n" + b"\n".join(lines)


@pytest.mark.parametrize(
    "text",
    [AWKWARD, _indented(AWKWARD)],
    ids=["compact", "indented"],
)
def test_the_fast_reading_reads_what_the_whole_file_says(text: bytes) -> None:
    whole = promises_module.snapshot(text)
    assert whole is not None and set(whole) == {"x-ss-i", "x-ss-j"}
    assert whole["x-ss-i"] == {
        ("polaritas", None): "minimal",
        (TARGET, 2025): 10,
        (TARGET, 2026): "Baik",
        ("kondisi_awal", 2024): 12,
        (REALISATION, 2025): 9.5,
        ("target_akhir", None): 8,
    }
    assert file_snapshot(text, {}) == whole
    assert promises_module.node_items(text) is not None
    skeleton = promises_module.skeleton(text)
    assert b"pernyataan" not in skeleton and b"bukan-indikator" not in skeleton
    assert promises_module.snapshot_of(yaml.safe_load(skeleton)) == whole  # no fallback


def test_text_values_and_the_stable_polarity_are_not_judged() -> None:
    assert weakened(TARGET, "maksimal", 10, 8)
    assert not weakened(TARGET, "maksimal", 8, 10)
    assert weakened(REALISATION, "minimal", 8, 10)
    assert not weakened(TARGET, "stabil", 10, 8)
    assert not weakened(TARGET, "maksimal", "Baik", "Cukup")
    assert not weakened(TARGET, "maksimal", 10, "Cukup")
    assert not weakened("kondisi_awal", "maksimal", 10, 8)


def test_changes_after_a_signing_date_or_revision(repo: Path) -> None:
    promises = site_promises(_site(repo))
    assert promises is not None
    after_signing = promises.changed_since([AKI, K4], 2026, SignedPk(2026, date="2026-02-10"))
    assert after_signing is not None
    assert [(i, c.old, c.new) for i, c in after_signing] == [(AKI, 85, 88), (K4, 95, 93)]
    assert promises.changed_since([AKI], 2026, SignedPk(2026, date="2026-03-02")) == []
    assert promises.changed_since([AKI], 2025, SignedPk(2025, date="2026-01-05")) == []  # same day
    assert promises.changed_since([AKI], 2026, SignedPk(2026)) is None  # nothing to place it by
    # signed before the trees were committed: values first written later were not changed
    before_git = promises.changed_since([AKI], 2026, SignedPk(2026, date="2026-01-01"))
    assert before_git is not None and [(c.old, c.new) for _, c in before_git] == [
        (90, 85),
        (85, 88),
    ]


def test_changes_after_a_signing_revision(repo: Path) -> None:
    signed = _sha(repo, "HEAD~2")  # "Target 2026 dipertajam"
    _sign(repo, f'{{tahun: 2026, revisi: "{signed[:7]}"}}, {{tahun: 2025, revisi: tidak-ada}}')
    promises = site_promises(_site(repo))
    assert promises is not None
    found = promises.changed_since([AKI], 2026, SignedPk(2026, revision=signed[:7]))
    assert found is not None and [(c.old, c.new) for _, c in found] == [(85, 88)]
    assert promises.changed_since([AKI], 2025, SignedPk(2025, revision="tidak-ada")) is None


# --- the extended pk_ditandatangani --------------------------------------------------------------


def test_pk_signed_takes_years_and_signings(tmp_path: Path) -> None:
    shutil.copytree(MINI, tmp_path / "trees")
    _sign(tmp_path, '2025, {tahun: 2026, tanggal: 2026-02-10, revisi: "abc1234"}')
    site = _site(tmp_path)
    opd = site.opds["dinkes"]
    assert opd.pk_signed[0] == 2025
    signing = opd.pk_signed[1]
    assert isinstance(signing, PkSigning)
    assert (signing.year, signing.date, signing.revision) == (2026, "2026-02-10", "abc1234")
    text = yaml_writer.opd_file(opd, [n for n in site.nodes.values() if n.opd_id == "dinkes"])
    assert (
        '  pk_ditandatangani: [2025, {tahun: 2026, tanggal: "2026-02-10", revisi: "abc1234"}]\n'
        in text
    )


def test_pohon_diff_shows_a_signing(tmp_path: Path) -> None:
    for side, entry in (("old", "2025"), ("new", '2025, {tahun: 2026, revisi: "abc1234"}')):
        shutil.copytree(MINI, tmp_path / side / "trees")
        _sign(tmp_path / side, entry)
    diff = diff_sites(load_folder(tmp_path / "old/trees"), load_folder(tmp_path / "new/trees"))
    assert "2025 → 2025, {tahun: 2026, revisi: abc1234}" in render_markdown(diff)


@pytest.mark.parametrize("date", ["10-02-2026", "2026-02-30", "besok"])
def test_a_signing_date_must_be_a_date(tmp_path: Path, date: str) -> None:
    shutil.copytree(MINI, tmp_path / "trees")
    _sign(tmp_path, f"{{tahun: 2026, tanggal: {date}}}")
    sink = DiagnosticSink()
    load_site(tmp_path / "trees", sink)
    found = [d for d in sink.items if d.rule == "tipe-salah"]
    assert found and found[0].line == 3 and "TTTT-BB-HH" in found[0].text.id


# --- the built pages ----------------------------------------------------------------------------


def _build(repo: Path, **options: object) -> Path:
    config = SiteConfig(search_plugin=False).with_options(**options)
    return build_site(repo, None, config, docs=None)


def test_pages_show_the_history_and_the_pk_notice(repo: Path) -> None:
    _sign(repo, "{tahun: 2026, tanggal: 2026-02-10}")
    _git(repo, "commit", "-q", "-am", "PK 2026 ditandatangani", when="2026-03-21")
    site = _build(repo)
    head = _sha(repo, "HEAD")[:8]
    lowered = _sha(repo, "HEAD~2")[:8]
    page = article(site, f"indikator/{K4}/index.html")
    assert "Riwayat Janji" in page and lowered in page
    assert "Melemah</strong> (berlawanan dengan polaritas)" in page
    assert "(pertama dicatat)" in page
    assert "Target 2026 &lt;b&gt;disesuaikan&lt;/b&gt;" in page  # a commit message is text
    assert "perubahan yang lebih lama" in page  # 7 changes: the oldest two folded
    pk = article(site, "opd/dinkes/pk-2026/index.html")
    assert f"Disusun dari revisi <code>{head}</code>" in pk
    assert "Ditandatangani 2026-02-10" in pk
    assert "Target tahun 2026 berubah setelah Perjanjian Kinerja ditandatangani" in pk
    notice = pk[pk.index("pohon-pk-changed") :]
    assert "Angka Kematian Ibu" in notice and "85 → 88" in notice and "Melemah" in notice
    assert "Cakupan K4" not in notice  # not on the PK
    assert "Draf" not in pk.split("pohon-pk-changed")[0]  # signed: no draft mark
    draft = article(site, "opd/dinkes/pk-2025/index.html")
    assert "Draf — belum ditandatangani" in draft and "pohon-pk-changed" not in draft
    assert f"Disusun dari revisi <code>{head}</code>" in draft


def test_no_notice_when_signed_after_the_change(repo: Path) -> None:
    _sign(repo, "{tahun: 2026, tanggal: 2026-03-05}")
    site = _build(repo)
    pk = article(site, "opd/dinkes/pk-2026/index.html")
    assert "Ditandatangani 2026-03-05" in pk
    assert "ditambah perubahan yang belum di-commit" in pk  # the signing is not committed
    assert "pohon-pk-changed" not in pk and "berubah setelah" not in pk


def test_english_pages_and_history_off(repo: Path) -> None:
    site = _build(repo, language="en", promise_revisions=2)
    page = article(site, f"indikator/{K4}/index.html")
    assert "History of Promises" in page and "Weakened" in page
    assert "Only the last 2 revisions of each tree file were read." in page
    assert "Built from revision <code>" in article(site, "opd/dinkes/pk-2026/index.html")
    off = _build(repo, promise_revisions=0)
    assert "Riwayat Janji" not in article(off, f"indikator/{K4}/index.html")
    assert "Disusun dari revisi" not in article(off, "opd/dinkes/pk-2026/index.html")
