"""Work that runs beside the site build, on another core: the downloads.

The site's downloads (``unduh/pohon.json``, ``unduh/indikator.csv`` and the cascading ``.xlsx``
workbook) are built from the whole model: for a big regency the JSON and CSV take a few seconds
and the workbook, written with openpyxl (pure Python), about as long as rendering a few thousand
pages. :class:`DownloadsJob` runs this module (``python -m mkdocs_pohon_plugin.core.site.background
TREES OUT_DIR [--workbook]``) in a separate process while the pages are built and hands the files
over at the end; the machine's second core does the work instead of the build waiting for it.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path


class DownloadsError(Exception):
    """The downloads process failed; the message carries the end of its output."""


class DownloadsJob:
    """The downloads of the trees in ``trees``, written by a child process (the trees are checked
    there again); with ``workbook`` the cascading workbook too."""

    def __init__(self, trees: Path, *, workbook: bool) -> None:
        self._folder = tempfile.TemporaryDirectory(prefix="pohon-downloads-")
        self.output = Path(self._folder.name)
        command = [sys.executable, "-m", __name__, str(trees), str(self.output)]
        if workbook:
            command.append("--workbook")
        self._process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )

    def wait(self) -> dict[str, bytes]:
        """Each download's bytes by its path in the site (``unduh/pohon.json``), once the process
        is done."""
        output, _ = self._process.communicate()
        try:
            if self._process.returncode != 0:
                tail = "\n".join(output.strip().splitlines()[-10:])
                raise DownloadsError(
                    f"the downloads process exited with status {self._process.returncode}: {tail}"
                )
            return {
                path.relative_to(self.output).as_posix(): path.read_bytes()
                for path in sorted(self.output.rglob("*"))
                if path.is_file()
            }
        finally:
            self._folder.cleanup()

    def cancel(self) -> None:
        if self._process.poll() is None:
            self._process.kill()
            self._process.communicate()
        self._folder.cleanup()


def write_downloads(trees: Path, out_dir: Path, *, workbook: bool) -> list[str]:
    """Check ``trees`` and write its downloads into ``out_dir``; their paths."""
    from ..tree.check import check_trees
    from .generate import SiteBuild

    result = check_trees(trees)
    if result.errors:
        raise ValueError(f"{trees}: the trees have errors; run `pohon check {trees}`")
    written = []
    for output in SiteBuild(result).downloads(workbook=workbook):
        target = out_dir / output.path
        target.parent.mkdir(parents=True, exist_ok=True)
        data = output.content.encode("utf-8") if isinstance(output.content, str) else output.content
        target.write_bytes(data)
        written.append(output.path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("trees", type=Path)
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--workbook", action="store_true")
    args = parser.parse_args(argv)
    try:
        write_downloads(args.trees, args.out_dir, workbook=args.workbook)
    except Exception as exc:  # the parent shows this line; a traceback would say no more
        print(f"pohon downloads: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
