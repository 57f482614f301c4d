"""Work that runs beside the site build, on another core: the cascading workbook.

Writing the ``.xlsx`` workbook of a big regency with openpyxl (pure Python) takes about as long as
rendering a few thousand pages. :class:`WorkbookJob` runs ``pohon export-xlsx`` in a separate
process while the pages are built and hands over the file at the end; the machine's second core
does the work instead of the build waiting for it.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path


class WorkbookError(Exception):
    """The workbook process failed; the message carries the end of its output."""


class WorkbookJob:
    """``pohon export-xlsx TREES OUT`` in a child process (the trees are checked there again)."""

    def __init__(self, trees: Path) -> None:
        self._folder = tempfile.TemporaryDirectory(prefix="pohon-xlsx-")
        self.output = Path(self._folder.name) / "matriks-cascading.xlsx"
        self._process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "mkdocs_pohon_plugin.cli",
                "export-xlsx",
                str(self.output),
                "--trees",
                str(trees),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )

    def wait(self) -> bytes:
        """The workbook's bytes, once the process is done."""
        output, _ = self._process.communicate()
        try:
            if self._process.returncode != 0 or not self.output.is_file():
                tail = "\n".join(output.strip().splitlines()[-10:])
                raise WorkbookError(
                    f"the workbook process exited with status {self._process.returncode}: {tail}"
                )
            return self.output.read_bytes()
        finally:
            self._folder.cleanup()

    def cancel(self) -> None:
        if self._process.poll() is None:
            self._process.kill()
            self._process.communicate()
        self._folder.cleanup()
