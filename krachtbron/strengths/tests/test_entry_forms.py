from django.urls import reverse

from krachtbron.audit.models import AccessKind, AccessLogEntry
from krachtbron.families.choices import Dimension, LifeDomain
from krachtbron.strengths.models import StrengthEntry
from krachtbron.strengths.tests.factories import StrengthEntryFactory
from krachtbron.testing.factories import MemberFactory


def _add(org):
    return reverse("strengths:entry_add", args=[org.member.pk])


def test_adding_an_entry_saves_it_and_logs_create(org, as_user):
    response = as_user(org.adviser).post(
        _add(org),
        {"dimension": "social", "life_domain": "wonen", "goes_well": "De buren helpen"},
    )
    assert response.status_code == 302
    entry = StrengthEntry.objects.get(member=org.member)
    assert (entry.dimension, entry.life_domain, entry.goes_well) == (
        "social",
        "wonen",
        "De buren helpen",
    )
    assert AccessLogEntry.objects.filter(
        family_id=org.family.pk, kind=AccessKind.CREATE, object_type="strengthentry"
    ).exists()


def test_the_query_string_preselects_the_dimension_but_ignores_nonsense(org, as_user):
    client = as_user(org.adviser)
    page = client.get(_add(org) + "?dimensie=motivation").content.decode()
    assert '<option value="motivation" selected>' in page
    assert client.get(_add(org) + "?dimensie=<x>&leefgebied=%00").status_code == 200


def test_an_empty_entry_is_refused_in_dutch(org, as_user):
    response = as_user(org.adviser).post(_add(org), {"dimension": "social"})
    assert response.status_code == 200
    assert "Vul minstens één van de drie vragen in." in response.content.decode()
    assert not StrengthEntry.objects.exists()


def test_a_second_entry_for_the_same_part_is_refused_and_the_input_kept(org, as_user):
    StrengthEntryFactory(member=org.member, dimension=Dimension.SOCIAL, life_domain="")
    response = as_user(org.adviser).post(
        _add(org), {"dimension": "social", "life_domain": "", "goes_well": "Mijn nieuwe tekst"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "staat al iets in het profiel" in page
    assert "Mijn nieuwe tekst" in page
    assert StrengthEntry.objects.count() == 1


def test_over_long_text_and_control_characters_get_a_dutch_message(org, as_user):
    client = as_user(org.adviser)
    long_text = "x" * 1001
    response = client.post(_add(org), {"dimension": "social", "goes_well": long_text})
    assert "hoogstens 1000 tekens" in response.content.decode()
    response = client.post(_add(org), {"dimension": "social", "goes_well": "a\x00b"})
    assert "onzichtbaar teken" in response.content.decode()
    assert not StrengthEntry.objects.exists()


def test_an_unknown_dimension_is_a_form_error_not_a_500(org, as_user):
    response = as_user(org.adviser).post(_add(org), {"dimension": "magic", "goes_well": "x"})
    assert response.status_code == 200
    assert not StrengthEntry.objects.exists()


def test_a_member_of_another_family_is_404(org, as_user):
    stranger = MemberFactory(family=org.other_family)
    client = as_user(org.adviser)
    url = reverse("strengths:entry_add", args=[stranger.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"dimension": "social", "goes_well": "x"}).status_code == 404
    assert not StrengthEntry.objects.exists()


def test_editing_keeps_dimension_and_domain_and_logs_change(org, as_user):
    entry = StrengthEntryFactory(member=org.member, life_domain=LifeDomain.FINANCES)
    response = as_user(org.adviser).post(
        reverse("strengths:entry_edit", args=[entry.pk]),
        {"goes_well": "Houdt een kasboekje bij", "version": entry.version, "dimension": "social"},
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.goes_well == "Houdt een kasboekje bij"
    assert entry.dimension == Dimension.COMPETENCE  # not a field of the edit form
    assert entry.version == 2
    assert AccessLogEntry.objects.filter(kind=AccessKind.CHANGE, object_id=entry.pk).exists()


def test_a_stale_edit_shows_the_message_and_keeps_the_input(org, as_user):
    entry = StrengthEntryFactory(member=org.member)
    client = as_user(org.adviser)
    url = reverse("strengths:entry_edit", args=[entry.pk])
    client.post(url, {"goes_well": "Eerste", "version": 1})
    response = client.post(url, {"goes_well": "Mijn late versie", "version": 1})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Iemand anders heeft dit net gewijzigd" in page
    assert "Mijn late versie" in page
    entry.refresh_from_db()
    assert entry.goes_well == "Eerste"


def test_deleting_logs_and_another_familys_entry_is_404(org, as_user):
    mine = StrengthEntryFactory(member=org.member)
    theirs = StrengthEntryFactory(member=MemberFactory(family=org.other_family))
    client = as_user(org.adviser)
    assert client.post(reverse("strengths:entry_delete", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("strengths:entry_edit", args=[theirs.pk])).status_code == 404
    assert client.post(reverse("strengths:entry_delete", args=[mine.pk])).status_code == 302
    assert list(StrengthEntry.objects.all()) == [theirs]
    assert AccessLogEntry.objects.filter(kind=AccessKind.DELETE, object_id=mine.pk).exists()


def test_a_huge_id_is_404_not_500(org, as_user):
    client = as_user(org.adviser)
    assert client.get(reverse("strengths:entry_edit", args=[2**70])).status_code == 404
