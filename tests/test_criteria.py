"""Every quality warning names an evaluation criterion that exists; errors name none."""

from mkdocs_pohon_plugin.core.tree.criteria import CRITERIA, criterion_of
from mkdocs_pohon_plugin.core.tree.diagnostics import RULES, DiagnosticSink, Severity, Text


def test_criteria_exist_and_errors_have_none() -> None:
    for rule in RULES.values():
        if rule.criterion is not None:
            assert rule.criterion in CRITERIA, rule.id
            assert rule.severity is Severity.WARNING, rule.id
    assert criterion_of("node-tanpa-indikator") is CRITERIA["indikator-tepat"]
    assert criterion_of("yaml-sintaks") is None
    assert criterion_of("no-such-rule") is None


def test_every_criterion_is_served_and_bilingual() -> None:
    served = {rule.criterion for rule in RULES.values()}
    for criterion in CRITERIA.values():
        assert criterion.name.id and criterion.name.en and criterion.question.en
    # the LKE rules (issue 17) add the criteria nothing served before them
    assert {"indikator-tepat", "selaras", "anggaran-urusan"} <= served


def test_a_finding_keeps_its_subject_but_a_note_does_not() -> None:
    sink = DiagnosticSink()
    for n in range(102):
        sink.add("node-tanpa-indikator", "f.yaml", n + 1, Text("x", "x"), subject=f"n{n}")
    items = sink.items
    assert items[0].subject == "n0"
    assert len(items) == 101 and items[-1].left_out == 2 and items[-1].subject is None
