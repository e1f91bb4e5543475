"""Every page a family member, or someone a family shares with, can see: rendered for measuring.

``family_pages(org)`` returns one ``Page`` per route and state that shows other text: every
route under ``settings.FAMILY_URL_PREFIXES`` found in the URL configuration (GET as the persona
who may see it, after filling the family's file so each part shows), the questionnaire from its
start through every question to the thank-you page, every problem page of a link, the error
pages as a family sees them, the messages (e-mail and SMS) and the text of the PDFs (the HTML
they are made from). ``NOT_PAGES`` names the family routes that never show a page of their own,
with why; ``test_family_readability`` fails for a family route that is in neither.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.db import SessionStore
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from krachtbron.testing.matrix import declared_routes
from krachtbron.testing.personas import client_for

#: The text of these is not the application's own: user text is in <bdi> (lib/bidi.py), the
#: instrument's items and the labels of its scale keep the handreiking's exact wording
#: (f-question, f-review__q, f-option, f-label, portal-item), a link's address is no prose, and
#: the rows of "Wie keek mee" (portal-log) are records of the access log (a date, a name, what
#: was done, and where: the log's own labels, shared with the staff's access log), not prose.
SKIP_TAGS = frozenset({"bdi", "script", "style"})
SKIP_CLASSES = frozenset(
    {"f-question", "f-review__q", "f-option", "f-label", "portal-item", "portal-log", "link"}
)

#: Family routes that never render a page of their own on a GET, and why.
NOT_PAGES = {
    "portal:goal_talk": "a POST (a button on Ons plan); answers with a redirect",
    "portal:answer_talk": "a POST (a button on a result); answers with a redirect",
    "portal:agreement_status": "a POST (a button on Afspraken); answers with a redirect",
    "portal:people_stays": "a POST (a button on Onze mensen); answers with a redirect",
    "portal:people_withdraw": "a POST (a button on Onze mensen); answers with a redirect",
    "portal:network_plan_call_remove": "a POST (a button on the netwerkplan); a redirect",
    "portal:network_plan_goals": "a POST (a form on the netwerkplan); answers with a redirect",
    "portal:network_plan_ready": "a POST (a button on the netwerkplan); answers with a redirect",
    "portal:share_consent": "a POST (the yes/no card on the netwerkplan); a redirect",
    "portal:share_send": "a POST (the link page's form); answers with a redirect",
    "portal:share_withdraw": "a POST (a button on the netwerkplan); answers with a redirect",
    "portal:share_send_again": "a POST (a button on the netwerkplan); answers with a redirect",
    "portal:questionnaire_begin": "a POST that opens the questionnaire (measured on its own)",
    "portal:correction": "a POST (a form on Ons dossier); answers with a redirect",
    "portal:copy": "a POST (a button on Ons dossier); answers with a redirect",
    "portal:copy_file_download": "a file download (the member's copy, measured elsewhere)",
    "portal:language": "a POST (a form on Ons dossier); answers with a redirect",
    "portal:sign_out": "a POST; answers with a redirect to the sign-in page",
    "portal:welcome": "only after opening an invitation (measured as a state of portal:open)",
    "portal:share_pdf": "a PDF of the printed page (portal:share_print is measured)",
    "questionnaires:form_autosave": "JSON for the page's script; the page shows its words",
    "questionnaires:form_submit": "a POST (the review's button); answers with a redirect",
}


@dataclass(frozen=True)
class Page:
    route: str  # the URL name, or a name for what is not a route (errors, mail, sms)
    state: str
    html: str


def family_route_names(resolver: URLResolver | None = None, prefix: str = "", path: str = "/"):
    """The URL names of every route under a family URL prefix."""
    names: set[str] = set()
    for entry in (resolver or get_resolver()).url_patterns:
        here = path + str(entry.pattern).lstrip("^").removesuffix("$")
        if isinstance(entry, URLResolver):
            namespace = f"{prefix}{entry.namespace}:" if entry.namespace else prefix
            names |= family_route_names(entry, namespace, here)
        elif isinstance(entry, URLPattern) and here.startswith(settings.FAMILY_URL_PREFIXES):
            names.add(prefix + str(entry.name))
    return names


def _visitor(route: Any) -> str | None:
    """The persona who sees the route as a family does."""
    for persona in ("member", "youth", "other_member", "anonymous"):
        if persona in route.allowed:
            return persona
    return None


def _is_page(response: Any) -> bool:
    return response.status_code == 200 and response["Content-Type"].startswith("text/html")


def routed_pages(org: Any) -> Iterator[Page]:
    """Each family route, as its matrix declares it, GET as the family persona who may see it."""
    names = family_route_names()
    for route in declared_routes():
        persona = _visitor(route)
        if route.url_name not in names or route.url_name in NOT_PAGES or persona is None:
            continue
        client = client_for(org, persona)
        kwargs = route.kwargs(org) if route.kwargs else {}
        if route.setup is not None:
            route.setup(client, org, kwargs)
        response = client.get(reverse(route.url_name, kwargs=kwargs))
        if _is_page(response):
            yield Page(route.url_name, "as declared", response.content.decode())


def _request(path: str) -> Any:
    request = RequestFactory().get(path)
    request.user = AnonymousUser()
    request.session = SessionStore()
    return request


def template_states() -> Iterator[Page]:
    """Problem pages in each of their states, rendered from their templates (a state such as
    "too many tries" is slow to reach through the view and shows only this text)."""
    states: list[tuple[str, str, str, list[dict[str, Any]]]] = [
        (
            "questionnaires:open",
            "/v/x",
            "questionnaires/family/problem.html",
            [{"problem": p} for p in ("unknown", "expired", "withdrawn", "completed", "throttled")],
        ),
        (
            "portal:open",
            "/mijn/l/x",
            "portal/problem.html",
            [
                {"problem": p}
                for p in ("unknown", "used", "expired", "withdrawn", "closed", "throttled")
            ],
        ),
        (
            "networkplan:open_share",
            "/gedeeld/l/x",
            "networkplan/share_problem.html",
            [
                {"problem": p}
                for p in ("unknown", "expired", "access_ended", "throttled", "withdrawn")
            ],
        ),
        (
            "networkplan:open_share",
            "/gedeeld/l/x",
            "networkplan/share_other_session.html",
            [{}],
        ),
        (
            "aftercare:checkin_link",
            "/mijn/nazorg/l/x",
            "aftercare/link_problem.html",
            [{}, {"throttled": True}],
        ),
        (
            "aftercare:checkin_link",
            "/mijn/nazorg/l/x",
            "aftercare/link_other_session.html",
            [{}],
        ),
        (
            "sending:stop",
            "/geen-berichten/x/",
            "sending/stop.html",
            [{"done": d, "network": n} for d in (False, True) for n in (False, True)],
        ),
        (
            "sending:stop",
            "/geen-berichten/x/",
            "sending/stop_unknown.html",
            [{}, {"throttled": True}],
        ),
    ]
    for route, path, template, contexts in states:
        for context in contexts:
            html = render_to_string(template, context, request=_request(path))
            yield Page(route, f"{template} {context}", html)


def statement_page() -> Iterator[Page]:
    """The accessibility statement: not under a family prefix (it is for everyone), but every
    family page links to it."""
    yield Page("accessibility", "anyone", Client().get(reverse("accessibility")).content.decode())


def error_pages() -> Iterator[Page]:
    """The error pages as anyone sees them (they need no request: lib/errors.py)."""
    from krachtbron.lib.errors import CSRF_TEMPLATE, TEMPLATES, page_html

    for status, template in TEMPLATES.items():
        yield Page("errors", str(status), page_html(template))
    yield Page("errors", "csrf", page_html(CSRF_TEMPLATE))


def questionnaire_pages(org: Any) -> Iterator[Page]:
    """The family questionnaire from the link to the thank-you page: start, each question,
    the review with a skipped question, done; the start again when half-way; the page a
    staff session gets for a family's link."""
    from krachtbron.questionnaires.tests.factories import invite

    _invitation, token = invite(org.member, org.adviser)
    family = Client()
    family.get(reverse("questionnaires:open", args=[token]))
    yield Page(
        "questionnaires:form_start",
        "new",
        family.get(reverse("questionnaires:form_start")).content.decode(),
    )
    number = 1
    while True:
        page = family.get(reverse("questionnaires:form_question", args=[number]))
        if page.status_code != 200:
            break
        yield Page("questionnaires:form_question", str(number), page.content.decode())
        if number == 1:
            again = family.get(reverse("questionnaires:form_start")).content.decode()
            yield Page("questionnaires:form_start", "half-way", again)
        item = _item_on(page.content.decode())
        action = "skip" if number == 2 else "next"
        family.post(page.request["PATH_INFO"], {"item": item, "value": "3", "action": action})
        number += 1
    assert number > 13, number  # every question was shown
    yield Page(
        "questionnaires:form_review",
        "one skipped",
        family.get(reverse("questionnaires:form_review")).content.decode(),
    )
    family.post(reverse("questionnaires:form_submit"))
    yield Page(
        "questionnaires:form_done",
        "sent",
        family.get(reverse("questionnaires:form_done")).content.decode(),
    )
    _invitation, token = invite(org.youth, org.adviser)
    staff = client_for(org, "adviser")
    yield Page(
        "questionnaires:open",
        "staff session",
        staff.get(reverse("questionnaires:open", args=[token])).content.decode(),
    )


def _item_on(html: str) -> str:
    marker = 'name="item" value="'
    start = html.index(marker) + len(marker)
    return html[start : html.index('"', start)]


def link_pages(org: Any) -> Iterator[Page]:
    """The first pages of the personal links, as opened (the problems are template states)."""
    from krachtbron.portal import actions
    from krachtbron.portal.models import MemberLink
    from krachtbron.testing.portal import invitation_link, one_time_link

    visitor = Client()
    path = invitation_link(org.member)
    yield Page("portal:open", "invitation", visitor.get(path).content.decode())
    visitor.post(path)
    yield Page("portal:open", "welcome", visitor.get(reverse("portal:welcome")).content.decode())
    yield Page("portal:open", "one-time", Client().get(one_time_link(org.youth)).content.decode())
    link, token = actions.make_one_time_link(org.adviser, org.other_member)
    MemberLink.objects.filter(pk=link.pk).update(expires_at=timezone.now() - timedelta(1))
    yield Page(
        "portal:open",
        "expired",
        Client().get(reverse("portal:open", args=[token])).content.decode(),
    )
    for code in ("ABC", "A" * 20):
        answer = Client().post(reverse("portal:code"), {"code": code})
        yield Page("portal:code", f"typed {code}", answer.content.decode())


def message_texts(org: Any) -> Iterator[Page]:
    """Every message a family member gets, by e-mail (text and HTML) and SMS, first and
    reminder, as HTML blocks (one paragraph per line of the text)."""
    from django.utils.html import escape

    from krachtbron.sending import mail, sms
    from krachtbron.sending.models import Channel, Purpose
    from krachtbron.sending.tests.helpers import queue_any

    link = "http://127.0.0.1:8000/v/" + "a" * 43
    for purpose in Purpose:
        for channel in (Channel.EMAIL, Channel.SMS):
            to = "ouder@example.org" if channel == Channel.EMAIL else "+31612345678"
            delivery = queue_any(
                org,
                purpose,
                channel=channel,
                subject_id=1,
                to=to,
                link=link,
                expires_at=timezone.now() + timedelta(days=14),
                language="nl",
            )
            if channel == Channel.EMAIL:
                subject, text, html = mail.render_message(delivery, link)
                yield Page("mail", f"{purpose} html", html)
            else:
                subject, text = "", sms.render_text(delivery, link)
            lines = [subject, *(line for line in text.splitlines() if "http" not in line)]
            yield Page(
                "mail" if channel == Channel.EMAIL else "sms",
                f"{purpose} text",
                "".join(f"<p>{escape(line)}</p>" for line in lines if line.strip()),
            )


def posted_pages(org: Any) -> Iterator[Page]:
    """What a family route's POST shows when it shows a page: with the valid data its matrix
    declares (a link to share, a printed page), and with nothing filled in (the form's
    messages). Each inside a savepoint that is rolled back."""
    from django.db import transaction

    from krachtbron.testing.test_post_matrix import CASES

    names = family_route_names()
    for case in CASES:
        family = [p for p in ("member", "youth", "other_member", "anonymous") if p in case.allowed]
        if case.url_name not in names or not family:
            continue
        persona = case.declaration.persona or family[0]
        kwargs = case.kwargs(org)
        for state, valid in (("posted", True), ("posted empty", False)):
            with transaction.atomic():
                client = client_for(org, persona)
                if case.route.setup is not None:
                    case.route.setup(client, org, kwargs)
                data = case.data(org) if valid else {}
                prepare = getattr(case.declaration, "prepare", None)
                if prepare is not None:
                    extra = prepare(client, org, kwargs) or {}
                    data.update(extra if valid else {})
                response = client.post(reverse(case.url_name, kwargs=kwargs), data)
                if _is_page(response):
                    yield Page(case.url_name, state, response.content.decode())
                transaction.set_rollback(True)
