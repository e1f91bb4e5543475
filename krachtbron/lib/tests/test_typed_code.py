"""The typed code's generator (SECURITY.md 4): at least 80 bits counted from its alphabet and
length, spread over the whole alphabet, no look-alikes, forgiving how it is typed."""

import math
import string
from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from krachtbron.lib import typed_code
from krachtbron.lib.tokens import new_token
from krachtbron.lib.typed_code import (
    ALPHABET,
    LENGTH,
    code_for_token,
    grouped,
    hash_code,
    normalized,
    shown_code,
)

TOKENS = st.text(alphabet=string.ascii_letters + string.digits + "-_", min_size=43, max_size=43)


def test_a_code_carries_at_least_80_bits():
    symbols = len(set(ALPHABET))
    assert symbols == len(ALPHABET) == 31  # no symbol twice: each one counts
    bits = LENGTH * math.log2(symbols)
    assert bits >= 80 and math.isclose(typed_code.BITS, bits)
    assert not set(ALPHABET) & set("0O1IlL")  # no look-alikes
    assert set(ALPHABET) <= set(string.digits + string.ascii_uppercase)


def test_every_symbol_turns_up_in_every_place():
    """3,000 codes: a symbol missing from a place by chance has odds of about e**-98; a
    generator that used only part of the alphabet (or of the token) leaves some out."""
    codes = [code_for_token(new_token()) for _ in range(3000)]
    assert len(set(codes)) == len(codes)
    for place in range(LENGTH):
        assert {code[place] for code in codes} == set(ALPHABET), place
    counts = Counter("".join(codes))
    expected = 3000 * LENGTH / len(ALPHABET)  # about 1,935; one standard deviation about 43
    assert all(abs(counts[s] - expected) < 0.2 * expected for s in ALPHABET), counts


@given(TOKENS)
def test_a_code_is_20_symbols_of_the_alphabet_and_types_back(token):
    code = code_for_token(token)
    assert len(code) == LENGTH and set(code) <= set(ALPHABET)
    assert code_for_token(token) == code  # the same link, the same code
    shown = grouped(code)
    assert [len(group) for group in shown.split(" ")] == [4] * 5
    for typed in (shown, shown.lower(), shown.replace(" ", "-"), f"  {code.lower()}\n", code):
        assert normalized(typed) == code


@given(TOKENS, st.integers(min_value=0, max_value=LENGTH - 1), st.sampled_from("0O1IlLoi"))
def test_a_look_alike_never_types_a_code(token, place, char):
    code = code_for_token(token)
    assert normalized(code[:place] + char + code[place + 1 :]) is None


@given(st.text(max_size=80))
def test_whatever_is_typed_is_a_code_or_none(typed):
    result = normalized(typed)
    assert result is None or (len(result) == LENGTH and set(result) <= set(ALPHABET))


def test_what_cannot_be_a_code_is_none():
    code = code_for_token(new_token())
    for bad in [None, 42, "", code[:-1], code + "2", " " * 65 + code, "ß" * 10, code[:-1] + "é"]:
        assert normalized(bad) is None


def test_only_a_hash_is_kept_and_a_code_is_only_shown_when_it_works():
    token = new_token()
    code = code_for_token(token)
    stored = hash_code(code)
    assert len(stored) == 64 and code not in stored
    assert shown_code(token, stored) == grouped(code)
    assert shown_code(token, None) == ""  # a link made before codes: no code to show
    assert shown_code(new_token(), stored) == ""  # another link's hash: not this code
    assert code not in token and code.lower() not in token.lower()  # not a piece of the link
