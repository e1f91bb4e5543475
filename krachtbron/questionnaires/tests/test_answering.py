"""Answering at one's own pace (issue 17, item 2): a page moves on only on a button, "Volgende"
with nothing chosen asks whether to skip, "Wijzig" on the review returns to the review, every
step of the scale shows its number and a face, and repeated saves stay one answer. All of it
works without JavaScript: these are the plain form posts."""

import re
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from krachtbron.audit.models import AccessKind, AccessLogEntry
from krachtbron.questionnaires.models import Answer
from krachtbron.questionnaires.tests.factories import invite, open_link

pytestmark = pytest.mark.django_db
REVIEW = reverse("questionnaires:form_review")
ASK = "Je hebt nog niets gekozen. Wil je deze vraag overslaan?"
STATIC = Path(__file__).resolve().parents[1] / "static" / "questionnaires"


def _family(org):
    _invitation, token = invite(org.member, org.adviser)
    client = Client()
    open_link(client, token)
    return client


def _q(number, change=False):
    url = reverse("questionnaires:form_question", args=[number])
    return url + "?wijzig=1" if change else url


def _answers():
    return sorted(Answer.objects.values_list("item_id", "value"))


# --- Volgende with nothing chosen ---------------------------------------------------------------


def test_volgende_with_nothing_chosen_asks_whether_to_skip_and_saves_nothing(org):
    client = _family(org)
    page = client.post(_q(3), {"action": "next"})
    body = page.content.decode()
    assert page.status_code == 200 and ASK in body
    assert "<title>Niets gekozen · Vraag 3 van 13" in body  # said first when the page opens
    assert 'name="action" value="skip"' in body and "Ja, overslaan" in body
    assert f'href="{_q(3)}">Nee, terug naar de vraag</a>' in body
    assert not Answer.objects.exists()
    # The page shown is a look at the questionnaire like any other.
    assert AccessLogEntry.objects.filter(kind=AccessKind.READ).get().extra == {"number": 3}
    # "Nee": the question again, without the question about skipping.
    again = client.get(_q(3)).content.decode()
    assert ASK not in again and "Niets gekozen" not in again


def test_an_empty_value_counts_as_nothing_chosen(org):
    client = _family(org)
    assert ASK in client.post(_q(1), {"action": "next", "value": ""}).content.decode()
    assert ASK in client.post(_q(1), {}).content.decode()  # no action: Volgende by default
    assert not Answer.objects.exists()


def test_ja_overslaan_skips_and_goes_on(org):
    client = _family(org)
    client.post(_q(3), {"action": "next"})
    response = client.post(_q(3), {"action": "skip"})
    assert response.status_code == 302 and response["Location"] == _q(4)
    assert _answers() == [("g03", None)]
    review = client.get(REVIEW).content.decode()
    assert "overgeslagen" in review


def test_choosing_after_the_question_saves_the_answer(org):
    client = _family(org)
    client.post(_q(3), {"action": "next"})
    response = client.post(_q(3), {"action": "next", "value": "2"})
    assert response["Location"] == _q(4)
    assert _answers() == [("g03", 2)]


def test_a_question_skipped_before_moves_on_without_asking_again(org):
    client = _family(org)
    client.post(_q(5), {"action": "skip"})
    response = client.post(_q(5), {"action": "next"})
    assert response.status_code == 302 and response["Location"] == _q(6)
    assert _answers() == [("g05", None)]


def test_sla_over_skips_at_once_and_vorige_without_a_choice_saves_nothing(org):
    client = _family(org)
    assert client.post(_q(2), {"action": "skip"})["Location"] == _q(3)
    assert client.post(_q(4), {"action": "back"})["Location"] == _q(3)
    assert _answers() == [("g02", None)]


# --- Wijzig on the review page ------------------------------------------------------------------


def test_the_review_links_open_the_question_to_change_it(org):
    client = _family(org)
    client.post(_q(1), {"action": "next", "value": "1"})
    review = client.get(REVIEW).content.decode()
    links = re.findall(r'<a href="([^"]+)">Wijzig<', review)
    assert links == [_q(n, change=True) for n in range(1, 14)]


def test_a_changed_question_is_saved_and_leads_back_to_the_review(org):
    client = _family(org)
    for number in range(1, 14):
        client.post(_q(number), {"action": "next", "value": "1"})
    page = client.get(_q(4, change=True)).content.decode()
    assert f'action="{_q(4, change=True)}"' in page
    assert ">Opslaan</button>" in page and ">Terug naar het overzicht</button>" in page
    assert ">Volgende</button>" not in page and ">Vorige</button>" not in page
    assert 'value="1" id="a1" checked' in page
    response = client.post(_q(4, change=True), {"action": "next", "value": "3"})
    assert response.status_code == 302 and response["Location"] == REVIEW
    assert dict(_answers())["g04"] == 3
    assert dict(_answers())["g05"] == 1  # the later questions are left as they were


def test_every_way_out_of_a_changed_question_leads_back_to_the_review(org):
    client = _family(org)
    assert client.post(_q(13, change=True), {"action": "back"})["Location"] == REVIEW
    assert client.post(_q(2, change=True), {"action": "back", "value": "4"})["Location"] == REVIEW
    assert client.post(_q(6, change=True), {"action": "skip"})["Location"] == REVIEW
    # Nothing chosen: the question about skipping keeps the way back to the review.
    ask = client.post(_q(7, change=True), {"action": "next"}).content.decode()
    assert ASK in ask and f'href="{_q(7, change=True)}">Nee, terug' in ask
    assert f'action="{_q(7, change=True)}"' in ask
    assert client.post(_q(7, change=True), {"action": "skip"})["Location"] == REVIEW
    assert _answers() == [("g02", 4), ("g06", None), ("g07", None)]


@pytest.mark.parametrize("query", ["?wijzig=0", "?wijzig=ja", "?anders=1", ""])
def test_only_wijzig_1_changes_where_the_question_leads(org, query):
    client = _family(org)
    url = _q(4) + query
    assert client.post(url, {"action": "next", "value": "2"})["Location"] == _q(5)
    assert ">Volgende</button>" in client.get(url).content.decode()


# --- The scale: numbers and faces ---------------------------------------------------------------


def test_each_step_of_the_scale_has_its_number_a_face_and_the_exact_label(org):
    client = _family(org)
    page = client.get(_q(1)).content.decode()
    options = re.findall(r'<label for="a(\d)"[^>]*>(.*?)</label>', page, re.S)
    labels = ["zeer ontevreden", "ontevreden", "neutraal", "tevreden", "zeer tevreden"]
    assert [value for value, _ in options] == ["0", "1", "2", "3", "4"]
    faces = []
    for (value, inner), label in zip(options, labels, strict=True):
        assert f'<span class="f-num">{value}</span>' in inner
        assert f'<span class="f-label">{label}</span>' in inner
        svg = re.search(r"<svg[^>]*>.*?</svg>", inner, re.S).group(0)
        assert 'aria-hidden="true"' in svg and 'focusable="false"' in svg  # the text says it
        faces.append(re.findall(r'<path d="([^"]+)"', svg))
    assert len({tuple(face) for face in faces}) == 5  # five different faces


def test_the_review_shows_the_number_and_face_of_each_answer(org):
    client = _family(org)
    client.post(_q(1), {"action": "next", "value": "4"})
    review = client.get(REVIEW).content.decode()
    assert '<span class="f-num">4</span>' in review and "zeer tevreden" in review
    assert review.count('class="f-face"') == 1


# --- No automatic moving on; read aloud without inline script -----------------------------------


def test_the_answering_script_never_moves_on_by_itself():
    script = (STATIC / "form.js").read_text()
    assert "fetch(" in script  # it still saves each answer at once
    for moves in ("location", "setTimeout", "submit(", "click("):
        assert moves not in script, moves


def test_the_read_aloud_button_is_hidden_until_a_voice_is_found(org):
    client = _family(org)
    pages = [reverse("questionnaires:form_start"), _q(1)]
    for url in pages:
        body = client.get(url).content.decode()
        box = re.search(r"<div class=\"f-speak\"[^>]*>", body).group(0)
        assert " hidden" in box and "data-speak-box" in box, url
        assert '<script src="/static/questionnaires/speak.js" defer></script>' in body
        assert re.search(r"<script(?![^>]*\ssrc=)", body) is None, url  # no inline script (CSP)
    script = (STATIC / "speak.js").read_text()
    assert "speechSynthesis" in script and "fetch" not in script  # the browser's own voice only


# --- Saving twice (a double click) is one answer ------------------------------------------------


def test_a_double_click_on_volgende_saves_one_answer(org):
    client = _family(org)
    first = client.post(_q(2), {"action": "next", "value": "3"})
    second = client.post(_q(2), {"action": "next", "value": "3"})
    assert first["Location"] == second["Location"] == _q(3)
    assert _answers() == [("g02", 3)]


def test_a_double_click_on_ja_overslaan_and_autosave_then_volgende_stay_one_answer(org):
    client = _family(org)
    for _ in range(2):
        assert client.post(_q(8), {"action": "skip"})["Location"] == _q(9)
    autosave = reverse("questionnaires:form_autosave")
    for _ in range(2):
        assert client.post(autosave, {"item": "g09", "value": "1"}).json() == {"ok": True}
    assert client.post(_q(9), {"action": "next", "value": "1"})["Location"] == _q(10)
    assert _answers() == [("g08", None), ("g09", 1)]
    assert Answer.objects.count() == 2


def test_a_double_click_on_opslaan_after_wijzig_saves_one_answer(org):
    client = _family(org)
    client.post(_q(3), {"action": "next", "value": "0"})
    for _ in range(2):
        response = client.post(_q(3, change=True), {"action": "next", "value": "2"})
        assert response["Location"] == REVIEW
    assert _answers() == [("g03", 2)]
