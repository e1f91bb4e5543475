"""The one CSV writer (lib/csvfile.py): what a Dutch spreadsheet opens as it should."""

import csv
import io
import unicodedata
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from krachtbron.lib.csvfile import Decimals, cell, csv_text

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def test_the_file_has_a_byte_order_mark_semicolons_and_crlf():
    text = csv_text([["team", "gemiddelde"], ["Zuidoost – Bijlmer", 2.35]])
    assert text.startswith("\ufeff")
    assert text == "\ufeffteam;gemiddelde\r\nZuidoost – Bijlmer;2,4\r\n"
    # The bytes Excel reads: UTF-8 after the mark, so "–" is not "â€“".
    assert text.encode("utf-8").startswith(b"\xef\xbb\xbfteam;")


def test_a_formula_in_text_is_neutralised_and_numbers_stay_numbers():
    assert cell("=1+1") == "'=1+1"
    assert cell("+31 20 555") == "'+31 20 555"
    assert cell("-2+3") == "'-2+3"
    assert cell("@SUM(A1)") == "'@SUM(A1)"
    assert cell("\t=1") == "'\t=1"
    assert cell("\r=1") == "'\r=1"
    assert cell(-0.5) == "-0,5" and cell(-3) == "-3" and cell(Decimal("-1.25")) == "-1,3"
    assert cell(Decimals(2.125, 2)) == "2,13" and cell(True) == "ja" and cell(None) == ""


@pytest.mark.parametrize("text", ["＝1+1", "＋1+1", "－1+1", "＠SUM(A1:A9)", "﹦1+1", "﹢1"])
def test_a_full_width_or_small_formula_start_is_neutralised(text):
    """Typed text is NFC, which keeps these; the check folds the start with NFKC (tester of
    issue 12, finding 6)."""
    assert cell(text) == "'" + text


def test_characters_no_file_may_hold_are_left_out_and_overrides_isolated():
    assert cell("oma\ufffe") == "oma"
    assert cell("abc\u202edef") == "\u2068abc\u202edef\u2069"
    assert cell("مريم") == "مريم"  # plain right-to-left text needs nothing in its own cell


@given(st.lists(st.lists(st.one_of(st.text(), st.integers(), st.none()), max_size=6), max_size=6))
def test_any_rows_parse_back_and_no_text_cell_starts_a_formula(rows):
    text = csv_text(rows)
    assert text.startswith("\ufeff")
    parsed = list(csv.reader(io.StringIO(text[1:], newline=""), delimiter=";"))
    assert len(parsed) == len(rows)
    for original, back in zip(rows, parsed, strict=True):
        assert len(back) == len(original) or (not original and back == [])
        for value, shown in zip(original, back, strict=False):
            if isinstance(value, str):
                assert not unicodedata.normalize("NFKC", shown[:4]).startswith(FORMULA_STARTS)
            elif isinstance(value, int):
                assert shown == str(value)
