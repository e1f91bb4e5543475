"""Mobile numbers as people type them: Dutch and international, stored in E.164; landlines
and nonsense refused with a Dutch message (property tests with Hypothesis)."""

import phonenumbers
import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from krachtbron.sending.phone import normalise_mobile

# Dutch mobile numbers: 06 followed by 1–5 or 8 and seven more digits (061… to 065…, 068…;
# 066 is for pagers, 060, 067 and 069 are not given out).
SUBSCRIBER = st.builds(
    lambda first, rest: first + rest,
    st.sampled_from("123458"),
    st.text(alphabet="0123456789", min_size=7, max_size=7),
)
SEPARATOR = st.sampled_from(["", " ", "-", ".", "  "])


@given(SUBSCRIBER, st.sampled_from(["06", "+316", "00316", "+31 6", "0031 6", "(06)"]), SEPARATOR)
def test_every_way_of_typing_a_dutch_mobile_number_gives_one_e164(digits, prefix, separator):
    typed = prefix + separator + separator.join([digits[:4], digits[4:]])
    assert normalise_mobile(typed) == "+316" + digits
    assert normalise_mobile(f"  {typed} ") == "+316" + digits


@given(SUBSCRIBER)
def test_the_stored_number_reads_back_as_itself_in_every_format(digits):
    stored = normalise_mobile("06" + digits)
    assert normalise_mobile(stored) == stored
    number = phonenumbers.parse(stored)
    styles = (phonenumbers.PhoneNumberFormat.NATIONAL, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    for style in styles:
        assert normalise_mobile(phonenumbers.format_number(number, style)) == stored


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("+32 470 12 34 56", "+32470123456"),  # Belgium
        ("0044 7911 123456", "+447911123456"),  # United Kingdom
        ("+90 532 123 45 67", "+905321234567"),  # Turkey
        ("+48 512 345 678", "+48512345678"),  # Poland
        ("+212 650 123456", "+212650123456"),  # Morocco
        ("+1 201 555 0123", "+12015550123"),  # a US number may be mobile
    ],
)
def test_international_mobile_numbers_are_welcome(typed, stored):
    assert normalise_mobile(typed) == stored


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("020 624 1111", "not_mobile"),  # a Dutch landline
        ("+32 2 511 12 12", "not_mobile"),  # a Belgian one
        ("0800 1234", "not_mobile"),  # a free service number
        ("066 123 4567", "not_mobile"),  # a pager
        ("06 1234 567", "phone"),  # one digit short
        ("06 1234 56789", "phone"),  # one too many
        ("zes-een-twee", "phone"),
        ("+", "phone"),
        ("06 1234 5678 ext", "phone"),
    ],
)
def test_landlines_and_nonsense_are_refused_in_dutch(typed, code):
    with pytest.raises(ValidationError) as raised:
        normalise_mobile(typed)
    assert raised.value.code == code
    assert raised.value.messages[0].startswith("Dit is geen")


@given(st.text(max_size=40))
def test_anything_typed_is_a_mobile_number_in_e164_or_a_dutch_refusal(typed):
    try:
        stored = normalise_mobile(typed)
    except ValidationError as error:
        assert error.code in {"phone", "not_mobile"}
    else:
        assert stored.startswith("+") and stored[1:].isdigit()
