"""Problems found in trees: the rule catalogue and the diagnostics that cite it.

Every diagnostic names a rule id, a file and a line, and says what to do. Errors cannot be switched
off; warnings (the evaluators' quality rules) can, per site, with ``pengaturan.aturan_nonaktif``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    severity: Severity
    summary: str


_E = Severity.ERROR
_W = Severity.WARNING

RULES: dict[str, Rule] = {
    rule.id: rule
    for rule in (
        # Reading files
        Rule(
            "berkas-tidak-terbaca",
            _E,
            "a tree file cannot be read or decoded as UTF-8, or is too large",
        ),
        Rule("yaml-sintaks", _E, "the file is not valid YAML"),
        Rule(
            "yaml-alias",
            _E,
            "YAML anchors and aliases are not allowed: they hide content from reviewers",
        ),
        Rule(
            "kunci-ganda",
            _E,
            "a key appears twice in one mapping; YAML would silently keep the last",
        ),
        Rule(
            "jenis-berkas",
            _E,
            "a file is neither the regional file (pemda:) nor an agency file (opd:)",
        ),
        Rule(
            "nama-berkas-tidak-aman",
            _E,
            "a tree file or folder name that cannot be checked out on every system (Windows)",
        ),
        # Shape of a file
        Rule("kolom-tidak-dikenal", _E, "a key that the format does not know (often a typo)"),
        Rule("kolom-wajib", _E, "a required key is missing"),
        Rule("tipe-salah", _E, "a value of the wrong type"),
        Rule("nilai-salah", _E, "a value outside the allowed choices"),
        Rule("yaml-konversi", _E, "unquoted text that YAML turns into a number, boolean or date"),
        Rule("koma-desimal", _E, "a number written with a decimal comma, which YAML reads as text"),
        # Site-wide consistency
        Rule("id-ganda", _E, "the same id is used twice in the site"),
        Rule("id-tidak-aman", _E, "an id that is not safe in a URL"),
        Rule(
            "nama-kembar",
            _E,
            "two agency names, ids or file names that a reader cannot tell apart",
        ),
        Rule("rujukan-hilang", _E, "a reference to a node that does not exist"),
        Rule("siklus", _E, "parents that form a cycle"),
        Rule(
            "tingkat-salah",
            _E,
            "a node that is not exactly one level below its parent, or an unknown level",
        ),
        Rule("tahun-di-luar-periode", _E, "a year outside the planning period"),
        Rule(
            "kode-salah", _E, "a malformed Kemendagri code, or one of the wrong kind for the level"
        ),
        Rule("kode-tidak-sesuai-induk", _E, "a code that does not belong under its parent's code"),
        Rule("id-lama-bentrok", _E, "a former id (id_lama) that is live, or claimed twice"),
        Rule("id-hilang", _E, "a published id that disappeared without being listed as id_lama"),
        Rule("induk-opd-lain", _E, "a parent in another agency (use crosscutting instead)"),
        Rule(
            "crosscutting-diri", _E, "a crosscutting link from a node to itself or its own agency"
        ),
        # Quality rules (PermenPANRB 88/2021 evaluation sheet)
        Rule("node-tanpa-indikator", _W, "a node without an indicator"),
        Rule("indikator-tanpa-satuan", _W, "an indicator without a unit (satuan)"),
        Rule("indikator-tanpa-kondisi-awal", _W, "an indicator without a baseline (kondisi awal)"),
        Rule(
            "indikator-tanpa-target",
            _W,
            "an indicator without a target for some year of the period",
        ),
        Rule("indikator-tanpa-definisi", _W, "an indicator without an operational definition"),
        Rule(
            "daun-tanpa-sub-kegiatan",
            _W,
            "an agency leaf node that does not link to a sub kegiatan",
        ),
        Rule("sasaran-tanpa-cascading", _W, "a regional sasaran that no agency node supports"),
        Rule("crosscutting-menunggu", _W, "a crosscutting link still pending agreement"),
        Rule("crosscutting-ditolak", _W, "a crosscutting link that was rejected"),
        Rule("kode-tidak-di-nomenklatur", _W, "a code missing from the declared nomenclature"),
        Rule("nomenklatur-tidak-ditemukan", _W, "the declared nomenclature folder cannot be read"),
        Rule("aturan-tidak-dikenal", _W, "aturan_nonaktif names a rule that does not exist"),
    )
}


LANGUAGES = ("id", "en")
"""The languages of every message the tool writes; Indonesian is the default."""


@dataclass(frozen=True, slots=True)
class Text:
    """A sentence in both languages the tool speaks (Indonesian first, the default)."""

    id: str
    en: str

    def __call__(self, language: str = "id") -> str:
        return self.en if language == "en" else self.id

    def map(self, change: Callable[[str], str]) -> Text:
        return Text(change(self.id), change(self.en))

    @classmethod
    def same(cls, text: str) -> Text:
        """A text that reads the same in both languages: a quoted value, a system's own words."""
        return cls(text, text)

    def __add__(self, other: Text) -> Text:
        """Both languages joined: ``Text("a", "b") + Text(" c", " d")``."""
        return Text(self.id + other.id, self.en + other.en)


def as_text(message: str | Text) -> Text:
    """``message`` as a :class:`Text`; a plain string (a value, not a sentence) stands for both."""
    return message if isinstance(message, Text) else Text.same(message)


class TextError(Exception):
    """An error whose message is said in both languages; ``str()`` gives the Indonesian (the
    default language), ``text(language)`` either."""

    def __init__(self, text: Text) -> None:
        super().__init__(text.id)
        self.text = text


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem: where it is, which rule it breaks, and what to do about it."""

    rule: str
    file: str
    line: int
    text: Text
    """What is wrong and what to do, in both languages."""
    column: int = 0

    def __post_init__(self) -> None:
        if isinstance(self.text, str):  # built by hand (tests, old callers): one text for both
            object.__setattr__(self, "text", as_text(self.text))

    @property
    def message(self) -> str:
        """The message in Indonesian (the default language)."""
        return self.text.id

    def message_in(self, language: str = "id") -> str:
        return self.text(language)

    @property
    def severity(self) -> Severity:
        return RULES[self.rule].severity

    @property
    def is_error(self) -> bool:
        return RULES[self.rule].severity is Severity.ERROR

    def format(self, language: str = "id") -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.severity.value}[{self.rule}] {self.text(language)}"

    def as_dict(self, language: str = "id") -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "severity": self.severity.value,
            "rule": self.rule,
            "message": self.text(language),
        }


MAX_PER_RULE_AND_FILE = 100
"""At most this many diagnostics of one rule in one file are kept; one more says the rest were
left out. A hostile 20 MB file could otherwise produce millions of them (and gigabytes)."""

# Control characters, and the invisible format characters that reorder or hide text (direction
# overrides, zero-width characters): a file name or a value quoted in a message must not start a
# new line in a CI log or a terminal, nor reorder what a reviewer reads.
_INVISIBLE = re.compile(
    r"[\x00-\x1f\x7f-\x9f\u00ad\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]"
)


def visible(text: str) -> str:
    """``text`` with control and invisible characters written as ``\\uXXXX`` escapes."""
    if not _INVISIBLE.search(text):
        return text
    return _INVISIBLE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


class DiagnosticSink:
    """Collects diagnostics while loading and validating; nothing stops at the first one."""

    __slots__ = ("items", "reported", "_counts")

    def __init__(self) -> None:
        self.items: list[Diagnostic] = []
        self.reported = 0
        """Diagnostics added, including those left out over :data:`MAX_PER_RULE_AND_FILE`."""
        self._counts: dict[tuple[str, str], int] = {}

    def replay(self, items: list[Diagnostic], reported: int | None = None) -> None:
        """Add diagnostics another sink collected (already capped per rule and file there)."""
        self.items.extend(items)
        self.reported += len(items) if reported is None else reported

    def add(self, rule: str, file: str, line: int, message: Text, column: int = 0) -> None:
        """Record a problem; ``message`` says what is wrong and what to do, in both languages."""
        assert rule in RULES, rule
        assert isinstance(message, Text), "a diagnostic's message is a Text in both languages"
        self.reported += 1
        key = (rule, file)
        count = self._counts.get(key, 0) + 1
        self._counts[key] = count
        if count > MAX_PER_RULE_AND_FILE:
            if count == MAX_PER_RULE_AND_FILE + 1:
                message = Text(
                    f"Masalah sejenis ({rule}) masih ada mulai baris ini; pemeriksaan hanya "
                    f"menampilkan paling banyak {MAX_PER_RULE_AND_FILE} per aturan dan berkas. "
                    "Perbaiki yang ini lalu jalankan lagi.",
                    f"More problems of this kind ({rule}) follow from this line on; the check "
                    f"lists at most {MAX_PER_RULE_AND_FILE} per rule and file. Fix these and run "
                    "it again.",
                )
            else:
                return
        text = message.map(visible)
        self.items.append(Diagnostic(rule, visible(file), line, text, column))


def sort_key(diagnostic: Diagnostic) -> tuple[str, int, int, str]:
    return (diagnostic.file, diagnostic.line, diagnostic.column, diagnostic.rule)
