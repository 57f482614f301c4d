"""Names a reader cannot tell apart: a small, built-in confusables skeleton.

Two names are *twins* when they have the same :func:`skeleton`: the same text after Unicode
compatibility normalisation (NFKC: fullwidth letters, ligatures, different normal forms of one
accented letter), after mapping Cyrillic and Greek letters that look like Latin ones to those Latin
letters, ignoring case, invisible characters (zero-width spaces, joiners, direction marks, soft
hyphens) and runs of white space, and treating the dash look-alikes as ``-``. This is the idea of
Unicode's confusable skeleton (UTS #39) with a table small enough to read: the letters that turn
up in Indonesian names typed on Latin, Cyrillic or Greek keyboards.

Ids are ASCII (the id rule), so their skeleton (:func:`id_skeleton`) only folds what ASCII itself
makes easy to confuse: ``l``/``1``, ``o``/``0``, ``rn``/``m``, ``vv``/``w`` and the separators.
"""

from __future__ import annotations

import unicodedata

from .diagnostics import Text

# Cyrillic and Greek letters that look like a Latin letter, in both cases (mapped before case is
# folded: Cyrillic capital В looks like B, its small letter в does not look like b).
_LOOKALIKES = {
    # Cyrillic capitals
    "А": "A", "В": "B", "Е": "E", "Ѕ": "S", "І": "I", "Ј": "J", "К": "K", "М": "M", "Н": "H",
    "О": "O", "Р": "P", "С": "C", "Т": "T", "Х": "X", "У": "Y", "Ү": "Y", "Ԛ": "Q", "Ԝ": "W",
    "Ӏ": "I", "Ԁ": "D",
    # Cyrillic small letters
    "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "ѕ": "s", "і": "i",
    "ј": "j", "һ": "h", "ԁ": "d", "ԛ": "q", "ԝ": "w", "ӏ": "l", "ү": "y", "ɡ": "g",
    # Greek capitals
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N",
    "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X",
    # Greek small letters
    "ο": "o", "ν": "v", "ι": "i", "κ": "k", "ρ": "p", "υ": "u", "α": "a", "χ": "x",
    # dashes and quotes that look like their ASCII forms
    "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "―": "-", "−": "-", "﹣": "-", "－": "-",
    "‘": "'", "’": "'", "ʼ": "'", "‚": "'", "“": '"', "”": '"', "„": '"',
}  # fmt: skip
_TABLE = str.maketrans(_LOOKALIKES)


def _visible(char: str) -> bool:
    # Cf: zero-width space and joiners, direction marks and overrides, soft hyphen, BOM.
    return unicodedata.category(char) != "Cf"


def skeleton(text: str) -> str:
    """What a reader sees of ``text``: equal skeletons mean the two cannot be told apart."""
    folded = unicodedata.normalize("NFKC", text).translate(_TABLE).casefold()
    folded = "".join(char for char in folded if _visible(char))
    return " ".join(unicodedata.normalize("NFKC", folded).split())


_ID_PAIRS = (("_", "-"), (".", "-"), ("0", "o"), ("1", "l"), ("rn", "m"), ("vv", "w"))


def id_skeleton(ident: str) -> str:
    """An ASCII id with the characters that are easy to confuse in it folded together."""
    folded = ident.lower()
    for old, new in _ID_PAIRS:
        folded = folded.replace(old, new)
    return folded


# Characters and names a file may not have on Windows (or that Windows silently changes).
_WINDOWS_FORBIDDEN = frozenset('<>:"|?*\\')
WINDOWS_DEVICES = frozenset(
    ["con", "prn", "aux", "nul"] + [f"com{i}" for i in range(10)] + [f"lpt{i}" for i in range(10)]
)


def unportable(part: str) -> Text | None:
    """Why one file or folder name cannot be checked out everywhere, or ``None`` if it can."""
    bad = sorted({c for c in part if c in _WINDOWS_FORBIDDEN or unicodedata.category(c) == "Cc"})
    if bad:
        shown = ", ".join(repr(c) for c in bad)
        return Text(
            id=f"memuat {shown}, yang tidak diizinkan Windows dalam nama berkas",
            en=f"contains {shown}, which Windows does not allow in a file name",
        )
    if any(not _visible(c) for c in part):
        return Text(
            id="memuat karakter tak terlihat (tanda arah, spasi lebar-nol, atau sejenisnya)",
            en="contains an invisible character (a direction mark, zero-width space or the like)",
        )
    if part.split(".")[0].strip().lower() in WINDOWS_DEVICES:
        return Text(
            id=f"'{part.split('.')[0]}' adalah nama perangkat yang dicadangkan Windows",
            en=f"'{part.split('.')[0]}' is a reserved device name on Windows",
        )
    if part.endswith((".", " ")):
        return Text(
            id="diakhiri titik atau spasi, yang dibuang oleh Windows",
            en="ends with a dot or a space, which Windows drops",
        )
    return None
