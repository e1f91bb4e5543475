"""Break-11: the family's copy leaves out another member's private data (AVG art. 15(4))."""

import pytest

from krachtbron.families.choices import MemberRole
from krachtbron.families.file_copy import make_family_copy
from krachtbron.questionnaires.tests.factories import completed_response
from krachtbron.testing.factories import MemberFactory

pytestmark = pytest.mark.django_db


def test_a_parents_copy_does_not_show_when_a_16_plus_member_filled_in_a_questionnaire(org):
    """Sara (17) filled in a questionnaire. A copy for her father leaves out her answers and
    invitations ("Deze jongere is 16 of ouder..."), but its 'Wie keek mee' part lists every
    log row of the file: the invitation made for a member, and each page of the questionnaire
    opened by a 'gezinslid', with the minute. In a family with one young person that is Sara."""
    father = org.member  # an opvoeder
    sara = MemberFactory(family=org.family, first_name="Sara", role=MemberRole.YOUTH,
                         birth_year=2008)
    completed_response(sara, org.adviser, {"g01": 1})
    copy = make_family_copy(org.adviser, org.family, father, include_third_parties=False,
                            fmt="json").as_json()
    assert copy["vragenlijsten"] == [] and copy["uitnodigingen"] == []  # Sara's left out ...
    about_sara = [
        row for row in copy["wie_keek_mee"]
        if row["wie"] == "gezinslid" or "vragenlijst" in row["onderdeel"]
        or "uitnodiging" in row["onderdeel"]
    ]
    assert about_sara == [], about_sara  # ... but her questionnaire's traces are in


def test_a_removed_members_own_network_does_not_become_everyones(org):
    """NetworkPerson.member is SET_NULL: when Sara (17) is removed from the file, the people on
    her own map ('van wie' = Sara, private data of hers, left out of her father's copy) become
    'het hele gezin' and go into every member's copy (with third parties), also a child's.
    Her saved network moments stay left out (the old member id is not in the family)."""
    from krachtbron.families.actions import delete_member
    from krachtbron.network.models import NetworkPerson

    father = org.member
    sara = MemberFactory(family=org.family, first_name="Sara", role=MemberRole.YOUTH,
                         birth_year=2008)
    NetworkPerson.objects.create(
        family=org.family, member=sara, label="vriend Tom", relation="vrienden", closeness=1,
        quality="steunend", note="weet van de ruzies thuis",
    )
    before = make_family_copy(org.adviser, org.family, father, include_third_parties=True,
                              fmt="json").as_json()
    assert [p["wie"] for p in before["netwerk"]["nu"]] == []
    delete_member(org.adviser, sara)
    after = make_family_copy(org.adviser, org.family, father, include_third_parties=True,
                             fmt="json").as_json()
    assert [p["wie"] for p in after["netwerk"]["nu"]] == [], after["netwerk"]["nu"]
