""" "Aandacht nodig" on the caseload (badges, filter, sorting) and on the team page (counts)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from krachtbron.attention.tests.helpers import answers, measured, started
from krachtbron.audit.models import AccessLogEntry
from krachtbron.portal.models import TalkFlag
from krachtbron.testing.factories import FamilyFactory, MemberFactory
from krachtbron.testing.queries import assert_constant_queries

pytestmark = pytest.mark.django_db
CASELOAD = reverse("families:caseload")
TEAM = reverse("families:team")


def _cards(client, query=""):
    response = client.get(CASELOAD + query)
    assert response.status_code == 200
    return response, [card.label for card in response.context["cards"]]


def _late(org, name, days=20):
    family = FamilyFactory(team=org.team, display_name=name, advisers=[org.adviser])
    started(family, days)
    return family


def _flag(family):
    member = MemberFactory(family=family)
    TalkFlag.objects.create(
        family=family,
        raised_by=member,
        goal=family.goals.create(text="x", life_domain="wonen"),
        raised_at=timezone.now(),
    )


def test_a_card_says_in_words_what_needs_attention(org, as_user):
    _late(org, "Gezin Laat")
    html = as_user(org.adviser).get(CASELOAD).content.decode()
    assert "Aandacht nodig:" in html and "beginmeting te laat" in html


def test_a_talk_flag_is_said_once_on_the_card(org, as_user):
    """The card note "1 onderwerp om te bespreken" (portal) already says it: no second badge."""
    flagged = FamilyFactory(team=org.team, display_name="Gezin Praat", advisers=[org.adviser])
    _flag(flagged)
    response, _ = _cards(as_user(org.adviser), "?aandacht=praten")
    card = next(c for c in response.context["cards"] if c.label == "Gezin Praat")
    assert card.notes == ["1 onderwerp om te bespreken"]
    assert card.attention == []
    html = response.content.decode()
    assert html.count("om te bespreken") == 1 and "wil praten" not in html


def test_filter_on_every_signal_and_on_one(org, as_user):
    client = as_user(org.adviser)
    _late(org, "Gezin Laat")
    flagged = FamilyFactory(team=org.team, display_name="Gezin Praat", advisers=[org.adviser])
    _flag(flagged)
    _, everyone = _cards(client)
    assert set(everyone) == {"Gezin Amrani", "Gezin Laat", "Gezin Praat"}
    _, attention = _cards(client, "?aandacht=alle")
    assert set(attention) == {"Gezin Laat", "Gezin Praat"}
    _, talk = _cards(client, "?aandacht=praten")
    assert talk == ["Gezin Praat"]
    _, begin = _cards(client, "?aandacht=begin")
    assert begin == ["Gezin Laat"]


def test_sort_by_urgency_name_and_date(org, as_user):
    client = as_user(org.adviser)
    late = _late(org, "Gezin Bakker")  # begin overdue: urgency 5
    flagged = FamilyFactory(team=org.team, display_name="Gezin Zwart", advisers=[org.adviser])
    _flag(flagged)  # talk flag: urgency 3
    _, by_urgency = _cards(client, "?sorteer=urgent")
    assert by_urgency == ["Gezin Zwart", "Gezin Bakker", "Gezin Amrani"]
    _, by_name = _cards(client, "?sorteer=naam")
    assert by_name == ["Gezin Amrani", "Gezin Bakker", "Gezin Zwart"]
    _, by_date = _cards(client, "?sorteer=datum")
    assert by_date[0] == "Gezin Zwart" and late.pk  # last changed first, as before


def test_a_stale_or_hostile_parameter_is_ignored(org, as_user):
    client = as_user(org.adviser)
    response, labels = _cards(client, "?aandacht=%3Cscript%3E&sorteer=x")
    assert labels == ["Gezin Amrani"]
    assert "<script>" not in response.content.decode()


def test_the_filter_keeps_its_parameters_on_the_next_page(org, as_user):
    for number in range(27):
        _late(org, f"Gezin {number:02d}")
    client = as_user(org.adviser)
    response, labels = _cards(client, "?aandacht=begin&sorteer=naam")
    assert len(labels) == 25
    assert 'href="?aandacht=begin&amp;sorteer=naam&amp;page=2"' in response.content.decode()
    _, rest = _cards(client, "?aandacht=begin&sorteer=naam&page=2")
    assert rest == ["Gezin 25", "Gezin 26"]


def test_the_list_log_row_notes_the_filter_never_its_value(org, as_user):
    _cards(as_user(org.adviser), "?aandacht=praten")
    row = AccessLogEntry.objects.filter(object_type="caseload").latest("id")
    assert row.extra["filtered"] == ["aandacht"]
    assert "praten" not in str(row.extra)


def test_another_advisers_unread_result_is_not_mine(org, as_user):
    org.family.assignments.create(adviser=org.colleague)
    response = measured(org.member, org.adviser, 2)
    from krachtbron.questionnaires.seen import mark_result_seen

    mark_result_seen(org.adviser, response)
    _, mine = _cards(as_user(org.adviser), "?aandacht=nieuw")
    assert mine == []
    _, theirs = _cards(as_user(org.colleague), "?aandacht=nieuw")
    assert theirs == ["Gezin Amrani"]


def _grow(org, count):
    def grow():
        for number in range(count):
            family = _late(org, f"Gezin G{number}")
            member = MemberFactory(family=family)
            measured(member, org.adviser, 3, days_ago=100)
            measured(member, org.adviser, answers(3, g05=1), moment="tussentijds", days_ago=95)
            _flag(family)

    return grow


@pytest.mark.parametrize(
    "query", ["", "?aandacht=alle&sorteer=urgent", "?aandacht=minder", "?sorteer=naam"]
)
def test_the_caseload_runs_a_constant_number_of_queries(org, as_user, query):
    _grow(org, 1)()
    assert_constant_queries(as_user(org.adviser), CASELOAD + query, grow=_grow(org, 6))


def test_the_team_page_runs_a_constant_number_of_queries(org, as_user):
    _grow(org, 1)()
    assert_constant_queries(as_user(org.teamleider), TEAM, grow=_grow(org, 6))


def test_the_team_page_counts_per_adviser_without_content(org, as_user):
    org.family.assignments.create(adviser=org.colleague)
    for number in range(4):  # Alice: 5 families of this team, enough for counts
        _late(org, f"Gezin Laat {number}", days=20 if number == 0 else 1)
    for number in range(4):  # Bob: 5 as well
        FamilyFactory(team=org.team, display_name=f"Gezin B{number}", advisers=[org.colleague])
    measured(org.member, org.adviser, 3, days_ago=60)
    measured(org.member, org.adviser, answers(3, g05=1), moment="tussentijds")
    response = as_user(org.teamleider).get(TEAM)
    rows = {adviser.pk: counts for adviser, counts in response.context["attention_rows"]}
    keys = [signal.key for signal in response.context["signals"]]
    alice = dict(zip(keys, rows[org.adviser.pk], strict=True))
    bob = dict(zip(keys, rows[org.colleague.pk], strict=True))
    assert alice["begin"] == 1 and alice["minder"] == 1 and alice["nieuw"] == 1
    assert bob == {**dict.fromkeys(keys, 0), "minder": 1, "nieuw": 1}
    assert rows[org.teamleider.pk] == [0] * len(keys)  # their own row; 0 is shown as 0
    section = response.content.decode().split('id="attention-title"')[1].split("</section>")[0]
    assert "Gezin" not in section and "Amrani" not in section
    assert "3,0" not in section and "2,0" not in section  # no scores


def test_an_adviser_with_fewer_than_five_families_gets_no_counts(org, as_user):
    """1–4 families: "score gedaald: 1" would point at a family the teamleider can name from
    the list of the team's families (lib.suppression.enough, the team pages' rule)."""
    for number in range(3):
        _late(org, f"Gezin Laat {number}")  # Alice: 4 families
    measured(org.member, org.adviser, 3, days_ago=60)
    measured(org.member, org.adviser, answers(3, g05=1), moment="tussentijds")
    response = as_user(org.teamleider).get(TEAM)
    rows = {adviser.pk: counts for adviser, counts in response.context["attention_rows"]}
    assert rows[org.adviser.pk] is None
    assert rows[org.colleague.pk] == [0] * len(response.context["signals"])  # no families: 0s
    section = response.content.decode().split('id="attention-title"')[1].split("</section>")[0]
    assert "minder dan 5 gezinnen: geen aantallen" in section
    _late(org, "Gezin Vijf")  # the fifth: counts again
    response = as_user(org.teamleider).get(TEAM)
    rows = {adviser.pk: counts for adviser, counts in response.context["attention_rows"]}
    assert rows[org.adviser.pk] is not None and sum(rows[org.adviser.pk]) >= 5
