"""The semantic diff as a pure function over two validated plans."""

from __future__ import annotations

import pytest

from conftest import MINI_PLAN
from hoinhap_cli.ledger import reading
from hoinhap_cli.model.model import Plan
from hoinhap_cli.queries import plandiff
from hoinhap_cli.words import i18n


def plan(text: str) -> Plan:
    found, problems = reading.parse_plan(text, "test.yaml")
    assert found is not None, [str(p) for p in problems]
    return found


def changes(new_text: str, old_text: str = MINI_PLAN) -> list[plandiff.Change]:
    return plandiff.diff(plan(old_text), plan(new_text))


def test_same_plan_has_no_change() -> None:
    assert changes(MINI_PLAN) == []


def test_word_diff_marks_words_and_cuts_long_equal_runs() -> None:
    old = "một hai ba bốn năm sáu bảy tám chín mười mười một"
    new = "một hai ba bốn năm SÁU bảy tám chín mười mười một"
    assert plandiff.word_diff(old, new) == "… ba bốn năm [-sáu-] {+SÁU+} bảy tám chín …"
    # cutting a single word saves nothing: keep it
    assert plandiff.word_diff("a b c d", "a b c d e") == "a b c d {+e+}"
    assert plandiff.word_diff("a b c d e", "a b c d e f") == "… c d e {+f+}"


def test_rewrapped_text_and_reordered_lists_are_no_change() -> None:
    new = MINI_PLAN.replace("aliases: [Phòng QLĐT, QLĐT]", "aliases: [QLĐT, Phòng QLĐT]")
    new = new.replace("title: Xây trường học", "title: >-\n      Xây   trường\n      học")
    assert new != MINI_PLAN
    assert changes(new) == []


def test_deadline_moved_counts_days_between_due_dates() -> None:
    [c] = changes(MINI_PLAN.replace("due: 2008-Q4", "due: 2009-Q1"))
    assert (c.kind, c.id, c.old, c.new, c.days) == ("deadline", "1.1", "2008-Q4", "2009-Q1", 90)


def test_deadline_to_ongoing_has_no_days() -> None:
    [c] = changes(MINI_PLAN.replace("due: 2008-Q4", "due: ongoing"))
    assert c.kind == "deadline" and c.days is None


def test_renumbered_task_is_not_removed_and_added() -> None:
    new = MINI_PLAN.replace('- id: "1.1"', '- id: "1.2"')
    [c] = changes(new)
    assert (c.kind, c.old, c.new) == ("renumbered", "1.1", "1.2")


def test_renumbering_after_an_insert_pairs_tasks_by_title() -> None:
    # 3.2.4 becomes 3.2.5 and a new 3.2.4 is inserted: not "3.2.4's title changed".
    new = MINI_PLAN.replace('- id: "3.2.4"\n', '- id: "3.2.5"\n').replace('units_from: "3.2.4"', 'units_from: "3.2.5"')
    new += """\
  - id: "3.2.4"
    program: "3"
    title: Làm đường mới hoàn toàn khác
    lead: [phong-qldt]
    milestones:
      - due: "2010"
"""
    found = {(c.kind, c.id, c.old, c.new) for c in changes(new)}
    assert found == {("renumbered", "3.2.5", "3.2.4", "3.2.5"), ("added", "3.2.4", None, "Làm đường mới hoàn toàn khác")}


def test_unit_id_renamed_is_one_change_not_a_lead_change_on_every_task() -> None:
    new = MINI_PLAN.replace("phong-qldt", "phong-quan-ly-do-thi")
    [c] = changes(new)
    assert (c.kind, c.scope, c.field, c.old, c.new) == ("renamed", "unit", "id", "phong-qldt", "phong-quan-ly-do-thi")


def test_unit_name_and_aliases() -> None:
    new = MINI_PLAN.replace("name: Phòng Kinh tế", "name: Phòng Kinh tế và Hạ tầng").replace(
        "aliases: [Kinh tế]", "aliases: [Kinh tế, P.KT]")
    kinds = {(c.kind, c.field): c for c in changes(new)}
    assert kinds[("renamed", "name")].words == "Phòng Kinh tế {+và Hạ tầng+}"
    assert kinds[("aliases", "aliases")].added == ["P.KT"]


def test_milestones_in_another_order_are_no_change_but_a_new_one_is() -> None:
    two = MINI_PLAN.replace('      - due: "2009"\n        source: "2009"\n',
                            '      - due: "2009"\n        source: "2009"\n      - due: "2010"\n        source: "2010"\n')
    swapped = MINI_PLAN.replace('      - due: "2009"\n        source: "2009"\n',
                                '      - due: "2010"\n        source: "2010"\n      - due: "2009"\n        source: "2009"\n')
    assert changes(swapped, two) == []
    [c] = changes(two)
    assert (c.kind, c.field, c.added) == ("added", "milestone", ["2010"])


def test_notes_decision_and_programme_changes() -> None:
    new = MINI_PLAN.replace("number: 02/2008/QĐ-UBND", "number: 03/2009/QĐ-UBND").replace(
        "title: Đô thị", "title: Đô thị và giao thông")
    new = new.replace("    title: Xây trường học\n", "    title: Xây trường học\n    notes: [Điều chỉnh năm 2009]\n")
    found = {(c.kind, c.scope, c.field) for c in changes(new)}
    assert found == {("edited", "decision", "number"), ("edited", "program", "title"), ("notes", "task", "notes")}


@pytest.mark.parametrize("kind", plandiff.KINDS)
def test_every_kind_has_a_label_in_both_languages(kind: str) -> None:
    vi, en = i18n.MESSAGES[f"diff.kind.{kind}"]
    assert vi and en and vi != en


@pytest.mark.parametrize("scope", plandiff.SCOPES)
def test_every_scope_has_a_label(scope: str) -> None:
    assert f"diff.scope.{scope}" in i18n.MESSAGES
