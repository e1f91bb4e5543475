from django.test import Client
from django.urls import reverse

from krachtbron.questionnaires.tests.factories import invite, open_link


def test_an_english_invitation_shows_the_translation_marked_as_such(org):
    _invitation, token = invite(org.member, org.adviser, language="en")
    client = Client()
    open_link(client, token)
    start = client.get(reverse("questionnaires:form_start")).content.decode()
    assert 'lang="en"' in start
    assert "Unofficial English translation" in start
    assert "13 questions, about 5 minutes." in start
    question = client.get(reverse("questionnaires:form_question", args=[1])).content.decode()
    assert "Question 1 of 13" in question and "There is attention for how I am doing." in question
    assert "very dissatisfied" in question and ">Skip<" in question


def test_the_moment_begin_and_the_start_button_are_translated_apart():
    """'Begin' is the first moment's name (context "moment") and the start button: one Dutch
    word, two words in most other languages."""
    from django.utils import translation

    from krachtbron.questionnaires.models import Moment

    for language, moment, button in (
        ("nl", "Begin", "Begin"),
        ("pl", "Początek", "Zacznij"),
        ("tr", "Başlangıç", "Başla"),
        ("ar", "البداية", "ابدأ"),
    ):
        with translation.override(language):
            assert str(Moment.BEGIN.label) == moment, language
            assert translation.gettext("Begin") == button, language
