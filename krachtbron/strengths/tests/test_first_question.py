from django.urls import reverse

from krachtbron.audit.models import AccessKind, AccessLogEntry
from krachtbron.strengths.models import FirstQuestion, FirstQuestionRevision
from krachtbron.strengths.tests.factories import FirstQuestionFactory


def _url(org):
    return reverse("strengths:first_question", args=[org.family.pk])


def test_recording_the_first_question_and_changing_it_keeps_every_version(org, as_user):
    client = as_user(org.adviser)
    client.post(_url(org), {"text": "Brief over de huur", "status": "open"})
    client.post(
        _url(org),
        {
            "text": "Brief over de huur",
            "status": "beantwoord",
            "practical_help": "Gebeld",
            "version": 1,
        },
    )
    question = FirstQuestion.objects.get(family=org.family)
    assert (question.status, question.version) == ("beantwoord", 2)
    assert list(FirstQuestionRevision.objects.values_list("version", "status")) == [
        (2, "beantwoord"),
        (1, "open"),
    ]
    kinds = AccessLogEntry.objects.filter(object_type="firstquestion").values_list(
        "kind", flat=True
    )
    assert sorted(kinds) == [AccessKind.CHANGE, AccessKind.CREATE]
    page = client.get(reverse("strengths:goals", args=[org.family.pk])).content.decode()
    assert "Brief over de huur" in page and "Gebeld" in page


def test_a_stale_save_keeps_the_input_and_changes_nothing(org, as_user):
    FirstQuestionFactory(family=org.family, text="Oud", version=2)
    response = as_user(org.adviser).post(
        _url(org), {"text": "Mijn nieuwe woorden", "status": "open", "version": 1}
    )
    page = response.content.decode()
    assert "Iemand anders heeft dit net gewijzigd" in page and "Mijn nieuwe woorden" in page
    assert FirstQuestion.objects.get().text == "Oud"


def test_two_people_creating_it_at_once_gives_the_second_a_stale_message(org, as_user):
    FirstQuestionFactory(family=org.family, text="Van een collega")
    # The form was opened before the question existed: no version in the post.
    response = as_user(org.adviser).post(_url(org), {"text": "Ook van mij", "status": "open"})
    assert "Iemand anders heeft dit net gewijzigd" in response.content.decode()
    assert FirstQuestion.objects.get().text == "Van een collega"
    assert not FirstQuestionRevision.objects.exists()


def test_an_empty_or_over_long_question_is_refused(org, as_user):
    client = as_user(org.adviser)
    assert "Vul dit in" in client.post(_url(org), {"status": "open"}).content.decode()
    response = client.post(_url(org), {"text": "x" * 1001, "status": "open"})
    assert response.status_code == 200 and not FirstQuestion.objects.exists()
    response = client.post(_url(org), {"text": "x", "status": "klaar"})
    assert response.status_code == 200 and not FirstQuestion.objects.exists()
