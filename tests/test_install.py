"""Install outside this repository, as a regency would: build the wheel, install it into a fresh
virtual environment in a temporary folder, then ``pohon init``, ``pohon check``, ``pohon fmt
--check`` and ``mkdocs build --strict`` there, away from the repository.

No network: the wheel is built with this environment's setuptools (``--no-build-isolation``; the
``test`` extra brings a recent one), installed with ``--no-deps --no-index``, and the new
environment sees this one's packages (MkDocs, Material …) for its dependencies.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "mkdocs_pohon_plugin"
BIN = "Scripts" if os.name == "nt" else "bin"


def _run(command: list[str | Path], cwd: Path, env: dict[str, str]) -> str:
    done = subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, (command, done.stdout[-3000:], done.stderr[-3000:])
    return done.stdout


def _clean_env() -> dict[str, str]:
    """The environment without anything that points Python at this repository."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env["PIP_NO_INDEX"] = "1"
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return env


def _package_files(folder: str) -> set[str]:
    """The files of a package folder, as wheel member names."""
    root = PACKAGE / folder
    return {
        "mkdocs_pohon_plugin/" + path.relative_to(PACKAGE).as_posix()
        for path in root.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's wheel, built from a copy of its sources (the checkout stays untouched)."""
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(REPO / name, source / name)
    shutil.copytree(
        PACKAGE,
        source / PACKAGE.name,
        ignore=shutil.ignore_patterns("__pycache__", "*.pyc"),
    )
    dist = work / "dist"
    _run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "--no-index",
            "--quiet",
            "-w",
            dist,
            source,
        ],
        cwd=work,
        env=_clean_env(),
    )
    (built,) = dist.glob("mkdocs_pohon_plugin-*.whl")
    return built


def test_the_wheel_holds_the_package_data_and_not_the_test_helpers(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert not [n for n in names if n.startswith("mkdocs_pohon_plugin/testing/")]
    for folder in ("data", "templates", "assets", "theme_overrides", "scaffold"):
        expected = _package_files(folder)
        assert expected, folder
        assert expected <= names, sorted(expected - names)
    for csv in ("program.csv", "kegiatan.csv", "sub_kegiatan.csv"):
        assert f"mkdocs_pohon_plugin/data/nomenklatur/{csv}" in names
    assert "mkdocs_pohon_plugin/scaffold/trees/pemda.yaml.j2" in names
    assert "mkdocs_pohon_plugin/scaffold/ci/gitlab-ci.yml" in names
    entry_points = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
    text = zipfile.ZipFile(wheel).read(entry_points).decode("utf-8")
    assert "pohon = mkdocs_pohon_plugin.cli:main" in text
    assert "pohon = mkdocs_pohon_plugin.plugin:PohonPlugin" in text


def test_a_new_site_outside_the_repository(wheel: Path, tmp_path: Path) -> None:
    env = _clean_env()
    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", "--system-site-packages", venv], cwd=tmp_path, env=env)
    python = venv / BIN / ("python.exe" if os.name == "nt" else "python")
    if sys.prefix != sys.base_prefix:
        # The tests run in a virtual environment: --system-site-packages shows the base
        # interpreter's packages, not this environment's, so point the new one at them too. A
        # path in a .pth file is added after the new environment's own packages, and the .pth
        # files found there are not run (this environment's editable install stays out).
        paths = {sysconfig.get_path("purelib"), sysconfig.get_path("platlib")}
        site_packages = Path(
            _run(
                [python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                cwd=tmp_path,
                env=env,
            ).strip()
        )
        (site_packages / "tests-environment.pth").write_text("\n".join(sorted(paths)) + "\n")
    _run(
        [python, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", wheel],
        cwd=tmp_path,
        env=env,
    )
    work = tmp_path / "work"
    work.mkdir()
    where = _run(
        [python, "-c", "import mkdocs_pohon_plugin as m; print(m.__file__)"], cwd=work, env=env
    )
    assert Path(where.strip()).is_relative_to(venv), where
    assert not Path(where.strip()).is_relative_to(REPO)

    pohon = venv / BIN / "pohon"
    out = _run([pohon, "init", "situs", "--nama", "Kota Contoh", "--jenis", "kota"], work, env)
    assert "ditulis" in out
    site = work / "situs"
    _run([pohon, "check", "--strict", "situs/trees"], work, env)  # no error and no warning
    _run([pohon, "fmt", "--check", "situs/trees"], work, env)
    _run([python, "-m", "mkdocs", "build", "--strict"], site, env)
    home = (site / "site" / "index.html").read_text("utf-8")
    assert "Kota Contoh" in home
    assert (site / "site" / "opd" / "bappeda" / "index.html").is_file()
