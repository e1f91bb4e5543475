"""Numbers from request data are ASCII digits or nothing (lib/digits.py)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from krachtbron.lib.digits import ascii_int
from krachtbron.lib.lookup import pk_or_none as ascii_pk

NOT_ASCII_NUMBERS = ["²", "2025²", "①", "١٢", "１２", " 12", "12 ", "12\n", "1_000", "", "+", "0x1"]


@pytest.mark.parametrize("text", NOT_ASCII_NUMBERS)
def test_only_ascii_digits_are_a_number(text):
    assert ascii_int(text) is None
    assert ascii_pk(text) is None


@pytest.mark.parametrize("value", [None, True, 1.0, b"1", ["1"]])
def test_other_types_are_not_a_number(value):
    assert ascii_int(value) is None


def test_a_sign_only_when_asked():
    assert ascii_int("-3") is None and ascii_int("-3", signed=True) == -3
    assert ascii_int("+3", signed=True) == 3


def test_a_key_is_positive_and_fits_a_bigint():
    assert ascii_pk("0") is None
    assert ascii_pk(str(2**63)) is None
    assert ascii_pk(str(2**63 - 1)) == 2**63 - 1
    assert ascii_int("9" * 20) is None  # too long to be anything we wrote


@given(st.text(max_size=25))
def test_never_raises_and_agrees_with_int_on_what_it_reads(text):
    number = ascii_int(text, signed=True)
    if number is not None:
        assert number == int(text) and text.strip() == text and text.isascii()


@given(st.integers(min_value=0, max_value=2**63 - 1))
def test_reads_every_number_we_write(number):
    assert ascii_int(str(number)) == number
