"""Fuzzing the loader, the validator and the page renderer, starting from the demo trees.

Each example takes one file of the demo regency (trees/) and mutates it, at the byte level
(flipped, inserted, deleted and duplicated bytes, YAML tokens, lines re-indented, duplicated,
swapped or deleted) or at the level of its structure (keys deleted, duplicated, renamed or
swapped, values replaced by random Unicode text, huge or special numbers, lists and mappings,
references pointed at other ids), writes it into a copy of the demo and runs ``check_trees``.

The property: the check returns a result whose diagnostics are clear (a known rule, a tree file
and a line inside it, one sentence), and when it reports no error, the pages render (the pages the
mutated file feeds in the normal suite, every output of the site in the long run) and the
downloads are valid. Any exception is a finding.

Normal suite: a modest number of examples. The long run is a separate command::

    python -m tests.fuzz_long --minutes 10
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from tests.fuzzing import SOURCES, Fuzzer, byte_mutation, structural_mutation, text_mutation

EXAMPLES = int(os.environ.get("POHON_FUZZ_EXAMPLES", "20"))
"""Examples per strategy in the normal suite (text mutations: half, as almost all render)."""


def _settings(examples: int) -> settings:
    return settings(
        max_examples=examples,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        derandomize=True,
    )


SETTINGS = _settings(EXAMPLES)


@pytest.fixture(scope="module")
def fuzzer(tmp_path_factory: pytest.TempPathFactory) -> Fuzzer:
    return Fuzzer(tmp_path_factory.mktemp("fuzz") / "trees")


@SETTINGS
@given(mutation=byte_mutation())
def test_byte_mutations_give_results_or_clear_diagnostics(
    fuzzer: Fuzzer, mutation: tuple[str, bytes]
) -> None:
    fuzzer.run(*mutation)


@SETTINGS
@given(mutation=structural_mutation())
def test_structural_mutations_give_results_or_clear_diagnostics(
    fuzzer: Fuzzer, mutation: tuple[str, bytes]
) -> None:
    fuzzer.run(*mutation)


@_settings(max(EXAMPLES // 2, 1))
@given(mutation=text_mutation())
def test_random_unicode_texts_render(fuzzer: Fuzzer, mutation: tuple[str, bytes]) -> None:
    fuzzer.run(*mutation)


def test_the_unmutated_demo_renders_every_output(tmp_path: Path) -> None:
    outcome = Fuzzer(tmp_path / "trees", full_every=1).run("pemda.yaml", SOURCES["pemda.yaml"])
    assert outcome.ok and outcome.pages > 500
