"""Logic rules in the spirit of the LKE: is the tree *logical*, not merely filled in.

The annual SAKIP evaluation asks whether a target states a result rather than an activity, whether
each indicator fits its level, whether targets rise, whether a child repeats its parent, whether
the money sits with the agency whose affairs it is, whether every agency set its key indicators
and whether realisations are recorded. These rules (profile ``lke`` in the rule catalogue) run
with ``pohon check --profil lke`` and ``check_trees(..., profile="lke")``; every finding names its
subject (node, indicator or agency id) for the public "Mutu Pohon" page.

Word lists and thresholds are data (:mod:`.logic_defaults`), replaced per site under
``pengaturan.mutu`` (:data:`.spec.QUALITY`), resolved once by :func:`logic_settings`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timezone

from . import logic_defaults as defaults
from .diagnostics import DiagnosticSink, Text
from .graph import Graph
from .model import Indicator, Node, Opd, Site, Value
from .nomenclature import Nomenclature, code_kind

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_RESULT_FORM = re.compile(r"(?:ter|me|ber|di|ke)[a-z]+nya")
"""The nominal -nya form that states a result: Meningkatnya, Tersedianya, Ditetapkannya."""


def normalised(text: str) -> str:
    """``text`` lower-cased, with punctuation dropped and spaces collapsed: the form in which two
    indicator names or units are compared ("Cakupan  Imunisasi (%)" = "cakupan imunisasi")."""
    return " ".join(_WORD.findall(text.casefold()))


def _words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


@dataclass(frozen=True, slots=True)
class LogicSettings:
    """The word lists and thresholds one site's logic rules use (defaults, or ``pengaturan.mutu``)."""

    outcome_levels: frozenset[str]
    activity_words: frozenset[str]
    result_words: frozenset[str]
    max_indicators: int
    reported_year: int
    """The last year whose realisation must be recorded."""


def reported_year_on(day: date) -> int:
    """The last year whose performance report is due on ``day`` (due by 31 March: on 1 April
    2026 the year 2025; on 31 March 2026 the year 2024)."""
    return day.year - 1 if day.month >= defaults.REPORT_DUE_MONTH else day.year - 2


def build_date() -> date:
    """The date a check or build runs on: ``SOURCE_DATE_EPOCH`` when set (the reproducible-builds
    convention MkDocs also follows for its build date, so a site rebuilt from the same commit
    says the same thing), else today's date (UTC)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc).date()
    return datetime.now(tz=timezone.utc).date()


def _word_set(values: object, default: Iterable[str]) -> frozenset[str]:
    if isinstance(values, list) and values:
        return frozenset(normalised(str(v)) for v in values if normalised(str(v)))
    return frozenset(default)


def logic_settings(site: Site, today: date | None = None) -> LogicSettings:
    """The logic rules' settings for ``site``: each key of ``pengaturan.mutu`` given replaces its
    default (an empty list or a limit below 1 keeps the default; ``pengaturan-mutu-salah`` says
    so). ``today`` (default: :func:`build_date`) decides the reported year when the site does not."""
    quality = site.settings.extra.get("mutu") or {}
    levels = quality.get("tingkat_hasil")
    preset = defaults.OUTCOME_LEVELS_BY_SCHEME.get(site.settings.scheme or "sakip")
    outcome = frozenset(levels or preset or defaults.OUTCOME_LEVELS)
    limit = quality.get("maks_indikator")
    year = quality.get("tahun_laporan")
    return LogicSettings(
        outcome_levels=outcome,
        activity_words=_word_set(quality.get("kata_kegiatan"), defaults.ACTIVITY_WORDS),
        result_words=_word_set(quality.get("kata_hasil"), defaults.RESULT_WORDS),
        max_indicators=limit if isinstance(limit, int) and limit >= 1 else defaults.MAX_INDICATORS,
        reported_year=year if isinstance(year, int) else reported_year_on(today or build_date()),
    )


def check_quality_settings(site: Site, sink: DiagnosticSink) -> None:
    """``pengaturan.mutu`` itself: levels that exist, word lists that are not empty, a limit of
    at least one (``pengaturan-mutu-salah``). Runs in every check."""
    settings = site.settings
    quality = settings.extra.get("mutu")
    if not quality:
        return
    file = settings.loc.file
    line = settings.lines.get("mutu", settings.loc.line)
    known = {level.id for level in site.levels}
    for level_id in quality.get("tingkat_hasil") or []:
        if level_id not in known:
            names = ", ".join(sorted(known))
            sink.add(
                "pengaturan-mutu-salah",
                file,
                line,
                Text(
                    id=f"mutu.tingkat_hasil menyebut tingkat '{level_id}', yang tidak ada dalam "
                    f"skema tingkat; gunakan salah satu dari: {names}.",
                    en=f"mutu.tingkat_hasil names the level '{level_id}', which is not in the "
                    f"level scheme; use one of: {names}.",
                ),
            )
    for key in ("tingkat_hasil", "kata_kegiatan", "kata_hasil"):
        if key in quality and not quality[key]:
            sink.add(
                "pengaturan-mutu-salah",
                file,
                line,
                Text(
                    id=f"mutu.{key} kosong, sehingga daftar bawaan dipakai; isi daftarnya atau "
                    "hapus kuncinya.",
                    en=f"mutu.{key} is empty, so the default list is used; fill it in or remove "
                    "the key.",
                ),
            )
    limit = quality.get("maks_indikator")
    if isinstance(limit, int) and limit < 1:
        sink.add(
            "pengaturan-mutu-salah",
            file,
            line,
            Text(
                id=f"mutu.maks_indikator bernilai {limit}; tulis bilangan 1 atau lebih (bawaan "
                f"{defaults.MAX_INDICATORS}).",
                en=f"mutu.maks_indikator is {limit}; write a number of 1 or more (default "
                f"{defaults.MAX_INDICATORS}).",
            ),
        )


def check_logic(
    site: Site,
    graph: Graph,
    sink: DiagnosticSink,
    nomenclature: Nomenclature | None,
    today: date | None = None,
) -> None:
    """Run every logic rule (profile ``lke``) over ``site``."""
    settings = logic_settings(site, today)
    index = {level.id: i for i, level in enumerate(site.levels)}
    outcome = [index[level] for level in settings.outcome_levels if level in index]
    first, last = (min(outcome), max(outcome)) if outcome else (None, None)
    for node in site.nodes.values():
        position = index.get(node.level)
        if position is not None and first is not None and last is not None:
            _check_statement(node, position, first, settings, sink)
            above_or_at = position < first or node.level in settings.outcome_levels
            _check_indicator_kinds(node, above_or_at, position > last, sink)
        _check_indicator_count(node, settings, sink)
        _check_repeats(node, site, sink)
        for indicator in node.indicators:
            _check_targets(indicator, site, sink)
            _check_realisation(indicator, site, settings, sink)
        if nomenclature is not None:
            _check_standard_indicator(node, nomenclature, sink)
    _check_affairs(site, graph, sink)
    for opd in site.opds.values():
        _check_iku(opd, site, sink)


# --- berorientasi-hasil ------------------------------------------------------------------------


def _check_statement(
    node: Node, position: int, first: int, settings: LogicSettings, sink: DiagnosticSink
) -> None:
    """Activity wording at an outcome level; no result in a statement from the first outcome
    level down (visi and misi, above it, are left alone)."""
    if position < first:
        return
    words = _words(node.statement)
    if not words:
        return
    line = node.lines.get("pernyataan", node.loc.line)
    if node.level in settings.outcome_levels and words[0] in settings.activity_words:
        sink.add(
            "pernyataan-berupa-kegiatan",
            node.loc.file,
            line,
            Text(
                id=f"Pernyataan node '{node.id}' ({node.level}) diawali '{words[0]}', sehingga "
                "berbunyi kegiatan atau proses, bukan hasil; nyatakan kondisi yang hendak "
                "dicapai, mis. 'Meningkatnya …' atau 'Menurunnya …'.",
                en=f"The statement of node '{node.id}' ({node.level}) opens with '{words[0]}', "
                "so it reads as an activity or process, not a result; state the condition to be "
                "reached, e.g. 'Meningkatnya …' (rising …) or 'Menurunnya …' (falling …).",
            ),
            subject=node.id,
        )
        return
    if not _states_result(words, settings):
        sink.add(
            "pernyataan-tanpa-hasil",
            node.loc.file,
            line,
            Text(
                id=f"Pernyataan node '{node.id}' ({node.level}) tidak memuat hasil yang hendak "
                "dicapai; tulis hasilnya, mis. 'Tersedianya …', 'Terlaksananya …' atau "
                "'Meningkatnya …'.",
                en=f"The statement of node '{node.id}' ({node.level}) holds no result to be "
                "reached; write the result, e.g. 'Tersedianya …' (available …), "
                "'Terlaksananya …' (carried out …) or 'Meningkatnya …' (rising …).",
            ),
            subject=node.id,
        )


def _states_result(words: list[str], settings: LogicSettings) -> bool:
    """Whether a statement's words say a result: a -nya form (Meningkatnya, Ditetapkannya; or
    any opening word such as Optimalnya, Rendahnya) or a result word (tersedia, meningkat)."""
    if words[0].endswith("nya") and len(words[0]) > 5:
        return True
    return any(
        _RESULT_FORM.fullmatch(w)
        or w in settings.result_words
        or (w.endswith("nya") and w[:-3] in settings.result_words)
        for w in words
    )


# --- indikator-tepat ---------------------------------------------------------------------------


def _check_indicator_kinds(
    node: Node, outcome_or_above: bool, below: bool, sink: DiagnosticSink
) -> None:
    """Output indicators at an outcome level or above the outcome levels; impact indicators
    below them."""
    for indicator in node.indicators:
        kind = indicator.kind
        if kind == "output" and outcome_or_above:
            fit = Text(id="outcome atau dampak", en="an outcome or impact indicator")
        elif kind == "dampak" and below:
            fit = Text(id="output atau outcome", en="an output or outcome indicator")
        else:
            continue
        sink.add(
            "jenis-indikator-tidak-sesuai",
            indicator.loc.file,
            indicator.lines.get("jenis", indicator.loc.line),
            Text(
                id=f"Indikator '{indicator.id}' berjenis {kind} di tingkat {node.level} (node "
                f"'{node.id}'); tingkat ini diukur dengan indikator {fit.id}: ganti "
                "indikatornya, atau pindahkan ke tingkat yang sesuai.",
                en=f"The indicator '{indicator.id}' is of kind {kind} at the level {node.level} "
                f"(node '{node.id}'); this level is measured by {fit.en}: replace the "
                "indicator, or move it to the level it fits.",
            ),
            subject=indicator.id,
        )


def _check_indicator_count(node: Node, settings: LogicSettings, sink: DiagnosticSink) -> None:
    count, limit = len(node.indicators), settings.max_indicators
    if count <= limit:
        return
    sink.add(
        "indikator-terlalu-banyak",
        node.loc.file,
        node.lines.get("indikator", node.loc.line),
        Text(
            id=f"Node '{node.id}' memiliki {count} indikator, lebih dari batas {limit}; "
            "pertahankan indikator yang paling mengukur hasilnya, pindahkan yang lain ke node "
            "di bawahnya.",
            en=f"Node '{node.id}' has {count} indicators, more than the limit of {limit}; keep "
            "those that best measure its result and move the others to the nodes below it.",
        ),
        subject=node.id,
    )


def _check_standard_indicator(node: Node, nomenclature: Nomenclature, sink: DiagnosticSink) -> None:
    code = node.code
    if code is None or not node.indicators or code_kind(code) != "sub_kegiatan":
        return
    entry = nomenclature.entries.get(code)
    if entry is None or not entry.indicator:
        return
    standard = normalised(entry.indicator)
    standard_text = " ".join(entry.indicator.split())
    same = [i for i in node.indicators if normalised(i.name) == standard]
    unit = entry.unit or ""
    if not same:
        first = node.indicators[0]
        unit_hint = Text(id=f" dengan satuan '{unit}'", en=f" with the unit '{unit}'")
        hint = unit_hint if unit else Text.same("")
        sink.add(
            "indikator-beda-nomenklatur",
            first.loc.file,
            first.lines.get("nama", first.loc.line),
            Text(
                id=f"Sub kegiatan {code} (node '{node.id}') tidak memakai indikator baku "
                f"nomenklaturnya; gunakan '{standard_text}'{hint.id}.",
                en=f"The sub kegiatan {code} (node '{node.id}') does not use its nomenclature's "
                f"standard indicator; use '{standard_text}'{hint.en}.",
            ),
            subject=node.id,
        )
        return
    if not unit:
        return
    for indicator in same:
        if normalised(indicator.unit or "") != normalised(unit):
            sink.add(
                "indikator-beda-nomenklatur",
                indicator.loc.file,
                indicator.lines.get("satuan", indicator.loc.line),
                Text(
                    id=f"Indikator '{indicator.id}' memakai satuan '{indicator.unit or ''}', "
                    f"sedangkan nomenklatur sub kegiatan {code} menetapkan '{unit}'; gunakan "
                    f"'{unit}'.",
                    en=f"The indicator '{indicator.id}' has the unit '{indicator.unit or ''}', "
                    f"while the nomenclature of sub kegiatan {code} sets '{unit}'; use "
                    f"'{unit}'.",
                ),
                subject=indicator.id,
            )


# --- target-meningkat --------------------------------------------------------------------------


def _number(value: Value | None) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _show(value: float) -> str:
    return f"{value:g}"


def _worse(polarity: str, value: float, than: float) -> bool:
    if polarity == "maksimal":
        return value < than
    if polarity == "minimal":
        return value > than
    return False


def _check_targets(indicator: Indicator, site: Site, sink: DiagnosticSink) -> None:
    if (
        indicator.extra.get("alasan_target")
        or indicator.polarity not in ("maksimal", "minimal")
        or indicator.kind == "output"
    ):
        return  # an output's yearly volume follows each year's plan and budget: not a promise
    file = indicator.loc.file
    line = indicator.lines.get("target", indicator.loc.line)
    rising = indicator.polarity == "maksimal"
    direction = (
        Text(id="makin tinggi makin baik", en="higher is better")
        if rising
        else Text(id="makin rendah makin baik", en="lower is better")
    )
    series = [
        (year, number)
        for year in sorted(indicator.targets)
        if year in site.years and (number := _number(indicator.targets[year])) is not None
    ]
    falls = [
        (year, prev, value)
        for (_, prev), (year, value) in zip(series, series[1:], strict=False)
        if _worse(indicator.polarity, value, prev)
    ]
    if falls:
        steps = ", ".join(f"{year}: {_show(prev)} → {_show(value)}" for year, prev, value in falls)
        year, prev, _ = falls[0]
        sink.add(
            "target-melemah",
            file,
            line,
            Text(
                id=f"Target indikator '{indicator.id}' melemah ({steps}), padahal polaritasnya "
                f"{indicator.polarity} ({direction.id}); tetapkan target {year} paling sedikit "
                f"sekuat tahun sebelumnya ({_show(prev)}), atau tulis 'alasan_target'.",
                en=f"The targets of indicator '{indicator.id}' weaken ({steps}) although its "
                f"polarity is {indicator.polarity} ({direction.en}); set the {year} target at "
                f"least as strong as the year before ({_show(prev)}), or write "
                "'alasan_target'.",
            ),
            subject=indicator.id,
        )
    baseline = _number(indicator.baseline.value) if indicator.baseline else None
    first_year = site.years.start if site.years else None
    first = _number(indicator.targets.get(first_year)) if first_year is not None else None
    if baseline is None or first is None or not _worse(indicator.polarity, first, baseline):
        return
    sink.add(
        "target-awal-lebih-buruk",
        file,
        line,
        Text(
            id=f"Target {first_year} indikator '{indicator.id}' ({_show(first)}) lebih buruk "
            f"dari kondisi awalnya ({_show(baseline)}) menurut polaritas {indicator.polarity} "
            f"({direction.id}); tetapkan target paling sedikit {_show(baseline)}, atau tulis "
            "'alasan_target' yang menjelaskan sebabnya.",
            en=f"The {first_year} target of indicator '{indicator.id}' ({_show(first)}) is "
            f"worse than its baseline ({_show(baseline)}) under the polarity "
            f"{indicator.polarity} ({direction.en}); set a target of at least "
            f"{_show(baseline)}, or write 'alasan_target' saying why.",
        ),
        subject=indicator.id,
    )


# --- selaras -----------------------------------------------------------------------------------


def _check_repeats(node: Node, site: Site, sink: DiagnosticSink) -> None:
    parent = site.nodes.get(node.parent_id or "")
    if parent is None or not parent.indicators:
        return
    above = {normalised(i.name): i for i in parent.indicators}
    for indicator in node.indicators:
        same = above.get(normalised(indicator.name))
        if same is None:
            continue
        sink.add(
            "indikator-berulang",
            indicator.loc.file,
            indicator.lines.get("nama", indicator.loc.line),
            Text(
                id=f"Indikator '{indicator.id}' bernama sama dengan indikator '{same.id}' di node "
                f"induknya '{parent.id}'; ukur hasil tingkat {node.level} sendiri, yang "
                "mendorong indikator induk itu (lalu tulis 'mendukung').",
                en=f"The indicator '{indicator.id}' has the same name as the indicator "
                f"'{same.id}' of its parent node '{parent.id}'; measure the {node.level} level's "
                "own result, which drives that parent indicator (then name it under "
                "'mendukung').",
            ),
            subject=indicator.id,
        )


# --- anggaran-urusan ---------------------------------------------------------------------------


def agency_affairs(opd_code: str) -> frozenset[str]:
    """The bidang urusan (``1.02``) an agency code names: its three urusan/bidang pairs, the
    empty ``0.00`` left out (``1.02.0.00.0.00.01.0000`` → ``{"1.02"}``)."""
    parts = opd_code.split(".")
    if len(parts) < 6:
        return frozenset()
    pairs = (f"{parts[i]}.{parts[i + 1]}" for i in (0, 2, 4))
    return frozenset(p for p in pairs if p.replace(".", "").strip("0"))


def _affair(code: str) -> str:
    return ".".join(code.split(".")[:2])


def _check_affairs(site: Site, graph: Graph, sink: DiagnosticSink) -> None:
    for node in site.nodes.values():
        opd = site.opds.get(node.opd_id or "")
        if opd is None or not opd.code or node.code is None or code_kind(node.code) is None:
            continue
        affairs = agency_affairs(opd.code)
        affair = _affair(node.code)
        if not affairs or affair in affairs:
            continue
        reason = node.extra.get("alasan_lintas_urusan")
        reported_above = False
        for ancestor in graph.ancestors(node.id):
            if ancestor.opd_id != node.opd_id:
                break
            reason = reason or ancestor.extra.get("alasan_lintas_urusan")
            if ancestor.code and code_kind(ancestor.code) and _affair(ancestor.code) == affair:
                reported_above = True
        if reason or reported_above:
            continue
        own = ", ".join(sorted(affairs))
        sink.add(
            "kode-di-luar-urusan",
            node.loc.file,
            node.lines.get("kode", node.loc.line),
            Text(
                id=f"Kode {node.code} pada node '{node.id}' termasuk bidang urusan {affair}, di "
                f"luar urusan {opd.label} menurut kode OPD-nya ({own}); pindahkan ke perangkat "
                "daerah pengampu urusan itu (hubungkan dengan crosscutting), atau tulis "
                "'alasan_lintas_urusan'.",
                en=f"The code {node.code} of node '{node.id}' belongs to the bidang urusan "
                f"{affair}, outside the affairs of {opd.label} by its agency code ({own}); move "
                "it to the agency in charge of those affairs (link it with crosscutting), or "
                "write 'alasan_lintas_urusan'.",
            ),
            subject=node.id,
        )


# --- iku ---------------------------------------------------------------------------------------


def _check_iku(opd: Opd, site: Site, sink: DiagnosticSink) -> None:
    nodes = [site.nodes[i] for i in opd.node_ids if i in site.nodes]
    if not nodes or any(i.is_iku for n in nodes for i in n.indicators):
        return
    sink.add(
        "opd-tanpa-iku",
        opd.loc.file,
        opd.loc.line,
        Text(
            id=f"Perangkat daerah '{opd.id}' ({opd.label}) belum menetapkan Indikator Kinerja "
            "Utama; tandai indikator sasaran strategisnya dengan 'iku: true'.",
            en=f"The agency '{opd.id}' ({opd.label}) has set no key performance indicator "
            "(IKU); mark the indicators of its strategic targets with 'iku: true'.",
        ),
        subject=opd.id,
    )


# --- pengukuran --------------------------------------------------------------------------------


def _check_realisation(
    indicator: Indicator, site: Site, settings: LogicSettings, sink: DiagnosticSink
) -> None:
    missing = [
        year
        for year in site.years
        if year <= settings.reported_year
        and year in indicator.targets
        and year not in indicator.realisations
    ]
    if not missing:
        return
    years = ", ".join(map(str, missing))
    sink.add(
        "realisasi-belum-diisi",
        indicator.loc.file,
        indicator.lines.get("realisasi", indicator.lines.get("target", indicator.loc.line)),
        Text(
            id=f"Indikator '{indicator.id}' bertarget tetapi belum memiliki realisasi {years}, "
            f"padahal laporan kinerja sampai tahun {settings.reported_year} sudah jatuh tempo; "
            "isi 'realisasi' untuk tahun itu.",
            en=f"The indicator '{indicator.id}' has targets but no realisation for {years}, "
            f"although performance reports up to {settings.reported_year} are due; fill in "
            "'realisasi' for those years.",
        ),
        subject=indicator.id,
    )
