"""The member form records a date of birth for a young person and gezag for an opvoeder."""

import re
from datetime import date

from django.urls import reverse

from krachtbron.families.models import FamilyMember
from krachtbron.testing.factories import MemberFactory


def checked_gezag(html: str) -> str:
    """The value of the gezag radio button that is checked."""
    (value,) = re.findall(r'name="has_parental_authority" value="([^"]*)"[^>]*checked', html)
    return value


def test_a_young_persons_date_of_birth_is_saved_with_its_year(org, as_user):
    client = as_user(org.adviser)
    response = client.post(
        reverse("families:member_add", args=[org.family.pk]),
        {"first_name": "Noor", "role": "jeugdige", "birth_date": "2012-02-29"},
    )
    assert response.status_code == 302
    noor = FamilyMember.objects.get(family=org.family, first_name="Noor")
    assert (noor.birth_date, noor.birth_year, noor.has_parental_authority) == (
        date(2012, 2, 29),
        2012,
        None,
    )
    page = client.get(reverse("families:detail", args=[org.family.pk])).content.decode()
    assert "geboren op 29 februari 2012" in page


def test_gezag_of_an_opvoeder_is_saved_and_shown(org, as_user):
    client = as_user(org.adviser)
    member = MemberFactory(family=org.family, first_name="Johan", has_parental_authority=None)
    url = reverse("families:member_edit", args=[member.pk])
    assert checked_gezag(client.get(url).content.decode()) == ""  # unknown until told
    response = client.post(
        url,
        {"first_name": "Johan", "role": "opvoeder", "has_parental_authority": "nee", "version": 1},
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.has_parental_authority is False
    page = client.get(reverse("families:detail", args=[org.family.pk])).content.decode()
    assert "zonder gezag" in page
    assert checked_gezag(client.get(url).content.decode()) == "nee"


def test_bad_combinations_get_a_dutch_message_keep_the_input_and_change_nothing(org, as_user):
    client = as_user(org.adviser)
    member = MemberFactory(family=org.family, first_name="Sara", role="jeugdige", birth_year=2011)
    url = reverse("families:member_edit", args=[member.pk])
    for data, message in [
        ({"role": "opvoeder", "birth_date": "1985-03-01"}, "Bij een opvoeder is het geboortejaar"),
        ({"role": "jeugdige", "birth_date": "2012-05-01", "birth_year": "2011"}, "past niet"),
        ({"role": "kind", "has_parental_authority": "ja"}, "Alleen een opvoeder kan gezag"),
        ({"role": "kind", "birth_date": "2999-01-01"}, "ligt in de toekomst"),
        ({"role": "kind", "birth_date": "1800-01-01"}, "ligt te ver terug"),
        ({"role": "kind", "birth_date": "31-31-2012"}, "Vul een datum in"),
        ({"role": "kind", "has_parental_authority": "misschien"}, "Kies iets uit de lijst"),
    ]:
        response = client.post(url, {"first_name": "Sara-Lou", "version": 1, **data})
        assert response.status_code == 200, data
        html = response.content.decode()
        assert message in html, data
        assert 'value="Sara-Lou"' in html  # what was typed is kept
    member.refresh_from_db()
    assert (member.first_name, member.birth_date, member.birth_year, member.version) == (
        "Sara",
        None,
        2011,
        1,
    )


def test_a_member_who_stops_being_an_opvoeder_loses_the_gezag_field(org, as_user):
    member = MemberFactory(family=org.family, first_name="Ali", has_parental_authority=True)
    as_user(org.adviser).post(
        reverse("families:member_edit", args=[member.pk]),
        {"first_name": "Ali", "role": "jeugdige", "birth_date": "2010-01-01", "version": 1},
    )
    member.refresh_from_db()
    assert (member.role, member.has_parental_authority) == ("jeugdige", None)
