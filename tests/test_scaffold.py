"""``pohon init``: the new site passes ``pohon check --strict``, ``pohon fmt --check`` and a strict
MkDocs build as written, names every plugin option, and never overwrites without ``--force``."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from mkdocs_pohon_plugin import scaffold
from mkdocs_pohon_plugin.cli import main
from mkdocs_pohon_plugin.core.review.fmt import format_text
from mkdocs_pohon_plugin.core.tree.check import check_trees
from mkdocs_pohon_plugin.core.tree.nomenclature import PACKAGED_FOLDER, PACKAGED_VERSION
from mkdocs_pohon_plugin.plugin import MERMAID_DEST, PohonConfig
from tests.sites import build

REPO = Path(__file__).resolve().parent.parent
TREE_FILES = ("trees/pemda.yaml", "trees/opd/bappeda.yaml")


def _init(root: Path, *args: str) -> int:
    return main(["init", str(root), *args])


@pytest.fixture(scope="module")
def new_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("init") / "pohon-kinerja"
    assert _init(root, "--nama", "Kabupaten Sukamakmur") == 0
    return root


def test_the_new_site_has_every_file(new_site: Path) -> None:
    names = {p.relative_to(new_site).as_posix() for p in new_site.rglob("*") if p.is_file()}
    assert names == {
        "mkdocs.yml",
        "README.md",
        ".gitignore",
        "package.json",
        "docs/tentang.md",
        "trees/pemda.yaml",
        "trees/opd/bappeda.yaml",
        ".gitlab-ci.yml",
        ".github/workflows/pohon.yml",
        "schema/pohon.schema.json",
    }
    # No docs/index.md: it would replace the generated home page.
    assert not (new_site / "docs" / "index.md").exists()
    pemda = yaml.safe_load((new_site / "trees" / "pemda.yaml").read_text("utf-8"))
    assert pemda["pemda"]["nama"] == "Kabupaten Sukamakmur"
    assert pemda["pemda"]["kepala_daerah"] == "Bupati Sukamakmur"
    assert pemda["pemda"]["periode"] == {"awal": 2025, "akhir": 2029}
    readme = (new_site / "README.md").read_text("utf-8")
    assert "Kabupaten Sukamakmur" in readme and "pohon check trees" in readme


def test_the_new_site_passes_check_strict_and_fmt_check(new_site: Path) -> None:
    result = check_trees(new_site / "trees")
    assert result.diagnostics == []
    assert len(result.site.opds) == 1 and len(result.site.nodes) == 8
    # No nomenclature folder of its own: the codes are checked against the packaged one.
    assert result.nomenclature is not None and result.nomenclature.version == PACKAGED_VERSION
    assert "5.01.02.2.01.0005" in result.nomenclature
    for name in TREE_FILES:
        text = (new_site / name).read_text("utf-8")
        assert format_text(text, name) == text, name


def test_the_new_site_builds_strict(new_site: Path) -> None:
    site = build(new_site)
    home = (site / "index.html").read_text("utf-8")
    assert "Kabupaten Sukamakmur" in home
    assert (site / "opd" / "bappeda" / "index.html").is_file()
    assert (site / "tentang" / "index.html").is_file()


def test_every_key_of_the_trees_is_explained_by_a_comment(new_site: Path) -> None:
    for name in TREE_FILES:
        first: dict[str, str] = {}
        for line in (new_site / name).read_text("utf-8").splitlines():
            match = re.match(r"\s*(?:- )?([a-z_]+):", line)
            if match and not line.lstrip().startswith("#"):
                first.setdefault(match.group(1), line)
        unexplained = [line for line in first.values() if " # " not in line]
        assert unexplained == [], name


def test_mkdocs_yml_names_every_plugin_option_with_its_default(new_site: Path) -> None:
    text = (new_site / "mkdocs.yml").read_text("utf-8")
    config = yaml.load(text, Loader=yaml.UnsafeLoader)  # the superfences format is a !!python tag
    assert config["theme"]["name"] == "material" and config["theme"]["language"] == "id"
    pohon = next(p["pohon"] for p in config["plugins"] if isinstance(p, dict) and "pohon" in p)
    # Commented options (they need a file, a folder or a git revision) count as named.
    commented = dict(re.findall(r"^      # ([a-z_]+): (\S+)", text, re.MULTILINE))
    assert set(pohon) | set(commented) == {name for name, _ in PohonConfig._schema}
    assert set(pohon).isdisjoint(commented)
    assert set(commented) == {"mermaid_js", "custom_templates", "edit_uri", "changes_since"}
    for name, option in PohonConfig._schema:
        if name in pohon:
            assert pohon[name] == option.default, name


def test_mermaid_is_served_locally_when_npm_installed_it(tmp_path: Path) -> None:
    mermaid = tmp_path / scaffold.MERMAID_JS
    mermaid.parent.mkdir(parents=True)
    mermaid.write_text("/* mermaid */\n", "utf-8")
    assert _init(tmp_path) == 0
    config = (tmp_path / "mkdocs.yml").read_text("utf-8")
    assert f"\n      mermaid_js: {scaffold.MERMAID_JS}  #" in config
    build(tmp_path)
    served = tmp_path / "site" / MERMAID_DEST
    assert served.read_text("utf-8") == "/* mermaid */\n"


@pytest.mark.parametrize(
    ("args", "name", "head", "years"),
    [
        (("--jenis", "kota", "--periode", "2026-2030"), "Kota Contoh", "Wali Kota Contoh", 5),
        (
            ("--jenis", "provinsi", "--nama", "Provinsi Jawa Baru", "--periode", "2025-2027"),
            "Provinsi Jawa Baru",
            "Gubernur Jawa Baru",
            3,
        ),
    ],
)
def test_other_kinds_and_periods(
    tmp_path: Path, args: tuple[str, ...], name: str, head: str, years: int
) -> None:
    assert _init(tmp_path, *args) == 0
    result = check_trees(tmp_path / "trees")
    assert result.diagnostics == []
    region = result.site.region
    assert region is not None
    assert (region.name, region.head) == (name, head)
    assert len(result.site.years) == years
    for file in TREE_FILES:
        text = (tmp_path / file).read_text("utf-8")
        assert format_text(text, file) == text


def test_refuses_to_overwrite_without_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "trees").mkdir()
    (tmp_path / "trees" / "pemda.yaml").write_text("milik: saya\n", "utf-8")
    assert _init(tmp_path) == 2
    err = capsys.readouterr().err
    assert "sudah ada" in err and "trees/pemda.yaml" in err and "--force" in err
    assert (tmp_path / "trees" / "pemda.yaml").read_text("utf-8") == "milik: saya\n"
    assert not (tmp_path / "mkdocs.yml").exists()  # nothing written at all
    assert _init(tmp_path, "--force") == 0
    assert "pemda:" in (tmp_path / "trees" / "pemda.yaml").read_text("utf-8")


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("--periode", "2029-2025"), "periode tidak sah"),
        (("--periode", "2025"), "periode ditulis TAHUN-TAHUN"),
        (("--nama", " "), "nama daerah tidak sah"),
        (("--nama", "Kabupaten A: B"), "nama daerah tidak sah"),
        (("--nama", "Kota #1"), "nama daerah tidak sah"),
    ],
)
def test_usage_errors_in_indonesian(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: tuple[str, ...], says: str
) -> None:
    assert _init(tmp_path / "baru", *args) == 2
    assert says in capsys.readouterr().err
    assert not (tmp_path / "baru").exists()


def test_a_file_in_place_of_the_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "berkas").write_text("", "utf-8")
    assert _init(tmp_path / "berkas") == 2
    assert "bukan folder" in capsys.readouterr().err


def test_the_ci_templates_and_mermaid_pin_are_the_repositorys(new_site: Path) -> None:
    ci = REPO / "docs" / "ci"
    assert (new_site / ".gitlab-ci.yml").read_bytes() == (ci / "gitlab-ci.yml").read_bytes()
    github = new_site / ".github" / "workflows" / "pohon.yml"
    assert github.read_bytes() == (ci / "github-workflow.yml").read_bytes()
    ours = json.loads((REPO / "package.json").read_text("utf-8"))["dependencies"]["mermaid"]
    theirs = json.loads((new_site / "package.json").read_text("utf-8"))["dependencies"]
    assert theirs["mermaid"] == ours


def test_a_declared_nomenclature_folder_still_wins(new_site: Path, tmp_path: Path) -> None:
    trees = tmp_path / "trees"
    (trees / "opd").mkdir(parents=True)
    for name in TREE_FILES:
        (tmp_path / name).write_bytes((new_site / name).read_bytes())
    own = trees / "nomenklatur"
    own.mkdir()
    (own / "program.csv").write_text("kode,nama\n5.01.02,PROGRAM SENDIRI\n", "utf-8")
    pemda = trees / "pemda.yaml"
    pemda.write_text(
        pemda.read_text("utf-8").replace("# berkas: nomenklatur", "berkas: nomenklatur"), "utf-8"
    )
    result = check_trees(trees)
    assert result.nomenclature is not None and result.nomenclature.name("5.01.02") == (
        "PROGRAM SENDIRI"
    )
    missing = {d.rule for d in result.diagnostics}
    assert missing == {"kode-tidak-di-nomenklatur"}  # the kegiatan and sub kegiatan codes


def test_the_packaged_nomenclature_is_there() -> None:
    assert sorted(p.name for p in PACKAGED_FOLDER.iterdir()) == [
        "kegiatan.csv",
        "program.csv",
        "sub_kegiatan.csv",
    ]


def test_the_readmes_options_block_builds_as_it_is(tmp_path: Path) -> None:
    """The README's mkdocs.yml block, copied into a site with a trees folder and an empty docs/."""
    readme = (REPO / "README.md").read_text("utf-8")
    section = readme[readme.index("## The site") :]
    block = re.search(r"```yaml\n(.*?)```", section, re.S)
    assert block is not None
    options = yaml.safe_load(block.group(1))
    assert options["theme"]["name"] == "material"
    (tmp_path / "mkdocs.yml").write_text("site_name: Salinan\n" + block.group(1), "utf-8")
    (tmp_path / "docs").mkdir()
    assert _init(tmp_path / "baru") == 0
    (tmp_path / "baru" / "trees").rename(tmp_path / "trees")
    site = build(tmp_path)
    assert (site / "opd" / "bappeda" / "index.html").is_file()


@pytest.mark.parametrize(
    "name",
    ["Kota Bau-Bau", "Kabupaten Toba Samosir (Tobasa)", "Kab. O'Neil", "Kabupaten 50 Kota"],
)
def test_names_are_written_as_they_are(tmp_path: Path, name: str) -> None:
    assert _init(tmp_path, "--nama", name) == 0
    result = check_trees(tmp_path / "trees")
    assert result.diagnostics == []
    assert result.site.region is not None and result.site.region.name == name
    config = yaml.load((tmp_path / "mkdocs.yml").read_text("utf-8"), Loader=yaml.UnsafeLoader)
    assert config["site_name"] == f"Pohon Kinerja {name}"
    for file in TREE_FILES:
        text = (tmp_path / file).read_text("utf-8")
        assert format_text(text, file) == text


def test_a_folder_in_place_of_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "mkdocs.yml").mkdir()
    assert _init(tmp_path, "--force") == 2
    assert "tidak dapat menulis" in capsys.readouterr().err
