"""A fourth instrument that families fill in is a data file plus one registration line
(CONTRIBUTING, "How to add an instrument"): no view, template or model changes.

The throw-away instrument ``kracht-proef`` lives in ``tests/data/``; the fixture reads that file
with the built-in ones (``instruments.loader.extra_directory``) and makes the one registration
``questionnaires/apps.py`` would make. Everything after that is the real path: the adviser
invites through the form, the family member fills it in through the family pages, and the group
figures find its answers."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from krachtbron.instruments import get_instrument, loader
from krachtbron.instruments.ids import FAMILIES
from krachtbron.lib import answer_sources
from krachtbron.lib.answer_sources import UnregisteredInstrumentError, source_for
from krachtbron.questionnaires.models import Answer, Invitation, Response
from krachtbron.questionnaires.sources import family_instruments, register_family_instrument
from krachtbron.questionnaires.tests.factories import open_link
from krachtbron.testing.forms import form_key_of

pytestmark = pytest.mark.django_db

FOURTH = "kracht-proef"
DATA = Path(__file__).parent / "data"


@pytest.fixture
def data_file():
    """Only the data file: the instrument exists, no app has registered it."""
    with loader.extra_directory(DATA):
        yield get_instrument(FOURTH)


@pytest.fixture
def fourth(data_file, monkeypatch):
    """The data file plus the registration line."""
    monkeypatch.setattr(answer_sources, "_SOURCES", dict(answer_sources._SOURCES))
    register_family_instrument(FOURTH)  # the line that goes in QuestionnairesConfig.ready()
    return data_file


def _invite(client, org, **extra):
    url = reverse("questionnaires:invite", args=[org.family.pk])
    page = client.get(url)
    data = {
        "member": org.member.pk,
        "moment": "begin",
        "language": "nl",
        "form_key": form_key_of(page),
    }
    data.update(extra)
    return page, client.post(url, data)


def test_a_registered_fourth_instrument_is_filled_in_through_the_family_pages(org, as_user, fourth):
    assert family_instruments() == [FAMILIES, FOURTH]
    page, made = _invite(as_user(org.adviser), org, instrument=FOURTH)
    assert "Proeflijst voor gezinnen" in page.content.decode()  # the adviser chooses
    assert made.status_code == 200
    invitation = Invitation.objects.get()
    assert invitation.instrument_id == FOURTH

    family = Client()
    open_link(family, made.context["token"])
    start = family.get(reverse("questionnaires:form_start"))
    assert start.status_code == 200 and "Proeflijst voor gezinnen" in start.content.decode()
    first = family.get(reverse("questionnaires:form_question", args=[1]))
    assert "Vraag 1 van 3" in first.content.decode()
    assert "Ik weet bij wie ik terecht kan." in first.content.decode()
    for number, value in [(1, "4"), (2, ""), (3, "1")]:
        action = "next" if value else "skip"
        posted = family.post(
            reverse("questionnaires:form_question", args=[number]),
            {"value": value, "action": action},
        )
        assert posted.status_code == 302
    # An item of another instrument is no answer to this one.
    wrong = family.post(reverse("questionnaires:form_autosave"), {"item": "g01", "value": "3"})
    assert wrong.status_code == 400
    review = family.get(reverse("questionnaires:form_review"))
    assert "Mensen om mij heen helpen mij." in review.content.decode()
    done = family.post(reverse("questionnaires:form_submit"))
    assert done["Location"] == reverse("questionnaires:form_done")
    assert family.get(done["Location"]).status_code == 200

    response = Response.objects.get()
    assert (response.instrument_id, response.instrument_version) == (FOURTH, fourth.version)
    assert response.completed_at is not None and response.receipt
    assert dict(response.answers.values_list("item_id", "value")) == {
        "t01": 4,
        "t02": None,
        "t03": 1,
    }
    # The adviser sees it in the file's tab and reads the result, like any family questionnaire.
    adviser = as_user(org.adviser)
    tab = adviser.get(reverse("questionnaires:family", args=[org.family.pk]))
    assert tab.status_code == 200
    result = adviser.get(reverse("questionnaires:response", args=[response.pk]))
    assert result.status_code == 200
    assert "Ik wil zelf iets veranderen." in result.content.decode()
    # Group figures find its answers in the family tables, counted per family.
    source = source_for(fourth)
    assert source.answers.model is Answer
    assert source.responses.filter(source.response_filter("")).get() == response
    # The dashboard offers it (by its title: the registration gave no label), its figures page
    # answers; the team mirror keeps its three voices (the registration gave no voice).
    leader = as_user(org.teamleider)
    board = leader.get(reverse("insight:dashboard"))
    offered = dict(board.context["form"].fields["instrument"].choices)
    assert offered[FOURTH] == "Proeflijst voor gezinnen"
    assert f'value="{FOURTH}"' in board.content.decode()
    chosen = leader.get(reverse("insight:dashboard"), {"instrument": FOURTH})
    assert chosen.status_code == 200 and chosen.context["board"].instrument.id == FOURTH
    assert not chosen.context["selection"].errors
    mirror = leader.get(reverse("insight:mirror"))
    assert len(mirror.context["rows"][0].values) == 3


def test_the_adviser_cannot_choose_an_instrument_in_a_language_it_does_not_have(
    org, as_user, fourth
):
    _page, refused = _invite(as_user(org.adviser), org, instrument=FOURTH, language="en")
    assert refused.status_code == 400
    assert "niet in deze taal" in refused.content.decode()
    assert not Invitation.objects.exists()


def test_without_the_registration_line_a_data_file_alone_is_not_offered(org, as_user, data_file):
    assert family_instruments() == [FAMILIES]
    page, made = _invite(as_user(org.adviser), org, instrument=FOURTH)
    assert "Proeflijst voor gezinnen" not in page.content.decode()  # one instrument: no choice
    assert made.status_code == 200
    assert Invitation.objects.get().instrument_id == FAMILIES  # the posted choice is ignored
    with pytest.raises(UnregisteredInstrumentError):
        source_for(data_file)
