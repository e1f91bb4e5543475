"""Four eyes means two people: one beheerder cannot make accounts of their own that approve their
requests (break-11, finding 3).

Before, Mallory invited two "colleagues" as beheerder, saw their activation links on the page,
let one ask for the privacy-officer right for her and the other approve it. Now becoming a
beheerder (an invitation as beheerder, a role change to beheerder, a beheerder's account switched
on again) is itself a request that another beheerder decides; the invitee gets the link by
e-mail after approval, never the inviter; and an account a beheerder brought in never decides
that beheerder's requests, nor requests for them.
"""

import pytest
from django.core import mail
from django.urls import reverse

from krachtbron.accounts import actions, four_eyes
from krachtbron.accounts.changes import AdminError
from krachtbron.accounts.four_eyes import brought_in_by
from krachtbron.accounts.models import PrivilegeRequest, Role, User
from krachtbron.audit.models import AccessKind, AccessLogEntry
from krachtbron.testing.factories import UserFactory
from krachtbron.testing.personas import login

pytestmark = pytest.mark.django_db
Right, Outcome = PrivilegeRequest.Right, PrivilegeRequest.Outcome


def beheerder(**kwargs):
    return UserFactory(role=Role.BEHEERDER, team=None, **kwargs)


@pytest.fixture
def people(django_capture_on_commit_callbacks):
    """Petra is the privacy officer; Mallory and Bob are beheerders without the right."""
    return {
        "petra": beheerder(username="petra", is_privacy_officer=True),
        "mallory": beheerder(username="mallory"),
        "bob": beheerder(username="bob"),
    }


def invite_beheerder(actor, username, capture):
    user = User(username=username, email=f"m+{username}@example.org", role=Role.BEHEERDER)
    with capture(execute=True):
        link = actions.invite_user(actor, user)
    user.refresh_from_db()
    return user, link


def refresh(user):
    user.refresh_from_db()
    return user


def test_an_invitation_as_beheerder_waits_switched_off_and_gives_the_inviter_no_link(
    people, django_capture_on_commit_callbacks
):
    mallory = people["mallory"]
    sock, link = invite_beheerder(mallory, "sock1", django_capture_on_commit_callbacks)
    assert link is None and mail.outbox == []  # nobody has a way in yet
    assert (sock.is_active, sock.role, sock.invited_by) == (False, Role.BEHEERDER, mallory)
    waiting = PrivilegeRequest.objects.get(user=sock)
    assert (waiting.right, waiting.requested_by, waiting.outcome) == (
        Right.BEHEERDER,
        mallory,
        Outcome.PENDING,
    )
    rows = AccessLogEntry.objects.filter(object_id=sock.pk).order_by("id")
    assert [(r.object_type, r.kind, r.extra) for r in rows] == [
        (
            "user_invitation",
            AccessKind.CREATE,
            {"role": [None, "beheerder"], "team": [None, None], "is_active": [None, False]},
        ),
        ("beheerder_grant", AccessKind.CREATE, {"outcome": [None, "pending"]}),
    ]
    # The inviter cannot approve her own invitation; the invitee cannot act at all.
    with pytest.raises(AdminError, match="Een andere beheerder beslist"):
        four_eyes.decide_request(mallory, waiting.pk, approve=True)
    with pytest.raises(AdminError, match="Alleen een actieve beheerder"):
        four_eyes.request_privacy_officer(sock, mallory)
    assert not refresh(sock).is_active


def test_approval_switches_the_account_on_and_mails_the_link_to_the_invitee_only(
    people, django_capture_on_commit_callbacks
):
    sock, _link = invite_beheerder(people["mallory"], "nieuw", django_capture_on_commit_callbacks)
    waiting = PrivilegeRequest.objects.get(user=sock)
    with django_capture_on_commit_callbacks(execute=True):
        four_eyes.decide_request(people["bob"], waiting.pk, approve=True)
    sock = refresh(sock)
    assert sock.is_active and sock.role == Role.BEHEERDER and not sock.has_usable_password()
    assert [m.to for m in mail.outbox] == [["m+nieuw@example.org"]]
    assert "/activeren/" in mail.outbox[0].body
    row = AccessLogEntry.objects.filter(object_type="beheerder_grant").latest("id")
    assert (row.actor, row.extra) == (
        people["bob"],
        {"outcome": ["pending", "approved"], "is_active": [False, True]},
    )


def test_the_break11_scenario_two_invited_accounts_cannot_make_their_inviter_officer(
    people, django_capture_on_commit_callbacks
):
    """Even when Bob is talked into approving both invitations, the two accounts Mallory brought
    in can neither decide a request for her nor one she made."""
    mallory, bob, petra = people["mallory"], people["bob"], people["petra"]
    socks = []
    for name in ("sock1", "sock2"):
        sock, _link = invite_beheerder(mallory, name, django_capture_on_commit_callbacks)
        four_eyes.decide_request(bob, PrivilegeRequest.objects.get(user=sock).pk, approve=True)
        socks.append(refresh(sock))
    sock1, sock2 = socks
    assert brought_in_by(sock1) == {mallory.pk}
    for_her = four_eyes.request_privacy_officer(sock1, mallory)
    for deciding in (sock2, sock1, mallory):
        with pytest.raises(AdminError):
            four_eyes.decide_request(deciding, for_her.pk, approve=True)
    assert not refresh(mallory).is_privacy_officer
    # Nor the other way round: Mallory asks for one of hers, the other decides.
    four_eyes.withdraw_request(sock1, for_her.pk)
    for_sock = four_eyes.request_privacy_officer(mallory, sock1)
    with pytest.raises(AdminError, match="uitgenodigd of beheerder gemaakt"):
        four_eyes.decide_request(sock2, for_sock.pk, approve=True)
    # A beheerder nobody of them brought in decides: that is the second person.
    four_eyes.decide_request(petra, for_sock.pk, approve=False)
    assert not refresh(sock1).is_privacy_officer


def test_an_account_invited_by_the_requester_never_decides_their_requests(people):
    """Invited as adviser by Mallory, later made beheerder at Bob's request: still Mallory's."""
    mallory, bob, petra = people["mallory"], people["bob"], people["petra"]
    sam = User(username="sam", email="sam@example.org", role=Role.ADVISEUR)
    actions.invite_user(mallory, sam)
    made = four_eyes.request_beheerder(bob, sam)
    four_eyes.decide_request(petra, made.pk, approve=True)
    assert brought_in_by(refresh(sam)) == {mallory.pk, bob.pk}
    for_petra = four_eyes.request_privacy_officer(mallory, bob)
    with pytest.raises(AdminError, match="uitgenodigd of beheerder gemaakt"):
        four_eyes.decide_request(sam, for_petra.pk, approve=True)
    assert not refresh(bob).is_privacy_officer


def test_a_role_change_to_beheerder_is_a_request_not_a_change(people):
    mallory, bob = people["mallory"], people["bob"]
    adviser = UserFactory(username="anna")
    with pytest.raises(AdminError, match="vraagt een tweede beheerder"):
        actions.update_user(mallory, adviser, role=Role.BEHEERDER, team=None)
    assert refresh(adviser).role == Role.ADVISEUR
    waiting = four_eyes.request_beheerder(mallory, adviser)
    assert refresh(adviser).role == Role.ADVISEUR  # unchanged while it waits
    four_eyes.decide_request(bob, waiting.pk, approve=True)
    assert refresh(adviser).role == Role.BEHEERDER
    row = AccessLogEntry.objects.filter(object_type="beheerder_grant").latest("id")
    assert row.extra == {"outcome": ["pending", "approved"], "role": ["adviseur", "beheerder"]}


def test_switching_a_beheerder_on_again_is_a_request(people):
    mallory, bob, petra = people["mallory"], people["bob"], people["petra"]
    actions.deactivate_user(mallory, bob)  # switching off: one beheerder (least privilege)
    with pytest.raises(AdminError, match="weer aanzetten vraagt een tweede beheerder"):
        actions.reactivate_user(mallory, bob)
    assert not refresh(bob).is_active
    waiting = four_eyes.request_beheerder(mallory, bob)
    with pytest.raises(AdminError):
        four_eyes.request_beheerder(mallory, bob)  # one waiting request at a time
    four_eyes.decide_request(petra, waiting.pk, approve=True)
    assert refresh(bob).is_active
    # An adviser's account is still switched on by one beheerder.
    adviser = UserFactory()
    actions.deactivate_user(mallory, adviser)
    assert actions.reactivate_user(mallory, adviser) and refresh(adviser).is_active


def test_through_the_pages_an_invitation_as_beheerder_shows_no_link_and_waits(
    people, client, django_capture_on_commit_callbacks
):
    mallory, bob = people["mallory"], people["bob"]
    login(client, mallory)
    data = {
        "first_name": "Sok",
        "last_name": "Pop",
        "username": "sokpop",
        "email": "mallory+sokpop@example.org",
        "role": Role.BEHEERDER,
        "team": "",
    }
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(reverse("accounts:user_invite"), data).content.decode()
    assert "/activeren/" not in page and "wacht op een andere beheerder" in page
    assert mail.outbox == []
    sock = User.objects.get(username="sokpop")
    listing = client.get(reverse("accounts:user_list")).content.decode()
    assert "wacht op goedkeuring" in listing and "mallory+sokpop@example.org" in listing
    # Mallory switching the account on herself: it only files (here: finds) the request.
    client.post(reverse("accounts:user_set_active", args=[sock.pk]), {"active": "1"})
    assert not refresh(sock).is_active
    waiting = PrivilegeRequest.objects.get(user=sock)
    login(client, bob)
    edit = client.get(reverse("accounts:user_edit", args=[sock.pk])).content.decode()
    assert "Rol beheerder" in edit and "Goedkeuren" in edit
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("accounts:privacy_officer_decide", args=[waiting.pk]), {"decision": "approve"}
        )
    assert refresh(sock).is_active and [m.to for m in mail.outbox] == [[data["email"]]]


def test_through_the_pages_a_role_change_to_beheerder_saves_the_rest_and_files_a_request(
    people, client
):
    mallory = people["mallory"]
    adviser = UserFactory(username="anna", first_name="Anna")
    login(client, mallory)
    data = {
        "first_name": "Anneke",
        "last_name": "",
        "username": "anna",
        "email": adviser.email,
        "role": Role.BEHEERDER,
        "team": "",
    }
    response = client.post(reverse("accounts:user_edit", args=[adviser.pk]), data, follow=True)
    assert "De rol beheerder is aangevraagd" in response.content.decode()
    adviser = refresh(adviser)
    assert (adviser.first_name, adviser.role) == ("Anneke", Role.ADVISEUR)
    assert PrivilegeRequest.objects.get(user=adviser).right == Right.BEHEERDER


def test_one_beheerder_alone_gets_the_right_through_two_accounts_they_invite(
    django_capture_on_commit_callbacks,
):
    """The tester's break-11 scenario (finding 3), on the API as it is now: Mallory invites two
    'colleagues' as beheerder and lets one ask for the right for her and the other approve.
    The invitations wait for another beheerder and show Mallory no link; even when the privacy
    officer approves both, the two accounts she brought in decide nothing for her."""
    po = UserFactory(role=Role.BEHEERDER, team=None, is_privacy_officer=True, username="po")
    mallory = UserFactory(role=Role.BEHEERDER, team=None, username="mallory")
    sock1 = User(username="sock1", email="m+1@example.org", role=Role.BEHEERDER)
    sock2 = User(username="sock2", email="m+2@example.org", role=Role.BEHEERDER)
    link1 = actions.invite_user(mallory, sock1)
    link2 = actions.invite_user(mallory, sock2)
    assert link1 is None and link2 is None  # nothing for Mallory to open herself
    assert not refresh(sock1).is_active and not refresh(sock2).is_active
    for sock in (sock1, sock2):  # a second person is needed: here po is talked into it
        four_eyes.decide_request(po, PrivilegeRequest.objects.get(user=sock).pk, approve=True)
        sock.refresh_from_db()  # she opens the e-mailed link and chooses a password
        sock.set_password("a-long-password-42!")
        sock.save()
    request = four_eyes.request_privacy_officer(sock1, mallory)
    with pytest.raises(AdminError):
        four_eyes.decide_request(sock2, request.pk, approve=True)
    mallory.refresh_from_db()
    assert not mallory.is_privacy_officer, "one person granted herself the privacy-officer right"


def test_accounts_brought_in_through_others_are_still_related(people):
    """Mallory brings in sock1; sock1 brings in sock2 (others approve each): sock2 is still
    Mallory's, and Mallory decides nothing about accounts she brought in, however indirectly."""
    mallory, bob, petra = people["mallory"], people["bob"], people["petra"]
    sock1 = User(username="sock1", email="s1@example.org", role=Role.ADVISEUR)
    actions.invite_user(mallory, sock1)
    four_eyes.decide_request(petra, four_eyes.request_beheerder(bob, sock1).pk, approve=True)
    sock2 = User(username="sock2", email="s2@example.org", role=Role.ADVISEUR)
    actions.invite_user(refresh(sock1), sock2)
    # Mallory may not decide sock2's role: she brought in the one who brought sock2 in.
    made = four_eyes.request_beheerder(bob, sock2)
    with pytest.raises(AdminError, match="via anderen"):
        four_eyes.decide_request(mallory, made.pk, approve=True)
    four_eyes.decide_request(petra, made.pk, approve=True)
    assert four_eyes.lineage(refresh(sock2)) == {sock2.pk, sock1.pk, bob.pk, mallory.pk}
    # sock2 decides nothing for Mallory, although Mallory never invited sock2 herself.
    for_her = four_eyes.request_privacy_officer(petra, mallory)
    with pytest.raises(AdminError, match="via anderen"):
        four_eyes.decide_request(refresh(sock2), for_her.pk, approve=True)
    assert not refresh(mallory).is_privacy_officer
    # Accounts only invited by the same beheerder are not related: sock1 and a sibling.
    assert not four_eyes.related(refresh(sock1), petra)
