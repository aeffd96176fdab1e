"""`zi validate`'s warnings about unfinished actions: one per condition, each saying what is missing."""

from __future__ import annotations

import yaml

from tests.conftest import MINIMAL
from zi_plan.schema.unfinished import warnings

UNFINISHED = MINIMAL.replace(
    """          - indicator: Agen perubahan ditetapkan
            steps: [Menetapkan SK]
            evidence: [SK Agen Perubahan]
            months: [2]
""",
    """          - indicator: Agen perubahan ditetapkan
            draft: true
            steps: []
            evidence: []
            months: []
          - indicator: Role model dipilih
            draft: true
            steps: [Memilih role model]
            evidence: []
            months: [5]
          - indicator: Survei internal
            steps: [Survei]
            evidence: [Hasil survei]
            months: []
""",
)


def test_a_draft_that_is_not_scheduled_gets_both_warnings(write_plan):
    path = write_plan("version: 2\n" + UNFINISHED)
    text = path.read_text(encoding="utf-8")
    found = [(p.line, p.message) for p in warnings(path, text, yaml.safe_load(text))]
    text = path.read_text(encoding="utf-8").splitlines()
    assert [m for _line, m in found] == [
        "I.1.b is a draft: add its steps and evidence, then remove 'draft: true'",
        "I.1.b is not scheduled yet: give it its months",
        "I.1.c is a draft: add its evidence, then remove 'draft: true'",
        "I.1.d is not scheduled yet: give it its months",
    ]
    lines = [text[line - 1].strip() for line, _m in found]
    assert lines == ["draft: true", "months: []", "draft: true", "months: []"]


def test_validate_prints_each_warning(zi, write_plan):
    path = write_plan("version: 2\n" + UNFINISHED)
    result = zi("validate", str(path))
    assert result.code == 0 and result.out.count("warning:") == 4
