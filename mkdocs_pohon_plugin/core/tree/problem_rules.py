"""Problem trees (akar masalah): the rules for ``masalah`` in pemda.yaml and ``menangani`` on nodes.

A theme (``masalah``) states a core problem and the causes behind it, nested under ``penyebab``; a
cause without causes below it is a root cause (akar masalah). Nodes name under ``menangani`` the
causes they work on.

Errors: a theme or cause id used twice (``masalah-id-ganda``; cause ids are unique across the
site, so ``menangani`` can name one without its theme), an id under ``menangani`` that names no
cause (``menangani-tidak-dikenal``, with the nearest ids as a hint).

Warning: a root cause that no node names under ``menangani`` (``akar-masalah-tak-ditangani``,
criterion ``selaras``; its subject is the cause).

Decision on causes that are not root causes: a node may address one (a program or sasaran
strategis often works on a broad cause, its sub kegiatan on the root causes below it), and no rule
reports it. It does not count for the root causes below that cause, though: a root cause is
addressed only by a node that names it, so one broad node cannot hide a root cause nobody works on.
"""

from __future__ import annotations

import difflib

from .diagnostics import DiagnosticSink, Text
from .model import Cause, Site, item_line

KEY = "menangani"


def addressed_causes(site: Site) -> dict[str, list[str]]:
    """Cause id → the ids of the nodes that name it under ``menangani`` (in node order)."""
    found: dict[str, list[str]] = {}
    for node in site.nodes.values():
        for cause_id in dict.fromkeys(node.addresses):
            found.setdefault(cause_id, []).append(node.id)
    return found


def check_problems(site: Site, sink: DiagnosticSink) -> None:
    """Report the problem-tree rules of ``site`` (see the module's docstring)."""
    if not site.problems and not any(node.addresses for node in site.nodes.values()):
        return
    _check_ids(site, sink)
    _check_addresses(site, sink)
    _check_unaddressed(site, sink)


def _check_ids(site: Site, sink: DiagnosticSink) -> None:
    themes: dict[str, str] = {}
    causes: dict[str, str] = {}
    for theme in site.problems:
        line = theme.lines.get("id", theme.loc.line)
        first = themes.get(theme.id)
        if first is not None:
            sink.add(
                "masalah-id-ganda",
                theme.loc.file,
                line,
                Text(
                    id=f"Id tema masalah '{theme.id}' sudah dipakai di {first}; beri setiap tema "
                    "id sendiri (id menjadi alamat halaman Akar Masalah-nya).",
                    en=f"The problem theme id '{theme.id}' is already used at {first}; give each "
                    "theme its own id (the id becomes the address of its Akar Masalah page).",
                ),
            )
        else:
            themes[theme.id] = f"{theme.loc.file}:{line}"
        for cause in theme.all_causes():
            cline = cause.lines.get("id", cause.loc.line)
            cfirst = causes.get(cause.id)
            if cfirst is not None:
                sink.add(
                    "masalah-id-ganda",
                    cause.loc.file,
                    cline,
                    Text(
                        id=f"Id penyebab '{cause.id}' sudah dipakai di {cfirst}; id penyebab "
                        "harus unik di seluruh situs karena node menyebutnya di 'menangani'. "
                        "Ganti salah satunya.",
                        en=f"The cause id '{cause.id}' is already used at {cfirst}; cause ids "
                        "must be unique across the site because nodes name them under "
                        "'menangani'. Rename one of them.",
                    ),
                    subject=cause.id,
                )
            else:
                causes[cause.id] = f"{cause.loc.file}:{cline}"


def _check_addresses(site: Site, sink: DiagnosticSink) -> None:
    known = site.causes
    for node in site.nodes.values():
        for cause_id in node.addresses:
            if cause_id in known:
                continue
            line = item_line(node.lines, KEY, cause_id, node.loc.line)
            close = difflib.get_close_matches(cause_id, list(known), n=3, cutoff=0.6)
            if close:
                names = ", ".join(f"'{c}'" for c in close)
                hint = Text(id=f"maksudnya {names}?", en=f"did you mean {names}?")
            elif known:
                hint = Text(
                    id="sebut id penyebab dari 'masalah' di pemda.yaml.",
                    en="name the id of a cause under 'masalah' in pemda.yaml.",
                )
            else:
                hint = Text(
                    id="situs ini belum memiliki pohon masalah: tulis temanya di 'masalah' pada "
                    "pemda.yaml, atau hapus 'menangani'.",
                    en="this site has no problem tree yet: write its theme under 'masalah' in "
                    "pemda.yaml, or remove 'menangani'.",
                )
            sink.add(
                "menangani-tidak-dikenal",
                node.loc.file,
                line,
                Text(
                    id=f"Node '{node.id}' menyebut '{cause_id}' di 'menangani', tetapi tidak ada "
                    f"penyebab berid itu; {hint.id}",
                    en=f"The node '{node.id}' names '{cause_id}' under 'menangani', but no cause "
                    f"has that id; {hint.en}",
                ),
                subject=node.id,
            )


def _check_unaddressed(site: Site, sink: DiagnosticSink) -> None:
    addressed = addressed_causes(site)
    for theme in site.problems:
        for cause in theme.root_causes():
            if cause.id in addressed or site.causes.get(cause.id) is not cause:
                continue
            sink.add(
                "akar-masalah-tak-ditangani",
                cause.loc.file,
                cause.lines.get("id", cause.loc.line),
                Text(
                    id=f"Akar masalah '{cause.id}' ({_short(cause)}) pada tema '{theme.id}' tidak "
                    "ditangani node mana pun; tambahkan id-nya di 'menangani' pada sasaran yang "
                    "mengatasinya (sub kegiatan, kegiatan atau program).",
                    en=f"The root cause '{cause.id}' ({_short(cause)}) of the theme '{theme.id}' "
                    "is addressed by no node; add its id under 'menangani' of the targets that "
                    "work on it (sub-activity, activity or programme).",
                ),
                subject=cause.id,
            )


def _short(cause: Cause) -> str:
    text = " ".join(cause.description.split())
    return text if len(text) <= 60 else text[:59] + "…"
