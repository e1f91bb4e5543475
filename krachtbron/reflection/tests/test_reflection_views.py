"""My reflection: fill in whenever, private history, prompts, counting in the team per choice."""

import pytest
from django.urls import reverse

from krachtbron.reflection.models import ProfessionalReflection
from krachtbron.reflection.tests.factories import reflection

pytestmark = pytest.mark.django_db


def _post(client, **extra):
    data = {"item_p01": "4", "item_p02": "3", "item_p03": "0", "item_p06": "1", **extra}
    return client.post(reverse("reflection:new"), data)


def test_it_saves_a_reflection_and_shows_strengths_and_needs(org, as_user):
    client = as_user(org.adviser)
    response = _post(client, counts_in_team="on", note="Grenzen bespreken in intervisie")
    made = ProfessionalReflection.objects.get(user=org.adviser)
    assert response.status_code == 302
    assert response["Location"] == reverse("reflection:detail", args=[made.pk])
    assert made.counts_in_team and made.team == org.team
    page = client.get(response["Location"]).content.decode()
    assert "Ik voel me voldoende toegerust om mijn werk goed te doen." in page  # strength (4)
    assert "Ik laad mezelf tijdig op." in page  # development need (0)
    assert "§7.1" in page
    assert "Grenzen bespreken in intervisie" in page


def test_a_reflection_that_does_not_count_has_no_team(org, as_user):
    _post(as_user(org.adviser))
    made = ProfessionalReflection.objects.get(user=org.adviser)
    assert not made.counts_in_team and made.team is None


def test_an_empty_reflection_is_refused_in_dutch(org, as_user):
    response = as_user(org.adviser).post(reverse("reflection:new"), {"note": "mijn tekst"})
    assert response.status_code == 200
    assert "Geef bij minstens één vraag een antwoord." in response.content.decode()
    assert "mijn tekst" in response.content.decode()  # the input is kept
    assert not ProfessionalReflection.objects.exists()


def test_a_value_outside_the_scale_is_refused_and_the_other_answers_are_kept(org, as_user):
    response = as_user(org.adviser).post(
        reverse("reflection:new"), {"item_p01": "7", "item_p02": "3", "note": "x\x00y"}
    )
    page = response.content.decode()
    assert "Kies een antwoord van 0 tot en met 4." in page
    assert "onzichtbaar teken" in page
    assert 'value="3" checked' in page.replace('checked=""', "checked") or "checked" in page
    assert not ProfessionalReflection.objects.exists()


def test_nobody_else_can_read_my_reflection_not_even_my_teamleider(org, as_user, client):
    mine = reflection(org.adviser, {"p01": 2})
    url = reverse("reflection:detail", args=[mine.pk])
    for other in (org.colleague, org.teamleider, org.beheerder, org.other_adviser):
        client.logout()
        assert as_user(other).get(url).status_code == 404, other
    client.logout()
    assert as_user(org.adviser).get(url).status_code == 200


def test_my_history_shows_only_my_own_reflections(org, as_user):
    reflection(org.colleague, {"p01": 0}, counts_in_team=False)
    reflection(org.adviser, {"p01": 4})
    page = as_user(org.adviser).get(reverse("reflection:home")).content.decode()
    assert page.count('href="/reflectie/') >= 1
    colleague_pk = ProfessionalReflection.objects.get(user=org.colleague).pk
    assert reverse("reflection:detail", args=[colleague_pk]) not in page


def test_a_second_counting_reflection_in_a_quarter_replaces_the_first_in_team_figures(org):
    first = reflection(org.adviser, {"p01": 1})
    second = reflection(org.adviser, {"p01": 3})
    first.refresh_from_db()
    assert first.superseded and not second.superseded


def test_deleting_a_reflection_lets_the_previous_one_count_again(org, as_user):
    first = reflection(org.adviser, {"p01": 1})
    second = reflection(org.adviser, {"p01": 3})
    client = as_user(org.adviser)
    response = client.post(reverse("reflection:delete", args=[second.pk]))
    assert response.status_code == 302
    first.refresh_from_db()
    assert not first.superseded
    assert not ProfessionalReflection.objects.filter(pk=second.pk).exists()


def test_someone_else_cannot_delete_my_reflection(org, as_user):
    mine = reflection(org.adviser, {"p01": 1})
    response = as_user(org.teamleider).post(reverse("reflection:delete", args=[mine.pk]))
    assert response.status_code == 404
    assert ProfessionalReflection.objects.filter(pk=mine.pk).exists()


def test_the_form_takes_no_owner_or_team_from_the_request(org, as_user):
    _post(as_user(org.adviser), counts_in_team="on", user=org.colleague.pk, team=org.other_team.pk)
    made = ProfessionalReflection.objects.get()
    assert made.user == org.adviser and made.team == org.team
