"""Privacy inside a family: who may see which part of the file, by age and gezag.

Plain functions, no web framework in the rules themselves, so they can be tested as tables and
with hypothesis. The rules and the articles of the Jeugdwet and the WGBO they follow are in
docs/gezinsrechten.md; in short:

* A part about the whole family (the eerste vraag, a goal of the whole family) that the adviser
  shares with the family: every member who may use the portal (``may_have_portal``).
* A part about one member (their goals, strengths, own scores, questionnaire answers, own
  people on the map) is that member's own. Others see it by the member's age on the day:

  - under 12: the opvoeders with gezag;
  - 12 to 15: the young person and the opvoeders with gezag both, unless the adviser recorded
    a decision that limits that parent's right in the young person's interest;
  - from 16 (and so from 18): the young person alone.

  An opvoeder without gezag (a step-parent), another opvoeder, a brother or sister: only what
  the member (or, for a child, whoever may consent for them) explicitly shared with them.
* A part the adviser keeps for professionals (their own scaling, working notes, marks such as
  "belastend" on a network person): nobody in the family, until the adviser shares it.

Ages are whole years lived (``age_on``); rights change by themselves on the birthday.
"""

from datetime import date
from typing import Protocol

from krachtbron.families.choices import MemberRole

#: From this age a young person may have their own access to the portal and shares the rights
#: to their own data with the parents with gezag (Jeugdwet art. 7.3.4 lid 2, WGBO art. 7:450).
OWN_RIGHTS_AGE = 12

#: From this age a young person decides alone about their own data (WGBO art. 7:447 and
#: 7:457, Jeugdwet art. 7.3.4 lid 3 and 7.3.11).
OWN_SAY_AGE = 16

#: Of age: parental authority (gezag) ends (BW art. 1:233, 1:245).
ADULT_AGE = 18


class Person(Protocol):
    """A family member as the rules see it (a FamilyMember, or a plain object in tests)."""

    @property
    def pk(self) -> int | None: ...

    @property
    def role(self) -> str: ...

    @property
    def birth_year(self) -> int | None: ...

    @property
    def birth_date(self) -> date | None: ...

    @property
    def has_parental_authority(self) -> bool | None: ...


def age_on(birth_date: date, day: date) -> int:
    """Whole years lived by ``day`` by someone born on ``birth_date``.

    The birthday is the day the age goes up. Someone born on 29 February has, in a year
    without that day, their birthday on 1 March: only then is the full year lived (the same
    as counting "has the month and day of birth been reached yet?"). Raises ValueError when
    ``day`` is before ``birth_date``.
    """
    if day < birth_date:
        raise ValueError("The day is before the date of birth.")
    before_birthday = (day.month, day.day) < (birth_date.month, birth_date.day)
    return day.year - birth_date.year - int(before_birthday)


def oldest_possible_age(birth_year: int, day: date) -> int:
    """The age someone born in ``birth_year`` has at most on ``day`` (in whole years).

    With only a birth year the real age is this or one less. Where a rule takes rights away
    from parents at an age (16), it uses the oldest possible age: a young person who may already
    be 16 is treated as 16, so the rule errs toward the young person's privacy.
    """
    return day.year - birth_year


def exact_age(member: Person, day: date) -> int | None:
    """The member's age on ``day`` when the date of birth is known, else None."""
    if member.birth_date is None or day < member.birth_date:
        return None
    return age_on(member.birth_date, day)


def may_have_portal(member: Person, today: date) -> bool:
    """May this member get their own access to Mijn Krachtbron (an invitation, a passkey)?

    * an opvoeder, with or without gezag (without gezag they see only what is shared with
      them, see the module's rules);
    * a jeugdige or kind of 12 or older on ``today``, by date of birth. Without a date of birth
      we cannot tell the 12th birthday has passed: no access (a parent with gezag represents a
      child under 12, Jeugdwet art. 7.3.4 lid 1).
    """
    if member.role == MemberRole.PARENT:
        return True
    age = exact_age(member, today)
    return age is not None and age >= OWN_RIGHTS_AGE
