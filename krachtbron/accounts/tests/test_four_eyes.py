"""The privacy-officer right needs two beheerders besides the one who gets it; nobody grants a
right to themselves; two decisions at the same moment give one outcome (SECURITY.md 18)."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from krachtbron.accounts import actions, four_eyes
from krachtbron.accounts.changes import AdminError
from krachtbron.accounts.models import PrivilegeRequest, Role, User
from krachtbron.accounts.tests import parallel_privilege
from krachtbron.audit.models import AccessKind, AccessLogEntry
from krachtbron.testing.factories import UserFactory
from krachtbron.testing.parallel import run_scenario

pytestmark = pytest.mark.django_db
Outcome = PrivilegeRequest.Outcome


def beheerder(**kwargs):
    return UserFactory(role=Role.BEHEERDER, team=None, **kwargs)


@pytest.fixture
def three():
    """A asks, X would get the right, B is the second beheerder."""
    return beheerder(username="anna"), beheerder(username="xavier"), beheerder(username="bram")


def grant_rows():
    return list(AccessLogEntry.objects.filter(object_type="privacy_officer_grant").order_by("id"))


def is_officer(user):
    user.refresh_from_db()
    return user.is_privacy_officer


def test_a_asks_b_approves_and_x_gets_the_right(three):
    a, x, b = three
    waiting = four_eyes.request_privacy_officer(a, x)
    assert not is_officer(x)  # a request alone gives nothing
    decided = four_eyes.decide_request(b, waiting.pk, approve=True)
    assert is_officer(x)
    assert (decided.outcome, decided.decided_by, decided.requested_by) == (Outcome.APPROVED, b, a)
    asked, approved = grant_rows()
    assert (asked.actor, asked.kind, asked.object_id, asked.extra) == (
        a,
        AccessKind.CREATE,
        x.pk,
        {"outcome": [None, "pending"]},
    )
    assert (approved.actor, approved.kind, approved.object_id, approved.extra) == (
        b,
        AccessKind.CHANGE,
        x.pk,
        {"outcome": ["pending", "approved"], "is_privacy_officer": [False, True]},
    )


def test_nobody_asks_for_themselves(three):
    a, _x, _b = three
    with pytest.raises(AdminError, match="niet voor jezelf"):
        four_eyes.request_privacy_officer(a, a)
    assert not PrivilegeRequest.objects.exists() and grant_rows() == []


def test_the_one_who_asked_cannot_approve(three):
    a, x, _b = three
    waiting = four_eyes.request_privacy_officer(a, x)
    with pytest.raises(AdminError, match="Een andere beheerder"):
        four_eyes.decide_request(a, waiting.pk, approve=True)
    assert not is_officer(x)
    waiting.refresh_from_db()
    assert waiting.outcome == Outcome.PENDING


def test_the_one_who_would_get_the_right_cannot_approve_or_reject(three):
    a, x, _b = three
    waiting = four_eyes.request_privacy_officer(a, x)
    for approve in (True, False):
        with pytest.raises(AdminError, match="Een andere beheerder"):
            four_eyes.decide_request(x, waiting.pk, approve=approve)
    assert not is_officer(x)
    assert len(grant_rows()) == 1  # only the request


def test_two_beheerders_are_not_enough_without_a_third(three):
    a, x, _b = three
    waiting = four_eyes.request_privacy_officer(a, x)
    for decider in (a, x):
        with pytest.raises(AdminError):
            four_eyes.decide_request(decider, waiting.pk, approve=True)
    # The one who asked can take the request back; that grants nothing.
    four_eyes.withdraw_request(a, waiting.pk)
    waiting.refresh_from_db()
    assert waiting.outcome == Outcome.WITHDRAWN and not is_officer(x)
    with pytest.raises(AdminError):
        four_eyes.withdraw_request(x, waiting.pk)


def test_a_rejection_grants_nothing_and_closes_the_request(three):
    a, x, b = three
    waiting = four_eyes.request_privacy_officer(a, x)
    four_eyes.decide_request(b, waiting.pk, approve=False)
    assert not is_officer(x)
    with pytest.raises(AdminError, match="al besloten"):
        four_eyes.decide_request(b, waiting.pk, approve=True)
    assert not is_officer(x)
    assert grant_rows()[-1].extra == {"outcome": ["pending", "rejected"]}


def test_only_an_active_beheerder_can_get_the_right(org, three):
    a, _x, _b = three
    for user in (org.adviser, org.teamleider, org.onderzoeker, beheerder(is_active=False)):
        with pytest.raises(AdminError, match="actieve beheerder"):
            four_eyes.request_privacy_officer(a, user)
    with pytest.raises(AdminError, match="al privacy officer"):
        four_eyes.request_privacy_officer(a, org.beheerder)
    assert not PrivilegeRequest.objects.exists()


def test_only_beheerders_ask_and_decide(org, three):
    a, x, _b = three
    with pytest.raises(AdminError):
        four_eyes.request_privacy_officer(org.teamleider, x)
    waiting = four_eyes.request_privacy_officer(a, x)
    for outsider in (org.adviser, org.teamleider, org.onderzoeker, beheerder(is_active=False)):
        with pytest.raises(AdminError):
            four_eyes.decide_request(outsider, waiting.pk, approve=True)
    assert not is_officer(x)


def test_an_approval_is_refused_when_x_is_no_longer_an_active_beheerder(org, three):
    a, x, b = three
    waiting = four_eyes.request_privacy_officer(a, x)
    actions.deactivate_user(a, x)
    with pytest.raises(AdminError, match="actieve beheerder"):
        four_eyes.decide_request(b, waiting.pk, approve=True)
    assert not is_officer(x)


def test_one_waiting_request_per_user(three):
    a, x, b = three
    four_eyes.request_privacy_officer(a, x)
    with pytest.raises(AdminError, match="wacht al"):
        four_eyes.request_privacy_officer(b, x)
    assert PrivilegeRequest.objects.count() == 1


def test_the_database_refuses_a_request_for_oneself_and_a_self_approval(three):
    a, x, _b = three
    with pytest.raises(IntegrityError), transaction.atomic():
        PrivilegeRequest.objects.create(user=a, requested_by=a)
    for decider in (a, x):
        with pytest.raises(IntegrityError), transaction.atomic():
            PrivilegeRequest.objects.create(
                user=x,
                requested_by=a,
                outcome=Outcome.APPROVED,
                decided_by=decider,
                decided_at=timezone.now(),
            )
    with pytest.raises(IntegrityError), transaction.atomic():
        PrivilegeRequest.objects.create(user=x, requested_by=a, outcome=Outcome.APPROVED)


def test_one_beheerder_revokes_the_right_also_their_own(org, three):
    a, _x, _b = three
    four_eyes.revoke_privacy_officer(a, org.beheerder)
    assert not is_officer(org.beheerder)
    row = grant_rows()[-1]
    assert (row.actor, row.kind, row.object_id, row.extra) == (
        a,
        AccessKind.DELETE,
        org.beheerder.pk,
        {"is_privacy_officer": [True, False]},
    )
    own = beheerder(is_privacy_officer=True)
    four_eyes.revoke_privacy_officer(own, own)
    assert not is_officer(own)
    with pytest.raises(AdminError):
        four_eyes.revoke_privacy_officer(a, own)  # nothing left to revoke


# --- Through the pages -----------------------------------------------------------------------


def test_the_pages_walk_through_request_and_approval(org, three, client):
    from krachtbron.testing.personas import login

    a, x, b = three
    login(client, a)
    client.post(reverse("accounts:privacy_officer_request", args=[x.pk]))
    waiting = PrivilegeRequest.objects.get()
    html = client.get(reverse("accounts:user_list")).content.decode()
    assert "Wacht op een andere beheerder" in html and "Aanvraag intrekken" in html
    assert "Goedkeuren" not in html  # A may not approve
    # A's own attempt to approve through the page changes nothing.
    client.post(
        reverse("accounts:privacy_officer_decide", args=[waiting.pk]), {"decision": "approve"}
    )
    assert not is_officer(x)
    login(client, x)
    page = client.get(reverse("accounts:user_edit", args=[x.pk])).content.decode()
    assert "Een andere beheerder beslist hierover, niet jij." in page and "Goedkeuren" not in page
    client.post(
        reverse("accounts:privacy_officer_decide", args=[waiting.pk]), {"decision": "approve"}
    )
    assert not is_officer(x)
    login(client, b)
    assert "Goedkeuren" in client.get(reverse("accounts:user_list")).content.decode()
    response = client.post(
        reverse("accounts:privacy_officer_decide", args=[waiting.pk]), {"decision": "approve"}
    )
    assert response.status_code == 302
    assert is_officer(x)


def test_the_own_page_offers_no_request_for_oneself(org, as_user):
    client = as_user(org.beheerder)
    page = client.get(reverse("accounts:user_edit", args=[org.beheerder.pk])).content.decode()
    assert "Recht privacy officer intrekken" in page  # Bea has it: she may give it up
    other = beheerder()
    client = as_user(other)
    page = client.get(reverse("accounts:user_edit", args=[other.pk])).content.decode()
    assert "niet voor jezelf aanvragen" in page and "Recht privacy officer aanvragen" not in page
    client.post(reverse("accounts:privacy_officer_request", args=[other.pk]))
    assert not PrivilegeRequest.objects.exists()


def test_only_beheerders_reach_the_four_eyes_actions(org, as_user, three):
    a, x, _b = three
    waiting = four_eyes.request_privacy_officer(a, x)
    for user in (org.adviser, org.teamleider, org.onderzoeker):
        client = as_user(user)
        assert (
            client.post(reverse("accounts:privacy_officer_request", args=[a.pk])).status_code == 403
        )
        decide = reverse("accounts:privacy_officer_decide", args=[waiting.pk])
        assert client.post(decide, {"decision": "approve"}).status_code == 403
        revoke = reverse("accounts:privacy_officer_revoke", args=[org.beheerder.pk])
        assert client.post(revoke).status_code == 403
    assert not is_officer(x) and is_officer(org.beheerder)


# --- Races: two decisions at the same moment --------------------------------------------------


def _scenario(name, tmp_path):
    """In-process on PostgreSQL; on SQLite in a subprocess on a WAL file (the in-memory test
    database cannot hold several connections)."""
    return run_scenario("krachtbron.accounts.tests.parallel_privilege", name, tmp_path)


@pytest.mark.django_db(transaction=True)
def test_parallel_approvals_give_one_outcome(tmp_path):
    result = _scenario("parallel_approvals", tmp_path)
    assert result["unexpected"] == []
    assert result["approved"] == 1
    assert len(result["refused"]) == parallel_privilege.THREADS - 1
    assert result["outcome"] == "approved" and result["is_privacy_officer"] is True
    assert result["decision_rows"] == 1


@pytest.mark.django_db(transaction=True)
def test_approve_and_reject_at_once_give_one_outcome(tmp_path):
    result = _scenario("approve_against_reject", tmp_path)
    assert result["unexpected"] == []
    assert sorted(result["done"] + result["refused"]) == sorted(
        ["approve", "reject"] * (parallel_privilege.THREADS // 2)
    )
    assert len(result["done"]) == 1
    assert result["outcome"] == {"approve": "approved", "reject": "rejected"}[result["done"][0]]
    assert result["is_privacy_officer"] == (result["outcome"] == "approved")
    assert result["decision_rows"] == 1


def test_user_model_has_the_right_only_as_a_flag_set_by_actions():
    # No form field can carry it (SECURITY.md 9).
    from krachtbron.accounts.forms import TeamForm, UserForm

    assert "is_privacy_officer" not in UserForm().fields
    assert "is_privacy_officer" not in TeamForm().fields
    assert User._meta.get_field("is_privacy_officer").default is False
