"""Access matrix declarations for every questionnaire route (SECURITY.md 6, 8)."""

from krachtbron.questionnaires.family_session import SESSION_KEY
from krachtbron.testing.forms import CreateForm, Post
from krachtbron.testing.matrix import PERSONAS, Route

ADVISER = frozenset({"adviser"})
NOBODY = frozenset()  # POST-only routes: a GET is 405 for everyone


def _family(org):
    return {"pk": org.family.pk}


def _invitation(org):
    from krachtbron.questionnaires.tests.factories import invite

    invitation, _token = invite(org.member, org.adviser)
    return {"pk": invitation.pk}


def _response(org):
    from krachtbron.questionnaires.tests.factories import completed_response

    response = completed_response(org.member, org.adviser, {"g01": 3})
    return {"pk": response.pk}


def _token(org):
    from krachtbron.questionnaires.tests.factories import invite

    _invitation_obj, token = invite(org.member, org.adviser)
    return {"token": token}


# The link of an invitation is shown once and stored only as a hash: the POST matrix keeps the
# tokens it made here, to post them back as the print forms do.
_TOKENS: dict[int, str] = {}


def _invitation_with_token(org):
    from krachtbron.questionnaires.tests.factories import invite

    invitation, token = invite(org.member, org.adviser)
    _TOKENS[invitation.pk] = token
    return {"pk": invitation.pk}


def _its_token(client, org, kwargs):
    return {"token": _TOKENS[kwargs["pk"]]}


def _family_session(client, org, kwargs):
    """A family session for a fresh invitation of org.member, as a first visit leaves it.

    Staff personas get it on top of their signed-in session, family members on top of their
    Mijn Krachtbron session: the questionnaire's pages must refuse both.
    """
    from krachtbron.questionnaires.tests.factories import invite

    invitation, _token = invite(org.member, org.adviser)
    session = client.session
    session[SESSION_KEY] = invitation.pk
    session.save()


def _family_session_done(client, org, kwargs):
    from krachtbron.questionnaires import actions
    from krachtbron.questionnaires.tests.factories import invite

    invitation, _token = invite(org.member, org.adviser)
    actions.save_answer(invitation, "g01", 2)
    invitation.refresh_from_db()
    actions.submit_response(invitation)
    session = client.session
    session[SESSION_KEY] = invitation.pk
    session.save()


FAMILY = frozenset({"anonymous"})


# --- How the lists grow (krachtbron/testing/test_list_queries.py) ------------------------------


def _more_questionnaires(org):
    """Invitations (open, filled in, withdrawn) and answered questionnaires of several members:
    the tab lists them and draws a trend per member."""
    from krachtbron.questionnaires import actions
    from krachtbron.questionnaires.tests.factories import completed_response, invite
    from krachtbron.testing.factories import MemberFactory

    young = MemberFactory(family=org.family, first_name="Amir", role="jeugdige", birth_year=2010)
    for member in (org.member, young):
        invite(member, org.adviser)
        withdrawn, _token = invite(member, org.adviser, moment="tussentijds")
        actions.withdraw_invitation(org.adviser, withdrawn)
        for moment in ("begin", "tussentijds"):
            completed_response(member, org.adviser, {"g01": 3, "g02": 1, "g05": 4}, moment=moment)


def _more_to_compare(org):
    """Earlier answers of the same member and answers of other members at the same moment."""
    from krachtbron.questionnaires.tests.factories import completed_response
    from krachtbron.testing.factories import MemberFactory

    completed_response(org.member, org.adviser, {"g01": 1, "g02": 2})
    for name in ("Amir", "Noor"):
        other = MemberFactory(family=org.family, first_name=name, role="jeugdige", birth_year=2009)
        completed_response(other, org.adviser, {"g01": 4, "g03": 0})


ROUTES = [
    Route(
        "questionnaires:family",
        _family,
        allowed=ADVISER,
        family=True,
        list_page=True,
        grow=_more_questionnaires,
    ),
    Route("questionnaires:invite", _family, allowed=ADVISER, family=True),
    Route("questionnaires:invitation", _invitation, allowed=ADVISER, family=True),
    Route("questionnaires:withdraw", _invitation, allowed=NOBODY),
    Route("questionnaires:resend", _invitation, allowed=NOBODY),
    Route("questionnaires:handover", _invitation, allowed=NOBODY),
    Route("questionnaires:print", _invitation, allowed=NOBODY),
    Route("questionnaires:pdf", _invitation, allowed=NOBODY),
    Route("questionnaires:send_email", _invitation, allowed=NOBODY),
    Route(
        "questionnaires:response",
        _response,
        allowed=ADVISER,
        family=True,
        list_page=True,
        grow=_more_to_compare,
    ),
    # The personal link: every visitor is sent on (302) to the token-free form, never a 200.
    Route("questionnaires:open", _token, allowed=NOBODY, public=True),
    # Family pages: only an anonymous visitor holding the family session gets them.
    Route("questionnaires:form_start", allowed=FAMILY, public=True, setup=_family_session),
    Route(
        "questionnaires:form_question",
        lambda org: {"number": 1},
        allowed=FAMILY,
        public=True,
        setup=_family_session,
    ),
    Route("questionnaires:form_review", allowed=FAMILY, public=True, setup=_family_session),
    Route("questionnaires:form_done", allowed=FAMILY, public=True, setup=_family_session_done),
    Route("questionnaires:form_autosave", allowed=NOBODY, public=True, setup=_family_session),
    Route("questionnaires:form_submit", allowed=NOBODY, public=True, setup=_family_session),
]


# --- Forms that post (krachtbron/testing/forms.py) ----------------------------------------------


def _invitation_page(org, kwargs):
    from django.urls import reverse

    return reverse("questionnaires:invitation", kwargs=kwargs)


CREATE_FORMS = [
    CreateForm(
        "questionnaires:invite",
        "questionnaires.Invitation",
        lambda org: {"member": org.member.pk, "moment": "begin", "language": "nl"},
        _family,
    ),
    # "Nieuwe link maken": withdraws the old link and makes one new one, not two.
    CreateForm(
        "questionnaires:resend",
        "questionnaires.Invitation",
        lambda org: {},
        _invitation,
        page=_invitation_page,
    ),
]

ANSWERS = ("questionnaires.Answer",)

OTHER_POSTS = {
    # Sending the link by e-mail: one Delivery (a form key against a double click: the
    # sending tests post twice). Its form is only on the share page, a POST's response.
    "questionnaires:send_email": Post(
        "queues the link by e-mail (a Delivery and its task)",
        lambda org: {"address": "ouder@example.org", "language": "nl"},
        changes=("sending.Delivery",),
        allowed=ADVISER,
        kwargs=_invitation_with_token,
        prepare=_its_token,
    ),
    "questionnaires:withdraw": Post(
        "withdraws (a conditional update: once)",
        changes=("questionnaires.Invitation",),
        allowed=ADVISER,
    ),
    "questionnaires:handover": Post(
        "hands the device over (signs the adviser out)",
        changes=("questionnaires.Invitation", "sessions.Session"),
        allowed=ADVISER,
    ),
    "questionnaires:print": Post(
        "a printable page (the access-log row is its record)",
        changes=("audit.AccessLogEntry",),
        allowed=ADVISER,
        kwargs=_invitation_with_token,
        prepare=_its_token,
    ),
    "questionnaires:pdf": Post(
        "a download (the access-log row is its record)",
        changes=("audit.AccessLogEntry",),
        allowed=ADVISER,
        kwargs=_invitation_with_token,
        prepare=_its_token,
    ),
    # The page a signed-in staff member sees on a family link: only its deliberate POST signs
    # them out and opens the questionnaire. Everyone holding the link may.
    "questionnaires:open": Post(
        "exchanges the link for a family session",
        changes=("questionnaires.Invitation", "sessions.Session"),
        allowed=frozenset(PERSONAS),  # a member's Mijn Krachtbron session ends too
        persona="anonymous",
    ),
    "questionnaires:form_question": Post(
        "the family's answer: one per item (unique), SECURITY.md 24",
        lambda org: {"value": "3"},
        changes=ANSWERS,
    ),
    "questionnaires:form_autosave": Post(
        "the family's answer: one per item (unique), SECURITY.md 24",
        lambda org: {"item": "g01", "value": "3"},
        changes=ANSWERS,
        allowed=FAMILY,
    ),
    "questionnaires:form_submit": Post(
        "the final submit, idempotent itself (SECURITY.md 23)",
        changes=("questionnaires.Response", "questionnaires.Invitation"),
        allowed=FAMILY,
    ),
}
