import pytest
from django.urls import reverse

from krachtbron.families.choices import FamilyStatus
from krachtbron.testing.factories import FamilyFactory, MemberFactory
from krachtbron.testing.queries import assert_constant_queries

pytestmark = pytest.mark.django_db
URL = reverse("families:caseload")


def test_adviser_sees_only_their_own_caseload(org, as_user):
    html = as_user(org.adviser).get(URL).content.decode()
    assert org.family.display_name in html
    assert org.other_family.display_name not in html


def test_search_by_name_never_puts_the_name_in_a_url(org, as_user):
    client = as_user(org.adviser)
    FamilyFactory(team=org.team, display_name="Gezin Jansen", advisers=[org.adviser])
    response = client.post(URL, {"q": "amrani"})
    assert response.status_code == 302 and response["Location"] == URL
    html = client.get(URL).content.decode()
    assert "Gezin Amrani" in html and "Gezin Jansen" not in html
    assert 'value="amrani"' in html  # the search word stays in the form


def test_search_by_reference_and_filter_by_status(org, as_user):
    client = as_user(org.adviser)
    closed = FamilyFactory(
        team=org.team,
        status=FamilyStatus.CLOSED,
        display_name="Gezin Dicht",
        advisers=[org.adviser],
    )
    client.post(URL, {"status": FamilyStatus.CLOSED})
    html = client.get(URL).content.decode()
    assert "Gezin Dicht" in html and "Gezin Amrani" not in html
    client.post(URL, {"q": closed.reference.lower()})
    assert "Gezin Dicht" in client.get(URL).content.decode()


def test_reset_clears_the_filters(org, as_user):
    client = as_user(org.adviser)
    client.post(URL, {"q": "niemand"})
    assert "Gezin Amrani" not in client.get(URL).content.decode()
    client.post(URL, {"reset": "1"})
    assert "Gezin Amrani" in client.get(URL).content.decode()


def test_bad_filter_input_gets_a_message_and_is_kept(org, as_user):
    client = as_user(org.adviser)
    response = client.post(URL, {"q": "x" * 101, "team": "999999"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Er klopt iets niet" in html
    assert "x" * 101 in html


def test_paging_stays_in_the_database(org, as_user):
    for _ in range(30):
        FamilyFactory(team=org.team, advisers=[org.adviser])
    client = as_user(org.adviser)
    first = client.get(URL)
    assert len(first.context["page"].object_list) == 25
    second = client.get(URL + "?page=2")
    assert len(second.context["page"].object_list) == 6


def _families(count):
    def grow(org):
        for _ in range(count):
            family = FamilyFactory(team=org.team, advisers=[org.adviser, org.colleague])
            MemberFactory(family=family)

    return grow


def test_the_caseload_runs_a_constant_number_of_queries_over_many_pages(org, as_user):
    """The generated list test grows it a little; here past many pages of 25."""
    _families(9)(org)
    assert_constant_queries(as_user(org.adviser), URL, grow=lambda: _families(190)(org))


def test_search_finds_a_family_by_a_members_first_name_once(org, as_user):
    from krachtbron.testing.factories import MemberFactory as Member

    Member(family=org.family, first_name="Fatimah")  # a second match in the same family
    client = as_user(org.adviser)
    client.post(URL, {"q": "fatima"})
    page = client.get(URL)
    assert [c.reference for c in page.context["cards"]] == [org.family.reference]


def test_team_filter_offers_only_teams_on_the_caseload(org, as_user):
    html = as_user(org.adviser).get(URL).content.decode()
    assert org.team.name in html and org.other_team.name not in html


@pytest.mark.parametrize(
    ("persona", "start"),
    [
        ("adviser", "families:caseload"),
        ("teamleider", "families:team"),
        ("beheerder", "accounts:user_list"),
        ("onderzoeker", "research:home"),
    ],
)
def test_each_role_starts_on_its_own_page(org, as_user, persona, start):
    user = {"adviser": org.adviser, **org.personas()}[persona]
    response = as_user(user).get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"] == reverse(start)
