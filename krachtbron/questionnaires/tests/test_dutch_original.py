"""The Dutch original one tap away on the family questionnaire (docs/talen.md): with
``?origineel=nl`` the whole page is Dutch, the items included, exactly as in the Dutch
instrument file; answers are stored against the same item ids whatever language the page
showed. Mijn Krachtbron's questionnaire pages show the items in the page's language (the
member's, or Dutch)."""

import html
import re

from django.test import Client
from django.urls import reverse

from krachtbron.instruments import get_instrument
from krachtbron.portal import actions as portal_actions
from krachtbron.questionnaires.models import Answer
from krachtbron.questionnaires.tests.factories import (
    ALL_ITEMS,
    InvitationFactory,
    completed_response,
    invite,
    open_link,
)
from krachtbron.testing.portal import sign_in_member

FAMILIES = "kracht-gezinnen"
DUTCH = get_instrument(FAMILIES, "nl")
ARABIC = get_instrument(FAMILIES, "ar")


def _text(response) -> str:  # type: ignore[no-untyped-def]
    return html.unescape(response.content.decode())


def _banner_link(page: str) -> str:
    link = re.search(r'<a href="([^"]+)" lang="nl" hreflang="nl">Nederlands</a>', page)
    assert link, "a page in a concept language links to the Dutch original"
    return html.unescape(link.group(1))


def _arabic_client(org) -> Client:  # type: ignore[no-untyped-def]
    _invitation, token = invite(org.member, org.adviser, language="ar")
    client = Client()
    open_link(client, token)
    return client


def test_a_question_in_dutch_shows_the_dutch_item_and_scale_and_stores_the_same_item(org):
    client = _arabic_client(org)
    url = reverse("questionnaires:form_question", args=[1])
    arabic = _text(client.get(url))
    assert ARABIC.items[0].text in arabic and DUTCH.items[0].text not in arabic
    original = _banner_link(arabic)
    assert original == f"{url}?origineel=nl"

    dutch = client.get(original)
    page = _text(dutch)
    assert dutch["Content-Language"] == "nl" and '<html lang="nl" dir="ltr">' in page
    assert DUTCH.items[0].text in page and ARABIC.items[0].text not in page
    assert all(option.label in page for option in DUTCH.scale)
    assert not any(option.label in page for option in ARABIC.scale)
    assert re.search(r'<p class="concept-banner"><a href="[^"]+" lang="ar"', page)

    # Answering on the Dutch page stores the same item id as on the Arabic one.
    posted = client.post(original, {"value": "3", "action": "next"})
    assert posted.status_code == 302
    assert list(Answer.objects.values_list("item_id", "value")) == [(DUTCH.items[0].id, 3)]
    # Nothing was stored about the language: the next page is Arabic again.
    assert ARABIC.items[1].text in _text(client.get(posted["Location"]))


def test_start_review_and_done_pages_in_dutch(org):
    client = _arabic_client(org)
    start = reverse("questionnaires:form_start")
    arabic = _text(client.get(start))
    assert ARABIC.title in arabic and ARABIC.translation_note in arabic
    dutch = _text(client.get(_banner_link(arabic)))
    assert DUTCH.title in dutch and ARABIC.title not in dutch
    assert ARABIC.translation_note not in dutch and DUTCH.introduction in dutch

    for number in range(1, len(DUTCH.items) + 1):
        client.post(
            reverse("questionnaires:form_question", args=[number]),
            {"value": "2", "action": "next"},
        )
    review = reverse("questionnaires:form_review")
    arabic = _text(client.get(review))
    assert all(item.text in arabic for item in ARABIC.items)
    dutch = _text(client.get(_banner_link(arabic)))
    assert all(item.text in dutch for item in DUTCH.items)
    assert not any(item.text in dutch for item in ARABIC.items)
    assert DUTCH.scale_label(2) in dutch

    client.post(reverse("questionnaires:form_submit"))
    done = reverse("questionnaires:form_done")
    arabic = _text(client.get(done))
    assert '<html lang="ar" dir="rtl">' in arabic
    dutch = client.get(_banner_link(arabic))
    assert dutch.status_code == 200 and dutch["Content-Language"] == "nl"
    assert dict(Answer.objects.values_list("item_id", "value")) == dict.fromkeys(ALL_ITEMS, 2)


def test_mijn_krachtbron_shows_questionnaires_in_the_members_language_or_dutch(org):
    portal_actions.choose_language(org.member, "ar")
    InvitationFactory(member=org.member, created_by=org.adviser)  # a Dutch invitation
    # Answered in Dutch; the member now reads Arabic.
    response = completed_response(org.member, org.adviser, dict.fromkeys(ALL_ITEMS, 4))
    client = sign_in_member(Client(), org.member)

    listed = _text(client.get(reverse("portal:questionnaires")))
    assert ARABIC.title in listed
    assert DUTCH.title in _text(client.get(_banner_link(listed)))

    result_url = reverse("portal:questionnaire_result", args=[response.pk])
    arabic = _text(client.get(result_url))
    assert all(item.text in arabic for item in ARABIC.items)
    assert not any(item.text in arabic for item in DUTCH.items)
    dutch = _text(client.get(_banner_link(arabic)))
    assert all(item.text in dutch for item in DUTCH.items)
    assert not any(item.text in dutch for item in ARABIC.items)


def test_an_expired_link_page_in_a_concept_language_has_the_banner(org):
    """A dead link speaks the invitation's language (lib.family_language), so it says it is a
    concept and links to the Dutch page too."""
    from django.utils import timezone

    from krachtbron.questionnaires.models import Invitation

    invitation, token = invite(org.member, org.adviser, language="ar")
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now())
    link = reverse("questionnaires:open", args=[token])
    client = Client()
    arabic = client.get(link)
    page = _text(arabic)
    assert arabic.status_code >= 400 and '<html lang="ar" dir="rtl">' in page
    dutch = client.get(_banner_link(page))
    assert '<html lang="nl" dir="ltr">' in _text(dutch) and dutch.status_code == arabic.status_code
