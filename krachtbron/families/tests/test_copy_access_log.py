"""The copy's 'Wie keek mee' part follows the same rule as the data (break-11, finding 10).

A father's copy left out the answers and invitations of Sara (17), but its 'Wie keek mee' part
listed the invitation made for her and every page of the questionnaire she opened, to the
minute: in a family with one young person, that is Sara. A row about one member's private data
is now in a copy only when that member's private data is.

The oracle is independent of the code: everything about Sara's private data is done by one
colleague (Bob), everything about Noah's (14) by another (Charlie); the rest by Alice. A copy
holds Bob's rows exactly when it may hold Sara's data, Charlie's exactly when it may hold Noah's.
"""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from krachtbron.audit.models import AccessLogEntry
from krachtbron.families.choices import LifeDomain, MemberRole
from krachtbron.families.file_copy import make_family_copy
from krachtbron.families.models import CaseAssignment, Goal
from krachtbron.network import actions as network_actions
from krachtbron.network.choices import Quality, RelationKind
from krachtbron.questionnaires.tests.factories import completed_response, invite
from krachtbron.strengths import actions as strengths_actions
from krachtbron.testing.factories import MemberFactory
from krachtbron.testing.personas import login

pytestmark = pytest.mark.django_db


def _copy(org, member, by=None):
    made = make_family_copy(
        by or org.adviser, org.family, member, include_third_parties=True, fmt="json"
    )
    return made.as_json()


def test_a_parents_copy_does_not_show_when_a_16_plus_member_filled_in_a_questionnaire(org):
    father = org.member  # an opvoeder
    sara = MemberFactory(
        family=org.family, first_name="Sara", role=MemberRole.YOUTH, birth_year=2008
    )
    completed_response(sara, org.adviser, {"g01": 1})
    copy = _copy(org, father)
    assert copy["vragenlijsten"] == [] and copy["uitnodigingen"] == []
    about_sara = [
        row
        for row in copy["wie_keek_mee"]
        if row["wie"] == "gezinslid"
        or "vragenlijst" in row["onderdeel"]
        or "uitnodiging" in row["onderdeel"]
    ]
    assert about_sara == []
    # Sara's own copy has them: her invitation and her own questionnaire, with her as actor.
    own = _copy(org, sara)["wie_keek_mee"]
    assert any(row["wie"] == "gezinslid" for row in own)
    assert any(row["onderdeel"] == "uitnodiging" for row in own)


def _work_on_private_data(org, member, staff):
    """Everything a file offers about one member's own data, done by ``staff``, through the
    pages (READ rows) and the actions (CREATE, CHANGE, DELETE rows)."""
    CaseAssignment.objects.get_or_create(family=org.family, adviser=staff)
    client = login(Client(), staff)
    today = timezone.localdate()
    response = completed_response(member, staff, {"g01": 2, "g02": 3})
    invitation, _token = invite(member, staff, moment="afsluiting")
    goal = Goal.objects.create(
        family=org.family, member=member, text="eigen doel", life_domain=LifeDomain.HEALTH
    )
    goal_scaling = strengths_actions.add_goal_scaling(staff, goal, score=4, noted_on=today)
    scaling = strengths_actions.add_scaling(
        staff, member, dimension="social", perspective="member", score=5, noted_on=today
    )
    entry = strengths_actions.add_entry(
        staff,
        member,
        dimension="social",
        life_domain="",
        goes_well="x",
        is_hard="",
        gives_energy="",
    )
    person = network_actions.add_person(
        staff,
        org.family,
        label="vriend",
        member=member,
        relation=RelationKind.FRIENDS,
        quality=Quality.SUPPORTIVE,
    )
    for name, pk in (
        ("questionnaires:response", response.pk),
        ("questionnaires:invitation", invitation.pk),
        ("strengths:member_scalings", member.pk),
        ("strengths:entry_add", member.pk),
        ("strengths:entry_edit", entry.pk),
        ("strengths:goal_scalings", goal.pk),
        ("network:person_edit", person.pk),
    ):
        assert client.get(reverse(name, args=[pk])).status_code == 200, name
    strengths_actions.delete_scaling(staff, scaling)
    strengths_actions.delete_goal_scaling(staff, goal_scaling)
    strengths_actions.delete_entry(staff, entry)
    network_actions.delete_person(staff, person)
    # A copy made for this member is their request: it is theirs too.
    make_family_copy(staff, org.family, member, include_third_parties=False, fmt="json")
    return AccessLogEntry.objects.filter(actor=staff, family_id=org.family.pk).count()


def test_each_copy_holds_the_log_rows_about_private_data_exactly_when_it_holds_that_data(org):
    this_year = timezone.localdate().year
    father = org.member
    sara = MemberFactory(
        family=org.family, first_name="Sara", role=MemberRole.YOUTH, birth_year=this_year - 17
    )
    noah = MemberFactory(
        family=org.family, first_name="Noah", role=MemberRole.YOUTH, birth_year=this_year - 14
    )
    about_sara = _work_on_private_data(org, sara, org.colleague)
    about_noah = _work_on_private_data(org, noah, org.other_adviser)
    assert about_sara > 15 and about_noah > 15  # every kind of row is there to be left out

    def rows_by(copy, staff):
        return sum(1 for row in copy["wie_keek_mee"] if row["wie"] == str(staff))

    def gezinslid(copy):
        return sum(1 for row in copy["wie_keek_mee"] if row["wie"] == "gezinslid")

    fathers, saras, noahs = _copy(org, father), _copy(org, sara), _copy(org, noah)
    # The father: Noah's (14) yes, Sara's (17) no.
    assert rows_by(fathers, org.colleague) == 0
    assert rows_by(fathers, org.other_adviser) == about_noah
    # Each young person: their own, nobody else's.
    assert rows_by(saras, org.colleague) == about_sara
    assert rows_by(saras, org.other_adviser) == 0
    assert rows_by(noahs, org.other_adviser) == about_noah
    assert rows_by(noahs, org.colleague) == 0
    # Their own questionnaire pages, with them as the actor: only in their own copy (and
    # Noah's in his father's).
    assert gezinslid(saras) > 0 and gezinslid(noahs) > 0
    assert gezinslid(fathers) == gezinslid(noahs)
    # Rows about the whole family (Alice's) are in every copy.
    alice = rows_by(fathers, org.adviser)
    assert alice > 0 and rows_by(saras, org.adviser) == rows_by(noahs, org.adviser)


def test_rows_about_a_removed_members_data_are_in_nobodys_copy(org):
    from krachtbron.families.actions import delete_member

    young = timezone.localdate().year - 14  # the father may see a 14-year-old's data
    sara = MemberFactory(
        family=org.family, first_name="Sara", role=MemberRole.YOUTH, birth_year=young
    )
    _work_on_private_data(org, sara, org.colleague)
    delete_member(org.adviser, sara)
    # The father could see a child's data, but whose it was can no longer be told for every row:
    # rows about objects that are gone with her go into no copy; the removal itself (a row about
    # the family's members) is in it.
    rows = _copy(org, org.member)["wie_keek_mee"]
    by_bob = [row for row in rows if row["wie"] == str(org.colleague)]
    assert by_bob == []
