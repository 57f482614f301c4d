"""Diagnostics in the formats CI systems put on the lines of a merge-request diff.

* :func:`gitlab_code_quality`: a GitLab Code Quality report (``artifacts:reports:codequality``),
  the subset of the Code Climate issue format GitLab reads: a JSON array of objects with
  ``description``, ``check_name``, ``fingerprint``, ``severity`` and ``location.path`` /
  ``location.lines.begin``. Errors are ``major``, warnings ``minor``.
* :func:`github_annotations`: GitHub Actions workflow commands, one per line,
  ``::error file=…,line=…,title=…::message`` (``::warning`` for warnings). Data is escaped as the
  runner expects (``%`` → ``%25``, CR → ``%0D``, LF → ``%0A``); property values also escape
  ``:`` → ``%3A`` and ``,`` → ``%2C``, so no message can end the command or start another.

Paths are the diagnostics' own (relative to the working directory, as ``pohon check`` prints
them): run the check from the repository root so that they match the files of the diff.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from typing import Any

from ..tree.diagnostics import Diagnostic, Severity

GITLAB_SEVERITY = {Severity.ERROR: "major", Severity.WARNING: "minor"}
GITHUB_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning"}


def fingerprint(diagnostic: Diagnostic, occurrence: int = 0) -> str:
    """A stable id of a finding: the hash of rule, file and message (not the line, so that a
    finding keeps its fingerprint when lines above it move). ``occurrence`` tells apart identical
    findings in one file (the n-th repeat of the same rule, file and message). The Indonesian
    message is hashed whatever the report's language, so a language switch keeps fingerprints."""
    parts = [diagnostic.rule, diagnostic.file, diagnostic.message]
    if occurrence:
        parts.append(str(occurrence))
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()[:32]


def gitlab_issues(diagnostics: Iterable[Diagnostic], language: str = "id") -> list[dict[str, Any]]:
    seen: dict[tuple[str, str, str], int] = {}
    issues = []
    for diagnostic in diagnostics:
        key = (diagnostic.rule, diagnostic.file, diagnostic.message)
        occurrence = seen.get(key, 0)
        seen[key] = occurrence + 1
        issues.append(
            {
                "description": diagnostic.message_in(language),
                "check_name": diagnostic.rule,
                "fingerprint": fingerprint(diagnostic, occurrence),
                "severity": GITLAB_SEVERITY[diagnostic.severity],
                "location": {
                    "path": diagnostic.file,
                    "lines": {"begin": max(diagnostic.line, 1)},
                },
            }
        )
    return issues


def gitlab_code_quality(diagnostics: Iterable[Diagnostic], language: str = "id") -> str:
    """The Code Quality report as JSON text (an array; ``[]`` when there is nothing to say)."""
    return json.dumps(gitlab_issues(diagnostics, language), ensure_ascii=False, indent=2) + "\n"


def escape_data(text: str) -> str:
    """Escape the message of a workflow command."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value (``file``, ``title`` …) of a workflow command."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_annotation(diagnostic: Diagnostic, language: str = "id") -> str:
    properties = [f"file={escape_property(diagnostic.file)}"]
    if diagnostic.line:
        properties.append(f"line={diagnostic.line}")
    if diagnostic.column:
        properties.append(f"col={diagnostic.column}")
    properties.append(f"title={escape_property(f'pohon {diagnostic.rule}')}")
    command = GITHUB_COMMAND[diagnostic.severity]
    message = escape_data(diagnostic.message_in(language))
    return f"::{command} {','.join(properties)}::{message}"


def github_annotations(diagnostics: Iterable[Diagnostic], language: str = "id") -> str:
    """Workflow commands, one line per diagnostic (empty text when there is none)."""
    return "".join(github_annotation(d, language) + "\n" for d in diagnostics)
