"""Free codes: a level's own code system (``kode: bebas``) and its pattern (``pola_kode``) in words.

A ministry's outcome tree numbers its levels ``UO.1``, ``Int.O.1.1``, ``Imm.O.1.1.1``; a level of
such a scheme declares the regular expression its codes match. A reviewer reads the rule's
message, not the regular expression: :func:`describe_pattern` says the common shapes (literal
text, digits, numbers, repeated groups) in Indonesian and English, and gives up (``None``) on
anything else, where the message quotes the pattern as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .diagnostics import Text


@dataclass(frozen=True, slots=True)
class _Part:
    id: str
    en: str


_REPEATS = {
    "*": ("nol kali atau lebih", "zero or more times"),
    "+": ("sekali atau lebih", "one or more times"),
    "?": ("boleh ada boleh tidak", "optionally"),
}


def compile_pattern(pattern: str) -> re.Pattern[str] | None:
    """The level's pattern compiled, or ``None`` when it is not a valid regular expression."""
    try:
        return re.compile(pattern)
    except re.error:
        return None


def describe_pattern(pattern: str) -> Text | None:
    """The pattern's shape in words (``'Int.O.', lalu angka, …``), or ``None`` when it uses more
    than literal text, ``\\d``, ``\\d+``, ``\\d{n}``, ``[A-Z]`` and repeated groups."""
    body = pattern.removeprefix("^").removesuffix("$")
    parts = _parts(body)
    if not parts:
        return None
    return Text(
        id=", lalu ".join(p.id for p in parts),
        en=", then ".join(p.en for p in parts),
    )


def _parts(body: str) -> list[_Part] | None:
    parts: list[_Part] = []
    literal = ""
    i = 0

    def flush() -> None:
        nonlocal literal
        if literal:
            parts.append(_Part(f"'{literal}'", f"'{literal}'"))
            literal = ""

    while i < len(body):
        char = body[i]
        if char == "\\" and i + 1 < len(body):
            escaped = body[i + 1]
            if escaped == "d":
                flush()
                i += 2
                count = re.match(r"\{(\d+)\}", body[i:])
                if i < len(body) and body[i] == "+":
                    parts.append(_Part("angka", "a number"))
                    i += 1
                elif count:
                    n = count.group(1)
                    parts.append(_Part(f"{n} digit angka", f"{n} digits"))
                    i += count.end()
                else:
                    parts.append(_Part("satu digit angka", "one digit"))
                continue
            if escaped.isalnum():
                return None
            literal += escaped
            i += 2
            continue
        if body.startswith("[A-Z]", i):
            flush()
            parts.append(_Part("satu huruf besar", "one capital letter"))
            i += 5
            continue
        if char == "(":
            flush()
            depth, end = 0, i
            for end in range(i, len(body)):
                depth += {"(": 1, ")": -1}.get(body[end], 0)
                if depth == 0:
                    break
            if depth != 0 or end + 1 >= len(body) or body[end + 1] not in _REPEATS:
                return None
            inner = _parts(body[i + 1 : end].removeprefix("?:"))
            if not inner:
                return None
            times_id, times_en = _REPEATS[body[end + 1]]
            parts.append(
                _Part(
                    f"({', lalu '.join(p.id for p in inner)}) {times_id}",
                    f"({', then '.join(p.en for p in inner)}) {times_en}",
                )
            )
            i = end + 2
            continue
        if char in ".^$*+?{}[]|)":
            return None
        literal += char
        i += 1
    flush()
    return parts
