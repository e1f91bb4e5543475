from django.urls import reverse

from krachtbron.audit.models import AccessKind, AccessLogEntry
from krachtbron.network.models import NetworkPerson
from krachtbron.network.tests.factories import NetworkPersonFactory
from krachtbron.testing.factories import MemberFactory


def _add(org):
    return reverse("network:person_add", args=[org.family.pk])


def _data(**overrides):
    data = {
        "label": "Oma",
        "member": "",
        "relation": "familie",
        "closeness": "1",
        "quality": "steunend",
        "support": ["praktisch", "emotioneel"],
        "stays_after_help": "on",
        "may_be_overloaded": "on",
        "note": "Past op woensdag",
    }
    data.update(overrides)
    return data


def test_adding_a_person_needs_only_a_first_name_or_role(org, as_user):
    response = as_user(org.adviser).post(_add(org), _data(member=org.member.pk))
    assert response.status_code == 302
    person = NetworkPerson.objects.get()
    assert (person.label, person.member, person.closeness) == ("Oma", org.member, 1)
    assert person.support_kinds == ["praktisch", "emotioneel"]
    assert person.stays_after_help and person.may_be_overloaded
    assert AccessLogEntry.objects.filter(
        kind=AccessKind.CREATE, object_type="networkperson"
    ).exists()


def test_a_member_of_another_family_is_a_form_error(org, as_user):
    stranger = MemberFactory(family=org.other_family)
    response = as_user(org.adviser).post(_add(org), _data(member=stranger.pk, label="Bewaar mij"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Kies iets uit de lijst" in page and "Bewaar mij" in page
    assert not NetworkPerson.objects.exists()


def test_bad_choices_and_sizes_get_dutch_messages(org, as_user):
    client = as_user(org.adviser)
    cases = [
        _data(label=""),
        _data(label="x" * 61),
        _data(label="a\x07b"),
        _data(closeness="4"),
        _data(quality="geweldig"),
        _data(relation="buren"),
        _data(support=["geld"]),
        _data(note="n" * 501),
    ]
    for data in cases:
        response = client.post(_add(org), data)
        assert response.status_code == 200, data
        assert "Er klopt iets niet" in response.content.decode()
    assert not NetworkPerson.objects.exists()


def test_a_stale_edit_keeps_the_input_and_changes_nothing(org, as_user):
    person = NetworkPersonFactory(family=org.family, label="Oma")
    client = as_user(org.adviser)
    url = reverse("network:person_edit", args=[person.pk])
    assert client.post(url, _data(label="Oma Truus", version=1)).status_code == 302
    response = client.post(url, _data(label="Mijn oude versie", version=1))
    page = response.content.decode()
    assert "Iemand anders heeft dit net gewijzigd" in page and "Mijn oude versie" in page
    person.refresh_from_db()
    assert (person.label, person.version) == ("Oma Truus", 2)


def test_another_familys_person_is_404_for_edit_and_delete(org, as_user):
    theirs = NetworkPersonFactory(family=org.other_family)
    client = as_user(org.adviser)
    assert client.get(reverse("network:person_edit", args=[theirs.pk])).status_code == 404
    assert (
        client.post(reverse("network:person_edit", args=[theirs.pk]), _data(version=1)).status_code
        == 404
    )
    assert client.post(reverse("network:person_delete", args=[theirs.pk])).status_code == 404
    assert NetworkPerson.objects.filter(pk=theirs.pk, label=theirs.label).exists()


def test_deleting_a_person_logs_it(org, as_user):
    person = NetworkPersonFactory(family=org.family)
    response = as_user(org.adviser).post(reverse("network:person_delete", args=[person.pk]))
    assert response.status_code == 302
    assert not NetworkPerson.objects.exists()
    assert AccessLogEntry.objects.filter(kind=AccessKind.DELETE, object_id=person.pk).exists()


def test_a_label_with_a_character_xml_forbids_is_refused_by_its_code(org, as_user):
    """Issue 12: "oma" + U+FFFE was saved, and the map's SVG no longer parsed."""
    client = as_user(org.adviser)
    for label, code in (("oma\ufffe", "U+FFFE"), ("oma\ufdd0", "U+FDD0"), ("o\x85ma", "U+0085")):
        page = client.post(_add(org), _data(label=label)).content.decode()
        assert f"({code}) op plaats" in page, label
    assert not NetworkPerson.objects.exists()
    # Every script, emoji and a bidi override stay welcome (the override is isolated on show).
    response = client.post(_add(org), _data(label="ምሸት 👍 \u202eoma"))
    assert response.status_code == 302
    assert NetworkPerson.objects.get().label == "ምሸት 👍 \u202eoma"
