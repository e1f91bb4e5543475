"""Who may be invited to Mijn Krachtbron.

TEMPORARY (issue 14): the rule belongs to ``krachtbron.families.rights.may_have_portal(member,
today)``, which the "Privacy inside a family" part builds (with the birth date and gezag).
Until that is on main this is the minimal rule it will replace: an opvoeder, or a jeugdige
who is 12 or older for sure (born in a year that makes them at least 12 even if their birthday
is on 31 December). Children under 12 are represented by a parent. When families.rights lands,
import ``may_have_portal`` from there and delete this module.
"""

from datetime import date

from krachtbron.families.choices import MemberRole
from krachtbron.families.models import FamilyMember

#: A young person gets their own access from this age (a child under it through a parent).
PORTAL_AGE = 12


def may_have_portal(member: FamilyMember, today: date) -> bool:
    """True when ``member`` may have their own access to Mijn Krachtbron on ``today``."""
    if member.role == MemberRole.PARENT:
        return True
    if member.role != MemberRole.YOUTH or member.birth_year is None:
        return False
    # The youngest a person born in birth_year can be today: their birthday may still come.
    return today.year - member.birth_year - 1 >= PORTAL_AGE
