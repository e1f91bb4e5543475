"""Mobile numbers for text messages: typed the way people write them, stored in E.164.

``normalise_mobile`` reads what an adviser types ("06-12345678", "06 1234 5678", "+31 6 …",
"0031 6 …", "+32 470 …", "+44 7…") with ``phonenumbers`` (the region is the Netherlands when no
country code is given) and accepts a number only when it can receive text messages: a mobile
number, or a number of a country whose numbers do not tell mobile from landline (such as the
United States). Landlines, service numbers and anything else get a Dutch message.
"""

import re

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

REGION = "NL"
#: Kinds of numbers a text message can go to.
MOBILE = {
    phonenumbers.PhoneNumberType.MOBILE,
    phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
}
#: What people type in a phone number besides digits: spaces, dashes, dots, brackets, a plus.
TYPED = re.compile(r"[+0-9 ()./-]{1,32}")

NOT_A_NUMBER = _(
    "Dit is geen telefoonnummer. Typ een mobiel nummer, zoals 06 1234 5678 of +32 470 12 34 56."
)
NOT_MOBILE = _(
    "Dit is geen mobiel nummer. Een sms kan alleen naar een mobiel nummer, zoals 06 1234 5678."
)


def normalise_mobile(raw: str) -> str:
    """``raw`` as typed, in E.164 ("+31612345678"). Raises ``ValidationError`` with a Dutch
    message when it is no phone number (code "phone") or no mobile number (code "not_mobile")."""
    text = raw.strip()
    if not TYPED.fullmatch(text):
        raise ValidationError(NOT_A_NUMBER, code="phone")
    if text.startswith("00"):
        text = "+" + text[2:]
    try:
        number = phonenumbers.parse(text, REGION)
    except phonenumbers.NumberParseException as error:
        raise ValidationError(NOT_A_NUMBER, code="phone") from error
    if not phonenumbers.is_valid_number(number):
        raise ValidationError(NOT_A_NUMBER, code="phone")
    if phonenumbers.number_type(number) not in MOBILE:
        raise ValidationError(NOT_MOBILE, code="not_mobile")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
