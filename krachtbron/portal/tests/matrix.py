"""Access matrix declarations for Mijn Krachtbron (SECURITY.md 8, 28).

The member's pages ("portal" side) let in only a signed-in family member and send everyone
else to the portal's sign-in; the adviser's tab is the family file's, for its own adviser. A
member of another family gets the same pages, showing their own family
(test_access_matrix.test_a_member_of_another_family_never_sees_this_family).
"""

from krachtbron.testing.forms import CreateForm, Post
from krachtbron.testing.matrix import MEMBERS, PERSONAS, Route

ADVISER = frozenset({"adviser"})
NOBODY = frozenset()  # POST-only routes: a GET is 405 for everyone
EVERYONE = frozenset(PERSONAS)
SESSION = ("sessions.Session",)


def _family(org):
    return {"pk": org.family.pk}


def _member(org):
    return {"pk": org.member.pk}


def _member_with_passkey(org):
    from django.test import Client

    from krachtbron.testing.portal import enrol

    enrol(Client(), org.member, _authenticator())
    return {"pk": org.member.pk}


def _one_time_token(org):
    """A one-time link of a parent whom no persona signs in as (a persona's sign-in makes a
    one-time link of its own, which would stop an earlier one of the same member)."""
    from krachtbron.portal.actions import make_one_time_link
    from krachtbron.testing.factories import MemberFactory

    parent = MemberFactory(family=org.family, first_name="Amal")
    _link, token = make_one_time_link(org.adviser, parent)
    return {"token": token}


def _one_time_code(org):
    """The typed code of a fresh one-time link (``_one_time_token``), as printed."""
    from krachtbron.lib.typed_code import code_for_token, grouped

    return {"code": grouped(code_for_token(_one_time_token(org)["token"]))}


def _link(org):
    from krachtbron.portal.actions import make_one_time_link

    link, _token = make_one_time_link(org.adviser, org.member)
    return {"pk": link.pk}


_TOKENS: dict[int, str] = {}


def _link_with_token(org):
    from krachtbron.portal.actions import invite_member

    link, token = invite_member(org.adviser, org.member)
    _TOKENS[link.pk] = token
    return {"pk": link.pk}


def _its_token(client, org, kwargs):
    return {"token": _TOKENS[kwargs["pk"]]}


def _more_members_and_links(org):
    """Members with invitations, one-time links and passkeys: the tab lists them all."""
    from krachtbron.portal import actions
    from krachtbron.testing.factories import MemberFactory

    for name in ("Amir", "Noor", "Yusuf"):
        member = MemberFactory(family=org.family, first_name=name)
        actions.invite_member(org.adviser, member)
        link, _token = actions.make_one_time_link(org.adviser, member)
        actions.use_one_time_link(link)
        actions.invite_member(org.adviser, member)


def _passkey_for_new_invitation(client, org, kwargs):
    """The invitation's first visit, up to the passkey: the client holds the enrolment session
    and the answer of a (software) authenticator."""
    from django.urls import reverse

    from krachtbron.testing.authenticator import options_on
    from krachtbron.testing.portal import invitation_link

    path = invitation_link(org.member)
    client.post(path)
    page = client.get(reverse("portal:welcome"))
    return {"credential": _authenticator().create(options_on(page))}


def _authenticator():
    from django.conf import settings

    from krachtbron.testing.authenticator import SoftAuthenticator

    return SoftAuthenticator(origin=settings.PORTAL_ORIGINS[0])


def _passkey_answer(client, org, kwargs):
    """A member with a passkey (made on another client), answering this page's challenge."""
    from django.test import Client
    from django.urls import reverse

    from krachtbron.testing.authenticator import options_on
    from krachtbron.testing.portal import enrol

    authenticator = _authenticator()
    enrol(Client(), org.member, authenticator)
    page = client.get(reverse("portal:sign_in"))
    return {"credential": authenticator.get(options_on(page))}


def _more_goals(org):
    """Goals of both families (a member of the other family sees their own list grow)."""
    from krachtbron.testing.factories import GoalFactory

    for family in (org.family, org.other_family):
        for text in ("Elke week samen sporten", "Op tijd op school", "Rust in huis"):
            GoalFactory(family=family, text=text)


def _open_invitation(org):
    """An open questionnaire invitation of Fatima (org.member): her task, nobody else's."""
    from krachtbron.questionnaires.tests.factories import InvitationFactory

    return {"pk": InvitationFactory(member=org.member, created_by=org.adviser).pk}


def _own_response(org):
    """A questionnaire Fatima sent: only she reads its result."""
    from krachtbron.questionnaires.tests.factories import ALL_ITEMS, completed_response

    response = completed_response(org.member, org.adviser, dict.fromkeys(ALL_ITEMS, 2))
    return {"pk": response.pk}


def _more_questionnaires(org):
    """Open and sent questionnaires of every member persona: their lists grow."""
    from krachtbron.questionnaires.tests.factories import (
        ALL_ITEMS,
        InvitationFactory,
        completed_response,
    )

    for member in (org.member, org.youth, org.other_member):
        adviser = member.family.advisers.first()
        for _ in range(3):
            InvitationFactory(member=member, created_by=adviser)
            completed_response(member, adviser, dict.fromkeys(ALL_ITEMS, 3))


def _correction(org):
    """A correction request of Fatima (org.member), open: her family's adviser answers it."""
    from krachtbron.portal.dossier_actions import request_correction

    return {"pk": request_correction(org.member, "Dit klopt niet.", "m" * 24).pk}


def _more_log_rows(org):
    """More rows in every member persona's "Wie keek mee": pages looked at, by the member."""
    from krachtbron.portal.actions import log_member_page

    for member in (org.member, org.youth, org.other_member):
        for _ in range(3):
            log_member_page(member, member.family, "portal_home")


def _member_file(org, ready=False):
    from krachtbron.testing.prepared import a_file

    return {"file_id": a_file(org, org.member, ready=ready).pk}


ROUTES = [
    # The member's pages.
    Route("portal:home", allowed=MEMBERS, side="portal", list_page=True, grow=_more_goals),
    # Vragenlijsten: every member sees their own tasks and results; one result is its member's.
    # (Before portal:open: the anonymous sweep's POST there signs its client in.)
    Route(
        "portal:questionnaires",
        allowed=MEMBERS,
        side="portal",
        list_page=True,
        grow=_more_questionnaires,
    ),
    Route("portal:questionnaire_begin", _open_invitation, allowed=NOBODY, side="portal"),
    Route(
        "portal:questionnaire_result",
        _own_response,
        allowed=frozenset({"member"}),
        side="portal",
    ),
    # A link shows a button to everyone holding it (GET uses nothing); the POST opens it.
    Route("portal:open", _one_time_token, allowed=EVERYONE, public=True, side="portal"),
    # Only the session of a just-opened invitation may make a passkey: nobody holds one here,
    # so everyone is sent to the sign-in page.
    Route("portal:welcome", allowed=NOBODY, public=True, side="portal"),
    # The typed code's form: for everyone (a code is typed by whoever holds the letter).
    Route("portal:code", allowed=EVERYONE, public=True, side="portal"),
    Route("portal:sign_in", allowed=EVERYONE, public=True, side="portal"),
    Route("portal:sign_out", allowed=NOBODY, public=True, side="portal"),
    # Ons dossier: every member their own family's; the copy and "dit klopt niet" are POSTs.
    Route("portal:dossier", allowed=MEMBERS, side="portal", list_page=True, grow=_more_log_rows),
    Route("portal:correction", allowed=NOBODY, side="portal"),
    Route("portal:copy", allowed=NOBODY, side="portal"),
    # The member's copy made in the background: only for the member who asked; a look by
    # another member (a sibling, another family) is a DENIED row for the file's family.
    Route(
        "portal:copy_file",
        _member_file,
        allowed=frozenset({"member"}),
        side="portal",
        family=True,
    ),
    Route("portal:copy_file_download", _member_file, allowed=NOBODY, side="portal"),
    # The member's language (Ons dossier, "Taal"), a POST; Ons plan as PDF, each their own.
    Route("portal:language", allowed=NOBODY, side="portal"),
    Route("portal:plan_pdf", allowed=MEMBERS, side="portal"),
    # The adviser's tab in the family file.
    Route(
        "portal:family",
        _family,
        allowed=ADVISER,
        family=True,
        list_page=True,
        grow=_more_members_and_links,
    ),
    Route("portal:invite", _member, allowed=NOBODY),
    Route("portal:one_time", _member, allowed=NOBODY),
    Route("portal:withdraw", _link, allowed=NOBODY),
    Route("portal:correction_answer", _correction, allowed=NOBODY),
    Route("portal:revoke_passkeys", _member_with_passkey, allowed=NOBODY),
    Route("portal:print", _link, allowed=NOBODY),
    Route("portal:pdf", _link, allowed=NOBODY),
    Route("portal:send_email", _link, allowed=NOBODY),
]


def _tab(org, kwargs):
    from django.urls import reverse

    return reverse("portal:family", kwargs={"pk": org.family.pk})


CREATE_FORMS = [
    CreateForm("portal:invite", "portal.MemberLink", lambda org: {}, _member, page=_tab),
    CreateForm("portal:one_time", "portal.MemberLink", lambda org: {}, _member, page=_tab),
]

OTHER_POSTS = {
    # Sending the link by e-mail: one Delivery (a form key against a double click: the
    # sending tests post twice). Declared here, not in CREATE_FORMS: its form is only on the
    # share page, the response to the POST that made the link.
    "portal:send_email": Post(
        "queues the link by e-mail (a Delivery and its task)",
        lambda org: {"address": "ouder@example.org", "language": "nl"},
        changes=("sending.Delivery",),
        allowed=ADVISER,
        kwargs=_link_with_token,
        prepare=_its_token,
    ),
    "portal:withdraw": Post(
        "withdraws the link (a conditional update: once)",
        changes=("portal.MemberLink",),
        allowed=ADVISER,
    ),
    "portal:revoke_passkeys": Post(
        "revokes the member's passkeys (their sessions end)",
        changes=("portal.Passkey",),
        allowed=ADVISER,
    ),
    "portal:print": Post(
        "a printable page (the access-log row is its record)",
        changes=("audit.AccessLogEntry",),
        allowed=ADVISER,
        kwargs=_link_with_token,
        prepare=_its_token,
    ),
    "portal:pdf": Post(
        "a download (the access-log row is its record)",
        changes=("audit.AccessLogEntry",),
        allowed=ADVISER,
        kwargs=_link_with_token,
        prepare=_its_token,
    ),
    # Whoever holds the link may open it: a staff session in that browser is signed out.
    "portal:open": Post(
        "uses the one-time link and signs its member in",
        changes=("portal.MemberLink", *SESSION),
        allowed=EVERYONE,
        persona="anonymous",
    ),
    # A typed code opens what its link opens: the same as the link's POST.
    "portal:code": Post(
        "uses the one-time link of the typed code and signs its member in",
        _one_time_code,
        changes=("portal.MemberLink", *SESSION),
        allowed=EVERYONE,
        persona="anonymous",
    ),
    "portal:welcome": Post(
        "stores the new passkey and uses up the invitation",
        changes=("portal.Passkey", "portal.MemberLink", *SESSION),
        allowed=EVERYONE,
        persona="anonymous",
        prepare=_passkey_for_new_invitation,
    ),
    "portal:sign_in": Post(
        "signs in with a passkey (its sign count goes up)",
        changes=("portal.Passkey", *SESSION),
        allowed=EVERYONE,
        persona="anonymous",
        prepare=_passkey_answer,
    ),
    "portal:questionnaire_begin": Post(
        "opens the member's own questionnaire in their session (marked opened)",
        changes=("questionnaires.Invitation", *SESSION),
        allowed=frozenset({"member"}),
        persona="member",
    ),
    "portal:correction": Post(
        "sends the member's correction request (once per form key)",
        data=lambda org: {"text": "Dit klopt niet.", "form_key": "f" * 24},
        changes=("portal.CorrectionRequest", "audit.AccessLogEntry"),
        allowed=MEMBERS,
    ),
    "portal:copy": Post(
        "a download of the member's copy (the access-log row is its record)",
        data=lambda org: {"format": "json"},
        changes=("audit.AccessLogEntry",),
        allowed=MEMBERS,
    ),
    "portal:copy_file_download": Post(
        "hands the member's made copy over once (erased; the access-log row is its record)",
        changes=("families.PreparedFile", "audit.AccessLogEntry"),
        allowed=frozenset({"member"}),
        kwargs=lambda org: _member_file(org, ready=True),
    ),
    "portal:language": Post(
        "stores the member's language (the access-log row names the member)",
        data=lambda org: {"language": "en"},
        changes=("portal.MemberLanguage", "audit.AccessLogEntry"),
        allowed=MEMBERS,
    ),
    "portal:correction_answer": Post(
        "answers the correction request (once)",
        data=lambda org: {"answer": "Aangepast."},
        changes=("portal.CorrectionRequest", "audit.AccessLogEntry"),
        allowed=ADVISER,
    ),
    "portal:sign_out": Post(
        "ends the member's session (anyone else: nothing to end)",
        changes=SESSION,
        allowed=EVERYONE,
        persona="member",
    ),
}


# --- Ons plan (plan_views): the family's goals, scores and flags --------------------------------
# The whole family's goal (org.goal) is seen by both members of the family; a member of another
# family is refused it (404, a DENIED row for this family). A parent's own questionnaire answer
# is theirs: the young person in the family is refused it.

FAMILY_MEMBERS = frozenset({"member", "youth"})


def _goal(org):
    return {"pk": org.goal.pk}


def _parents_answer(org):
    from krachtbron.questionnaires.tests.factories import InvitationFactory

    invitation = InvitationFactory(member=org.member, created_by=org.adviser, answers={"g01": 2})
    return {"pk": invitation.response.answers.get().pk}


def _home(org, kwargs):
    from django.urls import reverse

    return reverse("portal:home")


def _open_flag(org):
    from krachtbron.portal.plan_actions import raise_talk_flag

    flag, _new = raise_talk_flag(org.member, goal=org.goal)
    return {"pk": flag.pk}


def _own_goal(org):
    """A goal Fatima (org.member) wrote herself, still a proposal: only she corrects it or
    takes it back; for Sem (who may see it) and everyone else it does not exist (404)."""
    from krachtbron.families.actions import add_family_goal

    goal = add_family_goal(
        org.member, text="Ik wil weer goed slapen", life_domain="gezondheid", for_whole_family=True
    )
    return {"pk": goal.pk}


ONLY_FATIMA = frozenset({"member"})

ROUTES += [
    Route("portal:goal_edit", _own_goal, allowed=ONLY_FATIMA, side="portal", family=True),
    Route("portal:goal_take_back", _own_goal, allowed=ONLY_FATIMA, side="portal", family=True),
]

OTHER_POSTS["portal:goal_edit"] = Post(
    "the writer corrects their own goal, at the version the form read (no new row)",
    data=lambda org: {
        "text": "Ik wil weer goed slapen, ook in het weekend",
        "life_domain": "gezondheid",
        "for_whom": "gezin",
        "version": "1",
    },
    changes=("families.Goal", "audit.AccessLogEntry"),
    allowed=ONLY_FATIMA,
)
OTHER_POSTS["portal:goal_take_back"] = Post(
    "the writer takes back their own goal (deleted; the access log keeps that it was)",
    data=lambda org: {"version": "1"},
    changes=("families.Goal", "audit.AccessLogEntry"),
    allowed=ONLY_FATIMA,
)

ROUTES += [
    Route("portal:talk_done", _open_flag, allowed=NOBODY),
    Route("portal:goal_add", allowed=MEMBERS, side="portal"),
    Route("portal:goal_score", _goal, allowed=FAMILY_MEMBERS, side="portal", family=True),
    Route(
        "portal:dimension_score",
        lambda org: {"dimension": "competence"},
        allowed=MEMBERS,
        side="portal",
    ),
    Route("portal:goal_talk", _goal, allowed=NOBODY, side="portal"),
    Route("portal:answer_talk", _parents_answer, allowed=NOBODY, side="portal"),
]

CREATE_FORMS += [
    CreateForm(
        "portal:goal_add",
        "families.Goal",
        lambda org: {
            "text": "Ik wil weer goed slapen",
            "life_domain": "gezondheid",
            "for_whom": "mij",
        },
        persona="member",
        allowed=MEMBERS,
    ),
    CreateForm(
        "portal:goal_score",
        "strengths.GoalScaling",
        lambda org: {"score": "5", "not_zero_because": "We eten al samen op zondag"},
        _goal,
        persona="youth",
        allowed=FAMILY_MEMBERS,
    ),
    CreateForm(
        "portal:dimension_score",
        "strengths.Scaling",
        lambda org: {"score": "7", "one_step_higher": "Vaker om hulp vragen"},
        lambda org: {"dimension": "social"},
        persona="member",
        allowed=MEMBERS,
    ),
    # One open flag per member and goal: flagging again changes nothing (no form key needed).
    CreateForm(
        "portal:goal_talk",
        "portal.TalkFlag",
        lambda org: {},
        _goal,
        persona="youth",
        page=_home,
        natural=True,
        allowed=FAMILY_MEMBERS,
    ),
]

OTHER_POSTS["portal:answer_talk"] = Post(
    "flags the member's own answer (one open flag per member and answer)",
    changes=("portal.TalkFlag",),
    allowed=frozenset({"member"}),
)
OTHER_POSTS["portal:talk_done"] = Post(
    "the adviser marks the flag talked about (once)",
    changes=("portal.TalkFlag",),
    allowed=ADVISER,
)


# --- Onze mensen (network_views, network_staff): the family's network and its proposals ------
# A person of the whole family is seen by both members of this family; a member of another
# family is refused it (404, a DENIED row). Fatima's proposal is withdrawn only by her.


def _person(org):
    from krachtbron.network.tests.factories import NetworkPersonFactory

    return {"pk": NetworkPersonFactory(family=org.family, label="Oma Aziza").pk}


def _network_proposal(org):
    from krachtbron.portal.network_actions import propose_person

    proposal = propose_person(org.member, label="Buurvrouw Els", relation="buurt", closeness=2)
    return {"pk": proposal.pk}


def _more_people(org):
    """Persons and proposals in both families: every member persona's page grows."""
    from krachtbron.network.tests.factories import NetworkPersonFactory
    from krachtbron.portal.network_actions import decline, propose_person, propose_stays

    for member in (org.member, org.other_member):
        persons = [
            NetworkPersonFactory(family=member.family, closeness=1 + n % 3) for n in range(6)
        ]
        propose_stays(member, persons[0], True)
        for n in range(3):
            proposal = propose_person(member, label=f"Vriend {n}", relation="vrienden", closeness=2)
            if n:
                adviser = member.family.advisers.first()
                decline(adviser, proposal, "Staat er al op")


def _people(org, kwargs):
    from django.urls import reverse

    return reverse("portal:people")


ROUTES += [
    Route("portal:people", allowed=MEMBERS, side="portal", list_page=True, grow=_more_people),
    Route("portal:people_propose", allowed=MEMBERS, side="portal"),
    Route("portal:people_stays", _person, allowed=NOBODY, side="portal"),
    Route("portal:people_withdraw", _network_proposal, allowed=NOBODY, side="portal"),
    Route("portal:network_confirm", _network_proposal, allowed=NOBODY),
    Route("portal:network_decline", _network_proposal, allowed=NOBODY),
]

CREATE_FORMS += [
    CreateForm(
        "portal:people_propose",
        "network.NetworkProposal",
        lambda org: {
            "label": "Trainer Bas",
            "relation": "sport_vereniging",
            "closeness": "2",
            "own_words": "Luistert goed",
            "for_whom": "mij",
        },
        persona="youth",
        allowed=MEMBERS,
    ),
    # One open "who stays" proposal per person: saying it again changes nothing.
    CreateForm(
        "portal:people_stays",
        "network.NetworkProposal",
        lambda org: {"blijft": "ja"},
        _person,
        persona="youth",
        page=_people,
        natural=True,
        allowed=FAMILY_MEMBERS,
    ),
]

OTHER_POSTS["portal:people_withdraw"] = Post(
    "the member takes back their own open proposal (a conditional update: once)",
    changes=("network.NetworkProposal",),
    allowed=frozenset({"member"}),
)
OTHER_POSTS["portal:network_confirm"] = Post(
    "the adviser confirms: the person goes on the map (a conditional update: once)",
    changes=("network.NetworkProposal", "network.NetworkPerson"),
    allowed=ADVISER,
)
OTHER_POSTS["portal:network_decline"] = Post(
    "the adviser does not take it over, with a reason the family reads (once)",
    data=lambda org: {"reason": "Staat er al op"},
    changes=("network.NetworkProposal",),
    allowed=ADVISER,
)


# --- Afspraken (agreement_views): what we agreed, add one, its status, an aanspreekpunt -------
# An agreement at the whole family's goal (org.goal) is seen by both members of the family; a
# member of another family is refused it (404, a DENIED row for this family).


def _agreement(org):
    from krachtbron.networkplan.tests.factories import AgreementFactory

    return {"pk": AgreementFactory(family=org.family, goal=org.goal).pk}


def _carer(org):
    from krachtbron.network.tests.factories import NetworkPersonFactory
    from krachtbron.networkplan.tests.factories import AgreementFactory

    person = NetworkPersonFactory(family=org.family, label="Tante Samira")
    AgreementFactory(family=org.family, goal=org.goal, performer_person=person)
    return {"pk": person.pk}


def _more_agreements(org):
    """Agreements, carers and suggestions in both families: every member persona's list grows."""
    from krachtbron.networkplan.tests.factories import grow_agreements

    for member in (org.member, org.other_member):
        grow_agreements(member.family, member, 3)


def _agreements_page(org, kwargs):
    from django.urls import reverse

    return reverse("portal:agreements")


ROUTES += [
    Route(
        "portal:agreements", allowed=MEMBERS, side="portal", list_page=True, grow=_more_agreements
    ),
    Route("portal:agreement_add", allowed=MEMBERS, side="portal"),
    Route("portal:agreement_status", _agreement, allowed=NOBODY, side="portal"),
    Route("portal:agreement_contact", _carer, allowed=FAMILY_MEMBERS, side="portal", family=True),
]

CREATE_FORMS += [
    CreateForm(
        "portal:agreement_add",
        "networkplan.Agreement",
        lambda org: {
            "goal": str(org.goal.pk),
            "text": "Oma haalt de kinderen op woensdag",
            "performer": "ik",
            "when": "woensdag",
        },
        persona="member",
        allowed=FAMILY_MEMBERS,
    ),
    CreateForm(
        "portal:agreement_contact",
        "networkplan.ContactPoint",
        lambda org: {"turns_to": "", "turns_to_text": "het buurtteam", "version": "0"},
        _carer,
        persona="youth",
        allowed=FAMILY_MEMBERS,
    ),
]

OTHER_POSTS["portal:agreement_status"] = Post(
    "the member sets gedaan, loopt or gestopt (optimistic locking)",
    data=lambda org: {"status": "gedaan", "version": "1"},
    changes=("networkplan.Agreement",),
    allowed=FAMILY_MEMBERS,
)


# --- Ons netwerkplan (networkplan_views, issue 15 B): the plan, its PDF, shares and consent -----
# Fatima (org.member) and Sem (org.youth, 15) see org.family's plan; Lotte (org.other_member) her
# own family's. A share made by Fatima holds a goal of Sem's: Sem is asked, and may withdraw it.


def _planned(org):
    from krachtbron.networkplan.tests.matrix import planned

    return planned(org)


def _more_network_plan(org):
    """More lines, agreements, goals and shares in both families' plans."""
    from krachtbron.network.tests.factories import NetworkPersonFactory
    from krachtbron.networkplan import plan_actions
    from krachtbron.networkplan.models import Agreement
    from krachtbron.networkplan.tests.share_helpers import share_all
    from krachtbron.testing.factories import GoalFactory

    _planned(org)
    for member in (org.member, org.other_member):
        family = member.family
        adviser = family.advisers.first()
        person = NetworkPersonFactory(family=family, label="Oom Ali")
        for text in ("Boodschappen", "Naar de dokter", "Oppassen"):
            plan_actions.add_call(adviser, family, person, text, "")
            goal = GoalFactory(family=family, text=text)
            Agreement.objects.create(family=family, goal=goal, text=text, performer_member=member)
            plan_actions.choose_goals(adviser, family, [goal.pk], [goal.pk])
        plan_actions.mark_ready(adviser, family)
        for _ in range(3):
            share_all(member, person)


_SHARES: dict[int, str] = {}


def _share_about_youth(org):
    """Fatima shares the plan with a goal of Sem's in it: Sem's yes is asked."""
    from krachtbron.networkplan import plan_actions
    from krachtbron.networkplan.tests.share_helpers import share_all
    from krachtbron.testing.factories import GoalFactory

    made = _planned(org)
    goal = GoalFactory(family=org.family, member=org.youth, text="Zelf naar school fietsen")
    plan_actions.choose_goals(org.adviser, org.family, [goal.pk], [goal.pk])
    share, token = share_all(org.member, made.aunt)
    _SHARES[share.pk] = token
    return {"pk": share.pk}


def _its_share_token(client, org, kwargs):
    return {"token": _SHARES[kwargs["pk"]]}


def _shown_parts(client, org, kwargs):
    """The fingerprints the "Mag dit?" card shows this client (consent is for what was read,
    ``networkplan.share_consents``); none when it shows no card."""
    import re

    from django.urls import reverse

    page = client.get(reverse("portal:network_plan")).content.decode()
    start = page.find(f'id="vraag-{kwargs["pk"]}"')
    card = page[start : page.find("</form>", start)] if start >= 0 else ""
    return {"deel": re.findall(r'name="deel" value="([0-9a-f]{64})"', card)}


def _network_plan_page(org, kwargs):
    from django.urls import reverse

    return reverse("portal:network_plan")


def _share_data(org):
    made = _planned(org)
    return {
        "person": made.aunt.pk,
        "calls": [made.call.pk],
        "agreements": [made.agreement.pk],
        "goals": [org.goal.pk],
    }


def _call_data(org):
    return {
        "person": _planned(org).aunt.pk,
        "call_for": "Als ik ziek ben",
        "phone": "+32 470 12 34 56",
    }


def _plan_goal(org):
    _planned(org)
    return {"goals": []}  # take org.goal out of the plan


ROUTES += [
    Route(
        "portal:network_plan",
        allowed=MEMBERS,
        side="portal",
        list_page=True,
        grow=_more_network_plan,
    ),
    Route("portal:network_plan_pdf", allowed=MEMBERS, side="portal"),
    Route("portal:network_plan_call", allowed=MEMBERS, side="portal"),
    Route(
        "portal:network_plan_call_remove",
        lambda org: {"pk": _planned(org).call.pk},
        allowed=NOBODY,
        side="portal",
    ),
    Route("portal:network_plan_goals", allowed=NOBODY, side="portal"),
    Route("portal:network_plan_ready", allowed=NOBODY, side="portal"),
    Route("portal:share_new", allowed=MEMBERS, side="portal"),
    Route("portal:share_withdraw", _share_about_youth, allowed=NOBODY, side="portal"),
    Route("portal:share_consent", _share_about_youth, allowed=NOBODY, side="portal"),
    Route("portal:share_print", _share_about_youth, allowed=NOBODY, side="portal"),
    Route("portal:share_pdf", _share_about_youth, allowed=NOBODY, side="portal"),
]

CREATE_FORMS += [
    CreateForm(
        "portal:network_plan_call",
        "networkplan.PlanCall",
        _call_data,
        persona="member",
        allowed=FAMILY_MEMBERS,
    ),
    CreateForm(
        "portal:share_new",
        "networkplan.Share",
        _share_data,
        lambda org: (_planned(org), {})[1],  # the plan is ready before the form's page opens
        persona="member",
        allowed=FAMILY_MEMBERS,
    ),
]

OTHER_POSTS["portal:network_plan_call_remove"] = Post(
    "takes the line out of the family's plan",
    changes=("networkplan.PlanCall", "audit.AccessLogEntry"),
    allowed=FAMILY_MEMBERS,
)
OTHER_POSTS["portal:network_plan_goals"] = Post(
    "chooses the goals in the member's own family's plan (of the goals they may see)",
    data=_plan_goal,
    changes=("networkplan.NetworkPlan", "audit.AccessLogEntry"),
    allowed=MEMBERS,
    persona="member",
)
OTHER_POSTS["portal:network_plan_ready"] = Post(
    "marks the member's own family's plan ready (once)",
    changes=("networkplan.NetworkPlan", "audit.AccessLogEntry"),
    allowed=MEMBERS,
    persona="member",
)
OTHER_POSTS["portal:share_withdraw"] = Post(
    "withdraws the share (a conditional update: once)",
    changes=("networkplan.Share", "audit.AccessLogEntry"),
    allowed=FAMILY_MEMBERS,
    persona="youth",
)
OTHER_POSTS["portal:share_consent"] = Post(
    "Sem says yes to his goal in the share",
    data=lambda org: {"toestemming": "ja"},
    changes=("networkplan.ShareConsent", "audit.AccessLogEntry"),
    allowed=FAMILY_MEMBERS,
    persona="youth",
    prepare=_shown_parts,
)
OTHER_POSTS["portal:share_print"] = Post(
    "a printable page with the share's link (the access-log row is its record)",
    changes=("audit.AccessLogEntry",),
    allowed=FAMILY_MEMBERS,
    prepare=_its_share_token,
)
OTHER_POSTS["portal:share_pdf"] = Post(
    "the share's link as PDF (the access-log row is its record)",
    changes=("audit.AccessLogEntry",),
    allowed=FAMILY_MEMBERS,
    prepare=_its_share_token,
)


# Sending a share's link (share_send_views): the forms are only on the link page, the
# response to the POST that made the share, and post its token back (as printing does).
def _failed_share_message(org):
    """A share message of Fatima's to the aunt that failed, its address still kept."""
    from krachtbron.sending import actions as sending
    from krachtbron.sending.models import Channel, Delivery, Status

    kwargs = _share_about_youth(org)
    share_pk = kwargs["pk"]
    from krachtbron.networkplan.models import Share

    share = Share.objects.get(pk=share_pk)
    delivery = sending.queue_share(
        org.member,
        network_person_id=share.person_id,
        share_id=share.pk,
        channel=Channel.SMS,
        to="+31612345678",
        link="http://testserver/gedeeld/l/" + _SHARES[share.pk],
        expires_at=share.expires_at,
        language="nl",
    )
    Delivery.objects.filter(pk=delivery.pk).update(status=Status.FAILED)
    return {"pk": delivery.pk}


ROUTES += [
    Route("portal:share_send", _share_about_youth, allowed=NOBODY, side="portal"),
    Route("portal:share_together", _share_about_youth, allowed=NOBODY, side="portal"),
    Route("portal:share_send_again", _failed_share_message, allowed=NOBODY, side="portal"),
]
OTHER_POSTS["portal:share_send"] = Post(
    "queues the share's link by SMS to the person it is for (a Delivery and its task; a form "
    "key against a double click: test_share_send posts twice)",
    data=lambda org: {"channel": "sms", "number": "06 1234 5678"},
    changes=("sending.Delivery", "audit.AccessLogEntry"),
    allowed=FAMILY_MEMBERS,
    prepare=_its_share_token,
)
OTHER_POSTS["portal:share_together"] = Post(
    "shows the member what the person sees (the access-log row is its record)",
    changes=("audit.AccessLogEntry",),
    allowed=FAMILY_MEMBERS,
    prepare=_its_share_token,
)
OTHER_POSTS["portal:share_send_again"] = Post(
    "queues the failed share message again (a conditional update: once)",
    changes=("sending.Delivery", "audit.AccessLogEntry"),
    allowed=FAMILY_MEMBERS,
)
