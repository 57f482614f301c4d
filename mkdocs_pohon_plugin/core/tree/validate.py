"""Site-wide rules: references, levels, cycles, codes, crosscutting, and the evaluators' quality rules.

Shape problems (types, keys, years) are found while loading (:mod:`.loader`); these rules need the
whole site. Each check appends to the sink and never stops early.
"""

from __future__ import annotations

import re

from .code_patterns import compile_pattern, describe_pattern
from .confusables import id_skeleton, skeleton
from .diagnostics import DiagnosticSink, Text
from .graph import Graph
from .model import Level, Node, Site
from .nomenclature import CODE_EXAMPLES, CODE_KIND_LABELS, Nomenclature, belongs_under, code_kind
from .position_rules import check_positions
from .problem_rules import check_problems
from .quarterly_rules import check_quarterly
from .support_rules import check_supports

_URUSAN_CODE = "bidang urusan"
_CODE_CHARS = re.compile(r"[0-9.]+")
"""A Kemendagri code is ASCII digits and dots only (the kind patterns alone would let a trailing
newline or other scripts' digits through)."""


def _at(node: Node, key: str) -> int:
    return node.lines.get(key, node.loc.line)


def _where(node: Node) -> str:
    return f"node '{node.id}'"


def _node_starts(node: Node) -> str:
    """:func:`_where` at the start of an Indonesian sentence."""
    return f"Node '{node.id}'"


def validate(
    site: Site, graph: Graph, sink: DiagnosticSink, nomenclature: Nomenclature | None
) -> None:
    check_levels_and_parents(site, graph, sink)
    check_cycles(site, sink)
    check_codes(site, graph, sink, nomenclature)
    check_crosscutting(site, sink)
    check_supports(site, graph, sink)
    check_positions(site, graph, sink)
    check_problems(site, sink)
    check_quality(site, graph, sink)
    check_quarterly(site, sink)
    check_lookalikes(site, sink)


def check_levels_and_parents(site: Site, graph: Graph, sink: DiagnosticSink) -> None:
    levels = graph.level_index
    level_names = ", ".join(level.id for level in site.levels)
    nodes = site.nodes
    for node in nodes.values():
        file = node.loc.file
        index = levels.get(node.level)
        level = site.levels[index] if index is not None else None
        if node.level and level is None:
            sink.add(
                "tingkat-salah",
                file,
                _at(node, "tingkat"),
                Text(
                    id=f"{_node_starts(node)} memakai tingkat '{node.level}', yang tidak ada dalam skema "
                    f"tingkat; gunakan salah satu dari: {level_names}.",
                    en=f"{_where(node)} has the level '{node.level}', which is not in the level "
                    f"scheme; use one of: {level_names}.",
                ),
            )
        elif level is not None:
            scope = "opd" if node.opd_id else "pemda"
            if level.scope != scope:
                agency_file = Text(id="berkas OPD", en="an agency file")
                regional_file = Text(id="berkas pemda", en="the regional file")
                place = agency_file if node.opd_id else regional_file
                home = agency_file if level.scope == "opd" else regional_file
                sink.add(
                    "tingkat-salah",
                    file,
                    _at(node, "tingkat"),
                    Text(
                        id=f"{_node_starts(node)} memakai tingkat '{node.level}', yang semestinya ada "
                        f"di {home.id}, bukan di {place.id}; pindahkan node atau perbaiki "
                        "tingkatnya.",
                        en=f"{_where(node)} has the level '{node.level}', which belongs in "
                        f"{home.en}, not in {place.en}; move the node or correct its level.",
                    ),
                )
        parent_id = node.parent_id
        if parent_id is None:
            if index is not None and index > 0:
                sink.add(
                    "kolom-wajib",
                    file,
                    node.loc.line,
                    Text(
                        id=f"{_node_starts(node)} tidak memiliki 'induk'; setiap node di bawah tingkat "
                        f"teratas ('{site.levels[0].id}') menyebut induknya.",
                        en=f"{_where(node)} has no 'induk'; every node below the top level "
                        f"('{site.levels[0].id}') names its parent.",
                    ),
                )
            continue
        parent = nodes.get(parent_id)
        if parent is None:
            sink.add(
                "rujukan-hilang",
                file,
                _at(node, "induk"),
                Text(
                    id=f"{_node_starts(node)} menyebut induk '{parent_id}', yang tidak ada di berkas "
                    "mana pun; perbaiki id-nya atau tambahkan node tersebut.",
                    en=f"{_where(node)} names the parent '{parent_id}', which does not exist in "
                    "any file; correct the id or add that node.",
                ),
            )
            continue
        if parent_id == node.id:
            continue  # reported as a cycle
        if node.opd_id and parent.opd_id and parent.opd_id != node.opd_id:
            sink.add(
                "induk-opd-lain",
                file,
                _at(node, "induk"),
                Text(
                    id=f"{_node_starts(node)} milik perangkat daerah '{node.opd_id}' berinduk "
                    f"'{parent_id}' milik perangkat daerah '{parent.opd_id}'; induk harus di "
                    "perangkat daerah yang sama atau di pohon pemda. Gunakan tautan crosscutting "
                    "untuk bekerja sama dengan perangkat daerah lain.",
                    en=f"{_where(node)} of agency '{node.opd_id}' has the parent '{parent_id}' of "
                    f"agency '{parent.opd_id}'; a parent lies in the same agency or in the "
                    "regional tree. Use a crosscutting link to work with another agency.",
                ),
            )
        parent_index = levels.get(parent.level)
        if index is None or parent_index is None or level is None:
            continue
        if index == 0:
            sink.add(
                "tingkat-salah",
                file,
                _at(node, "induk"),
                Text(
                    id=f"{_node_starts(node)} berada di tingkat teratas '{node.level}' dan tidak boleh "
                    "memiliki induk; hapus 'induk'.",
                    en=f"{_where(node)} is at the top level '{node.level}' and cannot have a "
                    "parent; remove 'induk'.",
                ),
            )
        elif not (parent_index == index - 1 or (parent_index == index and level.repeats)):
            expected = site.levels[index - 1].id
            sink.add(
                "tingkat-salah",
                file,
                _at(node, "induk"),
                Text(
                    id=f"{_node_starts(node)} berada di tingkat '{node.level}', tetapi induknya "
                    f"'{parent_id}' di tingkat '{parent.level}'; induk dari '{node.level}' harus "
                    f"'{expected}'.",
                    en=f"{_where(node)} is at level '{node.level}' but its parent '{parent_id}' is "
                    f"at '{parent.level}'; the parent of a '{node.level}' must be a '{expected}'.",
                ),
            )


def check_cycles(site: Site, sink: DiagnosticSink) -> None:
    nodes = site.nodes
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    for start in nodes:
        if start in state:
            continue
        path: list[str] = []
        current: str | None = start
        while current is not None and current in nodes and current not in state:
            state[current] = 1
            path.append(current)
            current = nodes[current].parent_id
        if current is not None and state.get(current) == 1:
            cycle = path[path.index(current) :]
            ring = " → ".join([*cycle, current])
            for member in cycle:
                node = nodes[member]
                sink.add(
                    "siklus",
                    node.loc.file,
                    _at(node, "induk"),
                    Text(
                        id=f"{_node_starts(node)} termasuk dalam lingkaran induk ({ring}); salah satunya "
                        "harus menunjuk ke node yang lebih tinggi di pohon.",
                        en=f"{_where(node)} is part of a cycle of parents ({ring}); one of them "
                        "must point to a node higher in the tree.",
                    ),
                )
        for member in path:
            state[member] = 2


def check_codes(
    site: Site, graph: Graph, sink: DiagnosticSink, nomenclature: Nomenclature | None
) -> None:
    levels = {level.id: level for level in site.levels}
    patterns = _free_code_patterns(site, sink)
    nodes = site.nodes
    for node in nodes.values():
        code = node.code
        if code is None:
            continue
        file = node.loc.file
        line = _at(node, "kode")
        level = levels.get(node.level)
        if level is not None and level.free_code:
            _check_free_code(node, level, patterns.get(level.id), sink)
            continue
        well_formed = _CODE_CHARS.fullmatch(code) is not None
        kind = code_kind(code) if well_formed else None
        expected = level.kemendagri_code if level else None
        if kind is None:
            if expected is None and well_formed and _is_urusan(code):
                continue
            example = CODE_EXAMPLES.get(expected or "sub_kegiatan")
            sink.add(
                "kode-salah",
                file,
                line,
                Text(
                    id=f"Kode {code[:40]!r} pada {_where(node)} bukan kode "
                    f"{CODE_KIND_LABELS.get(expected or '', 'nomenklatur')} Kemendagri yang "
                    f"benar bentuknya (mis. {example}); perbaiki.",
                    en=f"The code {code[:40]!r} of {_where(node)} is not a well-formed Kemendagri "
                    f"{CODE_KIND_LABELS.get(expected or '', 'code')} (e.g. {example}); correct it.",
                ),
            )
            continue
        if expected is not None and kind != expected:
            sink.add(
                "kode-salah",
                file,
                line,
                Text(
                    id=f"{_node_starts(node)} adalah '{node.level}' dan memuat kode "
                    f"{CODE_KIND_LABELS[expected]} (seperti {CODE_EXAMPLES[expected]}), tetapi "
                    f"{code} adalah kode {CODE_KIND_LABELS[kind]}.",
                    en=f"{_where(node)} is a '{node.level}' and carries a "
                    f"{CODE_KIND_LABELS[expected]} code (like {CODE_EXAMPLES[expected]}), but "
                    f"{code} is a {CODE_KIND_LABELS[kind]} code.",
                ),
            )
            continue
        for ancestor in graph.ancestors(node.id):
            if ancestor.code is None or code_kind(ancestor.code) is None:
                continue
            if ancestor.code != code and not belongs_under(code, ancestor.code):
                sink.add(
                    "kode-tidak-sesuai-induk",
                    file,
                    line,
                    Text(
                        id=f"Kode {code} pada {_where(node)} tidak berada di bawah "
                        f"{ancestor.code}, kode leluhurnya '{ancestor.id}'; kode "
                        f"{CODE_KIND_LABELS[kind]} diawali kode program atau kegiatan di atasnya.",
                        en=f"The code {code} of {_where(node)} does not lie under "
                        f"{ancestor.code}, the code of its ancestor '{ancestor.id}'; a "
                        f"{CODE_KIND_LABELS[kind]} code starts with the code of the program or "
                        "kegiatan above it.",
                    ),
                )
            break
        if nomenclature is not None and code not in nomenclature:
            version = f" ({nomenclature.version})" if nomenclature.version else ""
            sink.add(
                "kode-tidak-di-nomenklatur",
                file,
                line,
                Text(
                    id=f"Kode {code} pada {_where(node)} tidak ada dalam nomenklatur yang "
                    f"dinyatakan{version}; periksa kodenya, atau perbarui berkas nomenklatur.",
                    en=f"The code {code} of {_where(node)} is not in the declared "
                    f"nomenclature{version}; check the code, or update the nomenclature files.",
                ),
                subject=node.id,
            )


def _free_code_patterns(site: Site, sink: DiagnosticSink) -> dict[str, re.Pattern[str]]:
    """Each free-code level's compiled ``pola_kode``; a pattern that is not a regular expression
    is reported at its line (and its level's codes go unchecked)."""
    patterns: dict[str, re.Pattern[str]] = {}
    for level in site.levels:
        if not level.free_code or not level.code_pattern:
            continue
        compiled = compile_pattern(level.code_pattern)
        if compiled is None:
            sink.add(
                "nilai-salah",
                level.loc.file,
                level.lines.get("pola_kode", level.loc.line),
                Text(
                    id=f"'pola_kode' tingkat '{level.id}' ({level.code_pattern!r}) bukan ekspresi "
                    "reguler yang sah; perbaiki polanya (mis. '^Int\\.O\\.\\d+$').",
                    en=f"The 'pola_kode' of level '{level.id}' ({level.code_pattern!r}) is not a "
                    "valid regular expression; correct it (e.g. '^Int\\.O\\.\\d+$').",
                ),
            )
            continue
        patterns[level.id] = compiled
    return patterns


def _check_free_code(
    node: Node, level: Level, pattern: re.Pattern[str] | None, sink: DiagnosticSink
) -> None:
    """A free code (``kode: bebas``) must match its level's pattern, when the level gives one."""
    code = node.code or ""
    if pattern is None or pattern.fullmatch(code):
        return
    words = describe_pattern(level.code_pattern or "")
    shape_id = f"{words.id} (pola {level.code_pattern})" if words else f"pola {level.code_pattern}"
    shape_en = (
        f"{words.en} (pattern {level.code_pattern})" if words else f"pattern {level.code_pattern}"
    )
    example_id = f", mis. {level.code_example}" if level.code_example else ""
    example_en = f", e.g. {level.code_example}" if level.code_example else ""
    sink.add(
        "kode-tidak-cocok-pola",
        node.loc.file,
        _at(node, "kode"),
        Text(
            id=f"Kode {code[:40]!r} pada {_where(node)} tidak cocok dengan bentuk kode tingkat "
            f"'{level.label()}': {shape_id}{example_id}; perbaiki kodenya.",
            en=f"The code {code[:40]!r} of {_where(node)} does not have the shape of a "
            f"'{level.label('en')}' code: {shape_en}{example_en}; correct the code.",
        ),
        subject=node.id,
    )


def _is_urusan(code: str) -> bool:
    parts = code.split(".")
    return (
        len(parts) == 2
        and len(parts[0]) == 1
        and len(parts[1]) == 2
        and code.replace(".", "").isdigit()
    )


def check_crosscutting(site: Site, sink: DiagnosticSink) -> None:
    nodes = site.nodes
    for node in nodes.values():
        for link in node.crosscutting:
            file = link.loc.file
            line = link.loc.line
            if link.target_id is None and link.body is None:
                sink.add(
                    "kolom-wajib",
                    file,
                    line,
                    Text(
                        id=f"Tautan crosscutting pada {_where(node)} tidak menyebut mitra; "
                        "tambahkan 'ke' (node perangkat daerah lain) atau 'instansi' (lembaga "
                        "di luar pemda).",
                        en=f"A crosscutting link of {_where(node)} names no partner; add 'ke' (a "
                        "node of another agency) or 'instansi' (an outside body).",
                    ),
                )
                continue
            if link.target_id is not None and link.body is not None:
                sink.add(
                    "nilai-salah",
                    file,
                    link.lines.get("instansi", line),
                    Text(
                        id=f"Tautan crosscutting pada {_where(node)} memuat 'ke' sekaligus "
                        "'instansi'; buat satu tautan untuk setiap mitra.",
                        en=f"A crosscutting link of {_where(node)} has both 'ke' and 'instansi'; "
                        "keep one link per partner.",
                    ),
                )
            target_id = link.target_id
            if target_id is not None:
                target = nodes.get(target_id)
                if target is None:
                    sink.add(
                        "rujukan-hilang",
                        file,
                        link.lines.get("ke", line),
                        Text(
                            id=f"Tautan crosscutting pada {_where(node)} menunjuk ke "
                            f"'{target_id}', yang tidak ada; perbaiki id-nya.",
                            en=f"A crosscutting link of {_where(node)} points to '{target_id}', "
                            "which does not exist; correct the id.",
                        ),
                    )
                    continue
                if target_id == node.id:
                    sink.add(
                        "crosscutting-diri",
                        file,
                        link.lines.get("ke", line),
                        Text(
                            id=f"{_node_starts(node)} memiliki tautan crosscutting ke dirinya sendiri; "
                            "tautkan ke node perangkat daerah lain.",
                            en=f"{_where(node)} has a crosscutting link to itself; link to a node "
                            "of another agency.",
                        ),
                    )
                    continue
            if link.status == "menunggu":
                sink.add(
                    "crosscutting-menunggu",
                    file,
                    link.lines.get("status", line),
                    Text(
                        id=f"Tautan crosscutting {_where(node)} ke "
                        f"{_partner(link.target_id, link.body)} masih menunggu; sepakati dengan "
                        "mitra lalu tulis 'status: disetujui'.",
                        en=f"The crosscutting link of {_where(node)} to "
                        f"{_partner(link.target_id, link.body)} is still pending (menunggu); "
                        "agree on it with the partner and set 'status: disetujui'.",
                    ),
                    subject=node.id,
                )
            elif link.status == "ditolak":
                sink.add(
                    "crosscutting-ditolak",
                    file,
                    link.lines.get("status", line),
                    Text(
                        id=f"Tautan crosscutting {_where(node)} ke "
                        f"{_partner(link.target_id, link.body)} ditolak; cari mitra lain atau "
                        "hapus tautannya.",
                        en=f"The crosscutting link of {_where(node)} to "
                        f"{_partner(link.target_id, link.body)} was rejected (ditolak); find "
                        "another partner or remove the link.",
                    ),
                    subject=node.id,
                )


def _partner(target_id: str | None, body: str | None) -> str:
    return f"'{target_id}'" if target_id else f"{body!r}"


def check_quality(site: Site, graph: Graph, sink: DiagnosticSink) -> None:
    years = list(site.years)
    levels = {level.id: level for level in site.levels}
    lowest_regional = max(
        (i for i, level in enumerate(site.levels) if level.scope == "pemda"), default=None
    )
    agency_levels = [level for level in site.levels if level.scope == "opd"]
    top_agency = agency_levels[0].label().lower() if agency_levels else "node perangkat daerah"
    top_agency_en = agency_levels[0].label("en").lower() if agency_levels else "agency node"
    has_sub_kegiatan = site.has_code_level("sub_kegiatan")
    _check_empty_agencies(site, sink)
    for node in site.nodes.values():
        file = node.loc.file
        if not node.indicators:
            sink.add(
                "node-tanpa-indikator",
                file,
                node.loc.line,
                Text(
                    id=f"{_node_starts(node)} tidak memiliki indikator; tambahkan paling sedikit satu "
                    "'indikator' yang mengukur kondisinya.",
                    en=f"{_where(node)} has no indicator; add at least one 'indikator' that "
                    "measures its condition.",
                ),
                subject=node.id,
            )
        level = levels.get(node.level)
        if graph.is_leaf(node.id) and level is not None:
            if node.opd_id and not has_sub_kegiatan:
                _check_leaf_above_lowest(site, node, sink)
            elif node.opd_id and code_kind(node.code or "") != "sub_kegiatan":
                sink.add(
                    "daun-tanpa-sub-kegiatan",
                    file,
                    node.loc.line,
                    Text(
                        id=f"{_node_starts(node)} tidak memiliki node di bawahnya dan tidak berkode sub "
                        "kegiatan; turunkan (cascading) sampai sub kegiatan yang mewujudkannya.",
                        en=f"{_where(node)} has no node below it and no sub kegiatan code; "
                        "cascade it down to the sub kegiatan that delivers it.",
                    ),
                    subject=node.id,
                )
            elif (
                not node.opd_id
                and lowest_regional is not None
                and graph.level_index.get(node.level) == lowest_regional
            ):
                sink.add(
                    "sasaran-tanpa-cascading",
                    file,
                    node.loc.line,
                    Text(
                        id=f"Belum ada node perangkat daerah yang terhubung ke {node.level} "
                        f"pemda '{node.id}'; sebut sebagai 'induk' pada {top_agency} yang "
                        "mendukungnya.",
                        en=f"No agency node is attached to the regional {node.level} "
                        f"'{node.id}'; name it as 'induk' of the {top_agency_en} that support "
                        "it.",
                    ),
                    subject=node.id,
                )
            elif (
                not node.opd_id
                and lowest_regional is not None
                and graph.level_index.get(node.level, lowest_regional) < lowest_regional
            ):
                _report_stopped_branch(site, node, lowest_regional, sink)
        for indicator in node.indicators:
            ifile = indicator.loc.file
            iline = indicator.loc.line
            name = f"'{indicator.id}'"
            if not indicator.unit:
                sink.add(
                    "indikator-tanpa-satuan",
                    ifile,
                    iline,
                    Text(
                        id=f"Indikator {name} tidak memiliki 'satuan'; tambahkan satuannya.",
                        en=f"The indicator {name} has no 'satuan'; add its unit.",
                    ),
                    subject=indicator.id,
                )
            if indicator.baseline is None:
                sink.add(
                    "indikator-tanpa-kondisi-awal",
                    ifile,
                    iline,
                    Text(
                        id=f"Indikator {name} tidak memiliki 'kondisi_awal'; tambahkan nilai "
                        "kondisi awal dan tahunnya.",
                        en=f"The indicator {name} has no 'kondisi_awal'; add the baseline value "
                        "and its year.",
                    ),
                    subject=indicator.id,
                )
            missing = [year for year in years if year not in indicator.targets]
            if missing:
                sink.add(
                    "indikator-tanpa-target",
                    ifile,
                    indicator.lines.get("target", iline),
                    Text(
                        id=f"Indikator {name} tidak memiliki target untuk "
                        f"{', '.join(map(str, missing))}; tambahkan target untuk setiap tahun "
                        "periode.",
                        en=f"The indicator {name} has no target for "
                        f"{', '.join(map(str, missing))}; add a target for every year of the "
                        "period.",
                    ),
                    subject=indicator.id,
                )
            if not indicator.definition:
                sink.add(
                    "indikator-tanpa-definisi",
                    ifile,
                    iline,
                    Text(
                        id=f"Indikator {name} tidak memiliki 'definisi'; tambahkan definisi "
                        "operasionalnya.",
                        en=f"The indicator {name} has no 'definisi'; add its operational "
                        "definition.",
                    ),
                    subject=indicator.id,
                )


def _check_empty_agencies(site: Site, sink: DiagnosticSink) -> None:
    """An agency file with no node at all is a planning gap (a draft Renstra not written yet)."""
    for opd in site.opds.values():
        if opd.node_ids:
            continue
        sink.add(
            "opd-tanpa-node",
            opd.loc.file,
            opd.lines.get("node", opd.loc.line),
            Text(
                id=f"Perangkat daerah '{opd.id}' belum memiliki node; tuliskan pohon kinerjanya "
                "di 'node:' (mulai dari tingkat teratas perangkat daerah, dengan 'induk' ke pohon "
                "pemda).",
                en=f"The agency '{opd.id}' has no node yet; write its performance tree under "
                "'node:' (starting at the agency's top level, with 'induk' pointing into the "
                "regional tree).",
            ),
            subject=opd.id,
        )


def _report_stopped_branch(
    site: Site, node: Node, lowest_regional: int, sink: DiagnosticSink
) -> None:
    """A regional node above the lowest regional level with nothing below it: the tree stops
    there (a draft RPJMD that stops at misi)."""
    index = next((i for i, level in enumerate(site.levels) if level.id == node.level), None)
    if index is None:
        return
    below = site.levels[index + 1]
    sink.add(
        "pohon-pemda-terhenti",
        node.loc.file,
        node.loc.line,
        Text(
            id=f"Pohon pemda berhenti di {_where(node)} ({site.levels[index].label()}); "
            f"turunkan sampai {site.levels[lowest_regional].label()} dengan menambahkan "
            f"{below.label()} yang menyebutnya sebagai 'induk'.",
            en=f"The regional tree stops at {_where(node)} ({site.levels[index].label('en')}); "
            f"cascade it down to {site.levels[lowest_regional].label('en')} by adding a "
            f"{below.label('en')} that names it as 'induk'.",
        ),
        subject=node.id,
    )


def _check_leaf_above_lowest(site: Site, node: Node, sink: DiagnosticSink) -> None:
    """In a scheme without a sub kegiatan level, an agency leaf above the scheme's lowest level:
    the agency's tree stops before the level that delivers (an output)."""
    lowest = site.levels[-1]
    if node.level == lowest.id or lowest.scope != "opd":
        return
    sink.add(
        "daun-di-atas-tingkat-terbawah",
        node.loc.file,
        node.loc.line,
        Text(
            id=f"{_node_starts(node)} tidak memiliki node di bawahnya; turunkan (cascading) "
            f"sampai {lowest.label()} yang mewujudkannya.",
            en=f"{_where(node)} has no node below it; cascade it down to the "
            f"{lowest.label('en')} that delivers it.",
        ),
        subject=node.id,
    )


def check_lookalikes(site: Site, sink: DiagnosticSink) -> None:
    """Two agencies whose names (or short names) a reader cannot tell apart, and two ids that
    differ only in characters that are easy to confuse (see :mod:`.confusables`)."""
    names: dict[str, tuple[str, str, int]] = {}
    for opd in site.opds.values():
        file = opd.loc.file
        shown = {("nama", opd.name)}
        if opd.short_name:
            shown.add(("singkatan", opd.short_name))
        for key, text in sorted(shown):
            twin = skeleton(text)
            if not twin:
                continue
            first = names.get(twin)
            line = opd.lines.get(key, opd.loc.line)
            if first is None:
                names[twin] = (opd.id, file, line)
            elif first[0] != opd.id:
                sink.add(
                    "nama-kembar",
                    file,
                    line,
                    Text(
                        id=f"Nama perangkat daerah {text[:80]!r} milik '{opd.id}' tidak dapat "
                        f"dibedakan dari nama perangkat daerah '{first[0]}' "
                        f"({first[1]}:{first[2]}): bedanya hanya huruf besar/kecil, spasi, "
                        "karakter tak terlihat, atau huruf yang mirip (Kiril atau Yunani untuk "
                        "Latin). Beri setiap perangkat daerah nama sendiri.",
                        en=f"The agency name {text[:80]!r} of '{opd.id}' cannot be told apart "
                        f"from the name of agency '{first[0]}' ({first[1]}:{first[2]}): they "
                        "differ only in case, spacing, invisible characters or look-alike "
                        "letters (Cyrillic or Greek for Latin). Give each agency a name of its "
                        "own.",
                    ),
                )
    node_word = Text(id="node", en="node")
    indicator_word = Text(id="indikator", en="indicator")
    agency_word = Text(id="perangkat daerah", en="agency")
    items = [(node.id, node_word, node.loc, node.lines) for node in site.nodes.values()]
    items += [(i.id, indicator_word, i.loc, i.lines) for i in site.indicators.values()]
    items += [(opd.id, agency_word, opd.loc, opd.lines) for opd in site.opds.values()]
    ids: dict[tuple[bool, str], tuple[str, str, int]] = {}
    for ident, what, loc, lines in items:
        if not ident:
            continue
        file, line = loc.file, lines.get("id", loc.line)
        first = ids.setdefault((what is agency_word, id_skeleton(ident)), (ident, file, line))
        if first[0] != ident:
            sink.add(
                "nama-kembar",
                file,
                line,
                Text(
                    id=f"Id '{ident}' milik {what.id} ini mudah tertukar dengan '{first[0]}' "
                    f"({first[1]}:{first[2]}): bedanya hanya l/1, o/0, rn/m, vv/w atau '-', '_' "
                    "dan '.'. Ganti salah satunya agar penelaah tidak keliru.",
                    en=f"The id '{ident}' of this {what.en} is easily mistaken for '{first[0]}' "
                    f"({first[1]}:{first[2]}): they differ only in l/1, o/0, rn/m, vv/w or in "
                    "'-', '_' and '.'. Rename one so that a reviewer cannot confuse them.",
                ),
            )
