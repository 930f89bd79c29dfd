"""Vietnamese alphabetical order (issue 9): a ă â b c d đ e ê …, tones after the base letter."""

from __future__ import annotations

import random
import unicodedata

from hoinhap_cli.words.text import collation_key

# The order a Vietnamese dictionary gives: letters first (ă, â after a; đ after d; ô, ơ after o;
# ư after u), then the tone in the order ngang, huyền, hỏi, ngã, sắc, nặng.
EXPECTED = ["a", "à", "ả", "ã", "á", "ạ", "ă", "â", "Dung", "Đức", "Ong", "Ôn", "Ơn", "Uyên", "Ương"]


def test_letters_and_tones_in_vietnamese_order() -> None:
    shuffled = EXPECTED[:]
    random.Random(9).shuffle(shuffled)
    assert sorted(shuffled, key=collation_key) == EXPECTED


def test_d_stroke_sorts_after_d_not_after_z() -> None:
    assert sorted(["Zê", "Đông", "Dương", "Ea"], key=collation_key) == ["Dương", "Đông", "Ea", "Zê"]
    # code-point order would put Đ after Z: the thing this key exists to avoid
    assert sorted(["Zê", "Đông"]) == ["Zê", "Đông"]


def test_syllable_by_syllable() -> None:
    assert sorted(["bà con", "ba mươi", "ba"], key=collation_key) == ["ba", "ba mươi", "bà con"]


def test_decomposed_input_and_old_tone_placement_sort_alike() -> None:
    nfd = unicodedata.normalize("NFD", "Ương")
    assert collation_key(nfd)[0] == collation_key("Ương")[0]
    assert collation_key("Uỷ ban")[0] == collation_key("Ủy ban")[0]


def test_unit_names_in_order() -> None:
    names = ["Ủy ban nhân dân phường An Phú", "Phòng Quản lý đô thị", "Đội Thanh tra xây dựng",
             "Ban Bồi thường", "Phòng Kinh tế", "Chi cục Thuế"]
    assert sorted(names, key=collation_key) == [
        "Ban Bồi thường", "Chi cục Thuế", "Đội Thanh tra xây dựng", "Phòng Kinh tế",
        "Phòng Quản lý đô thị", "Ủy ban nhân dân phường An Phú"]
