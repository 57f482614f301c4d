"""The evaluation criteria a quality rule serves.

The annual SAKIP evaluation (KemenPAN-RB's LKE under PermenPANRB 88/2021, and the Inspectorate's
review) judges a performance plan by a handful of questions: is each target a result, is it
measured well, do the targets rise, do the levels fit together, does the money sit where the
affairs are. Every warning in the rule catalogue (:mod:`.diagnostics`) names the criterion it
serves, so the check report, ``docs/rules.md`` and the public "Mutu Pohon" page group findings the
same way. These are Pohon's own groupings in the spirit of the LKE, not the official score sheet.
"""

from __future__ import annotations

from dataclasses import dataclass

from .diagnostics import RULES, Text


@dataclass(frozen=True, slots=True)
class Criterion:
    id: str
    name: Text
    """Short name, for a heading."""
    question: Text
    """The question an evaluator asks, in one sentence."""


CRITERIA: dict[str, Criterion] = {
    c.id: c
    for c in (
        Criterion(
            "berorientasi-hasil",
            Text("Berorientasi hasil", "Results-oriented"),
            Text(
                "Apakah tujuan dan sasaran menyatakan hasil (outcome), bukan kegiatan atau proses?",
                "Do goals and targets state results (outcomes) rather than activities or "
                "processes?",
            ),
        ),
        Criterion(
            "indikator-tepat",
            Text("Indikator tepat dan terukur", "Indicators fit and measurable"),
            Text(
                "Apakah setiap sasaran punya indikator yang cocok dengan tingkatnya, lengkap dengan "
                "satuan, kondisi awal, definisi dan target?",
                "Does every target have indicators that fit its level, with unit, baseline, "
                "definition and targets?",
            ),
        ),
        Criterion(
            "target-meningkat",
            Text("Target meningkat", "Targets that rise"),
            Text(
                "Apakah target menguat dari tahun ke tahun sesuai polaritasnya, mulai dari kondisi "
                "awal?",
                "Do targets strengthen year by year according to their polarity, starting from "
                "the baseline?",
            ),
        ),
        Criterion(
            "selaras",
            Text("Cascading selaras", "Aligned cascading"),
            Text(
                "Apakah setiap tingkat mendukung tingkat di atasnya, sampai ke sub kegiatan, dan "
                "kerja lintas perangkat daerah disepakati?",
                "Does every level support the one above, down to sub-activities, with "
                "cross-agency work agreed?",
            ),
        ),
        Criterion(
            "anggaran-urusan",
            Text("Anggaran sesuai urusan", "Budget within the agency's affairs"),
            Text(
                "Apakah program, kegiatan dan sub kegiatan memakai kode nomenklatur yang sah dan "
                "berada dalam urusan perangkat daerahnya?",
                "Do programs, activities and sub-activities use valid nomenclature codes within "
                "the agency's own affairs?",
            ),
        ),
        Criterion(
            "iku",
            Text("IKU ditetapkan", "Key indicators set"),
            Text(
                "Apakah pemda dan setiap perangkat daerah menetapkan Indikator Kinerja Utama?",
                "Have the regency and every agency set key performance indicators (IKU)?",
            ),
        ),
        Criterion(
            "pengukuran",
            Text("Pengukuran berkala", "Regular measurement"),
            Text(
                "Apakah realisasi dicatat untuk setiap tahun yang sudah lewat?",
                "Is the realisation recorded for every year that has passed?",
            ),
        ),
    )
}


def criterion_of(rule_id: str) -> Criterion | None:
    """The criterion the rule ``rule_id`` serves; None for errors and housekeeping warnings."""
    rule = RULES.get(rule_id)
    if rule is None or rule.criterion is None:
        return None
    return CRITERIA[rule.criterion]
