"""Mijn Krachtbron in the family's copy of the file (families/file_copy.py).

How a member signs in is no content of the file: a link's token hash and a passkey's public
key mean nothing to the family. Every invitation, opened link, passkey made, sign-in and
refusal is an access-log row, which the copy shows in its part "Wie keek mee".
"""

from krachtbron.families.file_copy import register_copy_exclusion
from krachtbron.portal.models import MemberLink, Passkey

#: In Dutch, as every reason (shown in docs/familiedossier.md).
SIGN_IN_MEANS = (
    "Hoe een gezinslid inlogt in Mijn Krachtbron (een link, een sleutel). Elke uitnodiging, "
    "sleutel en inlog staat bij 'Wie keek mee'."
)


def register() -> None:
    register_copy_exclusion(MemberLink, SIGN_IN_MEANS)
    register_copy_exclusion(Passkey, SIGN_IN_MEANS)
