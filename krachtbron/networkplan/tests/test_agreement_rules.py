"""The rules of the afspraken: one performer of the family, overload, aanspreekpunt, suggestions,
and who in the family sees which agreement (families.rights, by age and gezag)."""

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from krachtbron.families.choices import MemberRole, Visibility
from krachtbron.families.rights import rights_of
from krachtbron.network.models import NetworkPerson
from krachtbron.network.tests.factories import NetworkPersonFactory
from krachtbron.networkplan import agreement_actions as actions
from krachtbron.networkplan.agreements import (
    AgreementRefused,
    Performer,
    check_performer,
    family_board,
    member_agreements,
    member_board,
    overloaded,
    parse_performer_value,
    suggestions,
    without_contact_point,
)
from krachtbron.networkplan.choices import AgreementStatus
from krachtbron.networkplan.models import Agreement, ContactPoint
from krachtbron.networkplan.tests.factories import AgreementFactory
from krachtbron.testing.factories import GoalFactory, MemberFactory

STATUSES = [s.value for s in AgreementStatus]


# --- The performer ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "parsed"),
    [
        ("ik", ("ik", None)),
        ("m12", ("m", 12)),
        ("p7", ("p", 7)),
        ("m", None),
        ("x12", None),
        ("m-1", None),
        ("m0", None),
        ("m１２", None),  # full-width digits are digits to Python, not to us
        ("p" + "9" * 30, None),
        ("", None),
    ],
)
def test_a_performer_value_is_a_member_a_person_or_the_adviser(value, parsed):
    assert parse_performer_value(value) == parsed


@pytest.mark.django_db
def test_the_database_holds_exactly_one_performer(org):
    person = NetworkPersonFactory(family=org.family)
    for fields in (
        {"performer_member": org.member, "performer_person": person},
        {"performer_member": org.member, "performer_adviser": True},
        {},
    ):
        with pytest.raises(IntegrityError), transaction.atomic():
            Agreement.objects.create(family=org.family, goal=org.goal, text="x", **fields)


@pytest.mark.django_db
def test_an_agreement_names_only_its_own_familys_goal_member_and_person(org):
    other_goal = GoalFactory(family=org.other_family)
    other_person = NetworkPersonFactory(family=org.other_family)
    cases = [
        (other_goal, Performer(adviser=True)),
        (org.goal, Performer(member=org.other_member)),
        (org.goal, Performer(person=other_person)),
        (org.goal, Performer()),
        (org.goal, Performer(member=org.member, adviser=True)),
    ]
    for goal, performer in cases:
        with pytest.raises(AgreementRefused):
            check_performer(org.family, goal, performer)
        with pytest.raises(AgreementRefused):
            actions.add_agreement(
                org.adviser, org.family, goal=goal, text="Samen koken", performer=performer
            )
        with pytest.raises(AgreementRefused):
            actions.add_member_agreement(org.member, goal=goal, text="x", performer=performer)
    assert not Agreement.objects.exists()
    check_performer(org.family, org.goal, Performer(member=org.youth))  # no error


@pytest.mark.django_db
def test_a_change_to_another_familys_performer_writes_nothing(org):
    agreement = AgreementFactory(family=org.family, goal=org.goal)
    with pytest.raises(AgreementRefused):
        actions.update_agreement(
            org.adviser,
            agreement,
            agreement.version,
            goal=org.goal,
            text="x",
            performer=Performer(member=org.other_member),
            when="",
            status=AgreementStatus.AGREED,
        )
    agreement.refresh_from_db()
    assert agreement.performer_adviser and agreement.version == 1


# --- Overload, aanspreekpunt, suggestions (plain rows, no database) ---------------------------


def _person(pk, **fields):
    defaults = {
        "label": f"P{pk}",
        "may_be_overloaded": False,
        "stays_after_help": False,
        "marks_visibility": Visibility.PROFESSIONALS,
    }
    return NetworkPerson(pk=pk, family_id=1, **{**defaults, **fields})


def _agreement(person_id, status=AgreementStatus.AGREED):
    return Agreement(performer_person_id=person_id, status=status)


@given(
    statuses=st.lists(st.sampled_from(STATUSES), max_size=8),
    limit=st.integers(min_value=1, max_value=5),
    marked=st.booleans(),
)
def test_a_marked_carer_is_warned_about_only_above_the_limit_of_open_agreements(
    statuses, limit, marked
):
    carer = _person(1, may_be_overloaded=marked)
    other = _person(2, may_be_overloaded=True)
    agreements = [_agreement(1, s) for s in statuses] + [_agreement(2, AgreementStatus.DONE)]
    open_count = sum(s in ("afgesproken", "loopt") for s in statuses)
    warnings = overloaded([carer, other], agreements, limit=limit)
    expected = marked and open_count > limit
    assert [w.person.pk for w in warnings] == ([1] if expected else [])
    if expected:
        assert warnings[0].count == open_count


def test_the_limit_comes_from_the_settings(settings):
    settings.AGREEMENTS_PER_CARER = 1
    carer = _person(1, may_be_overloaded=True)
    two = [_agreement(1), _agreement(1, AgreementStatus.RUNNING)]
    assert [w.count for w in overloaded([carer], two)] == [2]
    settings.AGREEMENTS_PER_CARER = 2
    assert overloaded([carer], two) == []


def test_the_family_is_warned_only_when_the_mark_is_shared_with_it():
    hidden = _person(1, may_be_overloaded=True)
    shared = _person(2, may_be_overloaded=True, marks_visibility=Visibility.FAMILY)
    agreements = [_agreement(pk) for pk in (1, 1, 1, 2, 2, 2)]
    assert len(overloaded([hidden, shared], agreements)) == 2
    warned = overloaded([hidden, shared], agreements, for_family=True)
    assert [w.person.pk for w in warned] == [2]


def test_suggestions_are_who_stays_without_an_agreement_that_did_not_stop():
    stays = _person(1, stays_after_help=True)
    stays_stopped = _person(2, stays_after_help=True)
    stays_done = _person(3, stays_after_help=True)
    goes = _person(4)
    agreements = [_agreement(2, AgreementStatus.STOPPED), _agreement(3, AgreementStatus.DONE)]
    found = suggestions([stays, stays_stopped, stays_done, goes], agreements)
    assert [p.pk for p in found] == [1, 2]


@pytest.mark.django_db
def test_who_carries_an_open_agreement_needs_an_aanspreekpunt(org):
    carer = NetworkPersonFactory(family=org.family, label="Tante")
    done = NetworkPersonFactory(family=org.family, label="Buur")
    AgreementFactory(family=org.family, goal=org.goal, performer_person=carer)
    AgreementFactory(
        family=org.family, goal=org.goal, performer_person=done, status=AgreementStatus.DONE
    )
    board = family_board(org.family)
    assert [p.label for p in board.missing_contact] == ["Tante"]
    actions.set_contact_point(org.adviser, carer, 0, turns_to=done, turns_to_text="")
    board = family_board(org.family)
    assert board.missing_contact == []
    assert [(c.person.label, c.turns_to) for c in board.contacts] == [("Tante", "Buur")]
    persons = list(NetworkPerson.objects.select_related("contact_point"))
    assert without_contact_point(persons, list(Agreement.objects.all())) == []
    # The person it named leaves the map: Tante has no aanspreekpunt any more.
    done.delete()
    assert [p.label for p in family_board(org.family).missing_contact] == ["Tante"]


@pytest.mark.django_db
def test_an_aanspreekpunt_is_someone_else_of_the_family_or_words_and_locked(org):
    from krachtbron.lib.locking import StaleEditError

    carer = NetworkPersonFactory(family=org.family)
    stranger = NetworkPersonFactory(family=org.other_family)
    for turns_to, words in ((carer, ""), (stranger, ""), (None, ""), (carer, "buurtteam")):
        with pytest.raises(AgreementRefused):
            actions.set_contact_point(org.adviser, carer, 0, turns_to=turns_to, turns_to_text=words)
    point = actions.set_contact_point(
        org.adviser, carer, 0, turns_to=None, turns_to_text="Huisarts"
    )
    with pytest.raises(StaleEditError):  # a second "none yet" form: someone set it first
        actions.set_contact_point(org.adviser, carer, 0, turns_to=None, turns_to_text="Buurt")
    with pytest.raises(StaleEditError):
        actions.set_contact_point(
            org.adviser, carer, point.version + 1, turns_to=None, turns_to_text="Buurt"
        )
    assert ContactPoint.objects.get().turns_to_text == "Huisarts"


# --- Who in the family sees which agreement -------------------------------------------------


def _youth(org, name, age, **fields):
    today = timezone.localdate()
    born = today.replace(year=today.year - age, month=1, day=1)
    return MemberFactory(
        family=org.family,
        first_name=name,
        role=MemberRole.YOUTH,
        birth_date=born,
        birth_year=born.year,
        **fields,
    )


def _seen(member):
    return sorted(a.text for a in member_agreements(rights_of(member)))


@pytest.mark.django_db
def test_an_agreement_is_seen_as_its_goal_is_by_age_and_gezag(org):
    """An agreement's member is its goal's member: a parent with gezag sees a child's of 15,
    not of 16; a step-parent (no gezag) not; a young person not a sibling's; a goal kept for
    professionals is kept with its agreements."""
    org.member.has_parental_authority = True
    org.member.save()
    step = MemberFactory(family=org.family, first_name="Johan", has_parental_authority=False)
    sixteen = _youth(org, "Sara", 16)
    for member, text in ((org.youth, "van Sem"), (sixteen, "van Sara"), (org.member, "van Fatima")):
        goal = GoalFactory(family=org.family, member=member)
        AgreementFactory(family=org.family, goal=goal, text=text)
    AgreementFactory(family=org.family, goal=org.goal, text="van iedereen")
    hidden = GoalFactory(family=org.family, visibility=Visibility.PROFESSIONALS)
    AgreementFactory(family=org.family, goal=hidden, text="alleen professionals")

    assert _seen(org.member) == ["van Fatima", "van Sem", "van iedereen"]
    assert _seen(step) == ["van iedereen"]
    assert _seen(org.youth) == ["van Sem", "van iedereen"]
    assert _seen(sixteen) == ["van Sara", "van iedereen"]


@pytest.mark.django_db
def test_a_person_of_another_members_own_network_is_not_shown_as_performer(org):
    """Sara (16) has her own trainer on the map; her parent sees neither the trainer nor an
    agreement the trainer carries, even at a goal of the whole family."""
    sara = _youth(org, "Sara", 16)
    trainer = NetworkPersonFactory(family=org.family, member=sara, label="Trainer Bas")
    AgreementFactory(family=org.family, goal=org.goal, performer_person=trainer, text="Bas")
    AgreementFactory(family=org.family, goal=org.goal, text="adviseur")
    assert _seen(org.member) == ["adviseur"]
    assert _seen(sara) == ["Bas", "adviseur"]
    board = member_board(rights_of(org.member))
    assert "Trainer Bas" not in [p.label for p in board.persons]


@pytest.mark.django_db
def test_a_child_under_12_has_no_portal_and_sees_nothing(org):
    child = MemberFactory(family=org.family, role=MemberRole.CHILD, birth_year=2020)
    AgreementFactory(family=org.family, goal=org.goal)
    board = member_board(rights_of(child))
    assert board.groups == [] and board.agreement_count == 0
