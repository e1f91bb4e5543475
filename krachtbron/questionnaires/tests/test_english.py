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
