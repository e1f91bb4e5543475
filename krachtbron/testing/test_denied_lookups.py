"""Every refused look-up of something that belongs to a family is on record (NEN 7513).

A colleague who types /gezinsleden/<another family's member>/ gets a plain 404, and the family's
"Wie keek mee" and the privacy officer see a DENIED row naming that family. Checked two ways:
per object kind, through its permission helper (and that every family-owned model has one or
a stated reason why nothing looks it up by id), and per URL, by walking every route of the
family apps as an adviser of another team.
"""

import copy

import pytest
from django.apps import apps
from django.http import Http404
from django.urls import reverse

from krachtbron.audit.models import AccessLogEntry, AccessResult
from krachtbron.families.models import Family
from krachtbron.testing.matrix import declared_routes
from krachtbron.testing.personas import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def org(signed_in_org, db):
    """The module's org, every persona signed in once (conftest.py ``signed_in_org``)."""
    return copy.deepcopy(signed_in_org)


def _invitation(org):
    from krachtbron.questionnaires.tests.factories import invite

    return invite(org.member, org.adviser)[0]


def _response(org):
    from krachtbron.questionnaires.tests.factories import completed_response

    return completed_response(org.member, org.adviser, {"g01": 3})


def _decision(org):
    from krachtbron.families.models import RightsDecision
    from krachtbron.testing.factories import MemberFactory

    return RightsDecision.objects.create(
        family=org.family,
        kind=RightsDecision.Kind.SHARE,
        subject=org.member,
        other=MemberFactory(family=org.family, first_name="Johan"),
        reason="toestemming van Fatima",
        decided_by=org.adviser,
    )


def _check_in(org):
    from krachtbron.aftercare.tests.helpers import open_check_in

    return open_check_in(org.adviser, org.family)


def _lookups():
    """Model label -> (its permission helper that looks it up by id, a maker of one in org)."""
    from krachtbron.aftercare import permissions as aftercare
    from krachtbron.families import permissions as families
    from krachtbron.knowledge import permissions as knowledge
    from krachtbron.knowledge.tests.factories import FamilyPlanFactory
    from krachtbron.network import permissions as network
    from krachtbron.network.tests.factories import NetworkPersonFactory, NetworkSnapshotFactory
    from krachtbron.networkplan import permissions as networkplan
    from krachtbron.networkplan.tests.share_helpers import make_plan
    from krachtbron.portal import permissions as portal
    from krachtbron.portal.actions import make_one_time_link
    from krachtbron.portal.dossier_actions import request_correction
    from krachtbron.portal.network_actions import propose_person
    from krachtbron.portal.plan_actions import raise_talk_flag
    from krachtbron.questionnaires import permissions as questionnaires
    from krachtbron.sending import permissions as sending
    from krachtbron.sending.tests.matrix import _failed_delivery
    from krachtbron.strengths import permissions as strengths
    from krachtbron.strengths.tests.factories import (
        GoalScalingFactory,
        ScalingFactory,
        StrengthEntryFactory,
    )
    from krachtbron.testing.prepared import a_file

    return {
        "families.Family": (families.get_family_for_user, lambda org: org.family),
        "families.FamilyMember": (families.get_member_for_user, lambda org: org.member),
        "families.Goal": (families.get_goal_for_user, lambda org: org.goal),
        "families.PreparedFile": (
            families.get_prepared_file_for_user,
            lambda org: a_file(org, org.adviser),
        ),
        "questionnaires.Invitation": (questionnaires.get_invitation_for_user, _invitation),
        "questionnaires.Response": (questionnaires.get_response_for_user, _response),
        "sending.Delivery": (
            sending.get_delivery_for_user,
            lambda org: sending.Delivery.objects.get(**_failed_delivery(org)),
        ),
        "strengths.StrengthEntry": (
            strengths.get_entry_for_user,
            lambda org: StrengthEntryFactory(member=org.member),
        ),
        "strengths.Scaling": (
            strengths.get_scaling_for_user,
            lambda org: ScalingFactory(member=org.member),
        ),
        "strengths.GoalScaling": (
            strengths.get_goal_scaling_for_user,
            lambda org: GoalScalingFactory(goal=org.goal),
        ),
        "portal.TalkFlag": (
            portal.get_talk_flag_for_user,
            lambda org: raise_talk_flag(org.member, goal=org.goal)[0],
        ),
        "network.NetworkPerson": (
            network.get_person_for_user,
            lambda org: NetworkPersonFactory(family=org.family),
        ),
        "network.NetworkSnapshot": (
            network.get_snapshot_for_user,
            lambda org: NetworkSnapshotFactory(family=org.family),
        ),
        "families.RightsDecision": (families.get_rights_decision_for_user, _decision),
        "knowledge.ConversationPlan": (
            knowledge.get_family_plan_for_user,
            lambda org: FamilyPlanFactory(family=org.family, owner=org.adviser),
        ),
        "portal.MemberLink": (
            portal.get_link_for_user,
            lambda org: make_one_time_link(org.adviser, org.member)[0],
        ),
        "network.NetworkProposal": (
            portal.get_network_proposal_for_user,
            lambda org: propose_person(
                org.member, label="Buurvrouw Els", relation="buurt", closeness=2
            ),
        ),
        "portal.CorrectionRequest": (
            portal.get_correction_for_user,
            lambda org: request_correction(org.member, "Klopt niet.", "d" * 24),
        ),
        "networkplan.Agreement": (
            _agreement_lookup(),
            lambda org: _agreement(org),
        ),
        "networkplan.PlanCall": (networkplan.get_call_for_user, lambda org: make_plan(org).call),
        "aftercare.FollowUp": (aftercare.get_follow_up_for_user, _check_in),
    }


def _agreement_lookup():
    from krachtbron.networkplan.permissions import get_agreement_for_user

    return get_agreement_for_user


def _agreement(org):
    from krachtbron.networkplan.tests.factories import AgreementFactory

    return AgreementFactory(family=org.family, goal=org.goal)


#: Family-owned models that no URL looks up by their own id, and why.
NOT_LOOKED_UP_BY_ID = {
    "families.CaseAssignment": "changed through the family (assign/unassign by family id)",
    "families.RetentionHold": "made by the privacy officer through a dossier number",
    "questionnaires.Answer": "reached only through its response or the family's own session",
    "questionnaires.ResultSeen": "written when the adviser opens a response; read only by the "
    "attention rules, never by id",
    "strengths.FirstQuestion": "one per family, reached through the family",
    "strengths.FirstQuestionRevision": "shown with the family's first question",
    "portal.Passkey": "found by its credential id when a member signs in, listed per member",
    "portal.MemberLanguage": "the signed-in member's own, loaded with the member's session",
    "networkplan.ContactPoint": "one per network person, reached through that person's id",
    "networkplan.NetworkPlan": "one per family, reached through the family",
    "networkplan.Share": "no staff page looks one up; a member only among the shares they may "
    "see (portal.networkplan_views), the network person by the link's session",
    "networkplan.ShareConsent": "reached through its share and the signed-in member",
    "aftercare.Closure": "one open per family, reached through the family (aftercare:close)",
    "families.StoredPdf": "no page looks one up by id: a download finds its family's row by "
    "the variant after the view's own access check (families.stored_pdf.pdf)",
    "sending.MessageStop": "one per member, reached through the member's id (sending:"
    "stop_member, allow_member, checked with get_member_for_user) or a message's stop token; "
    "a network person's only through the stop token of a share message to them",
}


def _family_owned_models() -> set[str]:
    """Every model with a path of foreign keys to Family (or Family itself)."""

    def reaches_family(model, depth=0):
        if model is Family:
            return True
        if depth > 3:
            return False
        return any(
            reaches_family(field.related_model, depth + 1)
            for field in model._meta.get_fields()
            if field.concrete and (field.many_to_one or field.one_to_one)
        )

    return {model._meta.label for model in apps.get_models() if reaches_family(model)}


def test_every_family_owned_kind_has_a_lookup_that_logs_a_refusal():
    lookups = set(_lookups())
    assert _family_owned_models() == lookups | set(NOT_LOOKED_UP_BY_ID)
    assert not lookups & set(NOT_LOOKED_UP_BY_ID)


@pytest.mark.parametrize("label", sorted(_lookups()))
def test_a_refused_lookup_of_an_existing_object_writes_a_denied_row(org, label):
    lookup, make = _lookups()[label]
    obj = make(org)
    assert lookup(org.adviser, obj.pk) == obj  # the family's own adviser: no refusal
    assert not AccessLogEntry.objects.filter(result=AccessResult.DENIED).exists()
    for user in [org.colleague, org.other_adviser, org.teamleider, org.beheerder, org.onderzoeker]:
        with pytest.raises(Http404):
            lookup(user, obj.pk)
        row = AccessLogEntry.objects.filter(actor=user, result=AccessResult.DENIED).get()
        assert (row.family_id, row.family_reference) == (org.family.pk, org.family.reference)
        assert (row.object_type, row.object_id) == (apps.get_model(label).__name__.lower(), obj.pk)


@pytest.mark.parametrize("label", sorted(_lookups()))
def test_a_lookup_of_nothing_writes_no_row(org, label):
    lookup, _make = _lookups()[label]
    since = AccessLogEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    with pytest.raises(Http404):
        lookup(org.colleague, 987654)
    with pytest.raises(Http404):
        lookup(org.colleague, "../1")
    assert not AccessLogEntry.objects.filter(pk__gt=since).exists()


FAMILY_APPS = {"families", "questionnaires", "strengths", "network", "knowledge"}
#: Routes of the family apps that show no family: a team's own conversation plans.
NOT_FAMILY_DATA = {"knowledge:plan_delete"}


def _family_routes():
    for route in declared_routes():
        namespace = route.url_name.split(":")[0]
        if (
            namespace in FAMILY_APPS
            and route.kwargs is not None
            and not route.public
            and route.allowed <= {"adviser", "teamleider"}
            and route.url_name not in NOT_FAMILY_DATA
        ):
            yield route


ROUTES = list(_family_routes())


@pytest.mark.parametrize("route", ROUTES, ids=[r.url_name for r in ROUTES])
def test_every_family_url_refused_to_another_team_is_on_record(org, route):
    kwargs = route.kwargs(org)
    url = reverse(route.url_name, kwargs=kwargs)
    client = client_for(org, "other_team")
    response = client.get(url) if route.allowed else client.post(url)
    assert response.status_code == 404
    rows = AccessLogEntry.objects.filter(actor=org.other_adviser, result=AccessResult.DENIED)
    assert [row.family_id for row in rows] == [org.family.pk], url


def test_the_walk_covers_the_family_file():
    names = {route.url_name for route in ROUTES}
    assert {
        "families:detail",
        "families:member_edit",
        "families:goal_delete",
        "families:assign",
        "questionnaires:invitation",
        "questionnaires:response",
        "strengths:entry_edit",
        "network:person_edit",
        "knowledge:family_plan",
    } <= names
