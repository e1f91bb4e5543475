"""The family's copy of their file: for the member who asks, as PDF and JSON, logged."""

import json

import pytest
from django.forms.models import model_to_dict
from django.urls import reverse

from krachtbron.audit.models import AccessKind, AccessLogEntry
from krachtbron.families.file_copy import COPY_SCHEMA, COPY_SCHEMA_VERSION, copy_parts
from krachtbron.families.models import FamilyMember
from krachtbron.families.tests.copy_family import make_copy_family
from krachtbron.questionnaires.tests.factories import ALL_ITEMS, completed_response
from krachtbron.testing.factories import MemberFactory, UserFactory
from krachtbron.testing.pdf import pdf_text
from krachtbron.testing.prepared import downloaded
from krachtbron.testing.queries import assert_constant_queries

pytestmark = pytest.mark.django_db

HOSTILE_NAMES = [
    "<script>alert(1)</script>",
    '"><svg onload=alert(1)>',
    "{{7*7}}",
    "فاطمة الزهراء",  # Arabic
    "ሰላም ተስፋይ",  # Tigrinya (Ethiopic script)
]


def _post(client, family, **data):
    return client.post(reverse("families:copy", args=[family.pk]), data)


def _pdf(client, family, **data):
    """The PDF as the adviser gets it: asked for, made by the worker, downloaded."""
    return downloaded(client, _post(client, family, format="pdf", **data))


def _json(client, family, requester, third_parties="0"):
    response = _post(
        client, family, requester=requester.pk, third_parties=third_parties, format="json"
    )
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"].startswith("application/json")
    return json.loads(response.content)


# --- The page ---------------------------------------------------------------------------------


def test_the_page_promises_exactly_the_parts_of_the_copy(org, as_user):
    response = as_user(org.adviser).get(reverse("families:copy", args=[org.family.pk]))
    body = response.content.decode()
    for part in copy_parts():
        assert f"<li>{part.title}" in body
    assert "Fatima (opvoeder, 1988)" in body
    entry = AccessLogEntry.objects.get()
    assert (entry.kind, entry.object_type) == (AccessKind.READ, "copy_form")


def test_the_page_names_children_whose_age_is_unknown(org, as_user):
    MemberFactory(family=org.family, first_name="Mila", role="kind", birth_year=None)
    body = as_user(org.adviser).get(reverse("families:copy", args=[org.family.pk])).content
    assert "Zonder geboortejaar" in body.decode() and "<bdi>Mila</bdi>" in body.decode()


def test_without_a_requester_nothing_is_made_and_the_choice_is_kept(org, as_user):
    client = as_user(org.adviser)
    response = _post(client, org.family, third_parties="1", format="pdf")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    body = response.content.decode()
    assert "Kies wie de kopie vraagt." in body
    assert 'id="id_third_parties_1" checked' in body  # what was chosen stays chosen
    assert not AccessLogEntry.objects.exclude(kind=AccessKind.READ).exists()


def test_a_member_of_another_family_cannot_be_the_requester(org, as_user):
    stranger = MemberFactory(family=org.other_family, first_name="Vreemde")
    response = _post(as_user(org.adviser), org.family, requester=stranger.pk, format="json")
    assert response.status_code == 200 and "Kies een gezinslid uit de lijst." in (
        response.content.decode()
    )
    assert "Vreemde" not in response.content.decode()
    assert not AccessLogEntry.objects.filter(kind=AccessKind.EXPORT).exists()


@pytest.mark.parametrize("persona", ["colleague", "other_team", "teamleider", "beheerder"])
def test_nobody_else_gets_a_copy(org, as_user, persona):
    response = _post(
        as_user(org.personas()[persona]), org.family, requester=org.member.pk, format="json"
    )
    assert response.status_code in (403, 404)
    assert not AccessLogEntry.objects.filter(kind__in=[AccessKind.EXPORT, AccessKind.PRINT])


# --- JSON -------------------------------------------------------------------------------------


def test_the_json_copy_has_a_schema_and_says_for_whom(org, as_user):
    data = _json(as_user(org.adviser), org.family, org.member)
    assert (data["schema"], data["schemaversie"]) == (COPY_SCHEMA, COPY_SCHEMA_VERSION)
    assert data["gemaakt_voor"] == {"naam": "Fatima", "rol": "Opvoeder"}
    assert data["gezin"]["naam"] == "Gezin Amrani"
    assert data["gezinsleden"][0]["naam"] == "Fatima"
    assert data["doelen"][0]["doel"] == org.goal.text
    assert data["derden_weggelaten"] is True and "netwerk" not in data


@pytest.mark.parametrize(("fmt", "kind"), [("json", AccessKind.EXPORT), ("pdf", AccessKind.PRINT)])
def test_each_download_writes_one_row_with_the_member_who_asked_and_no_names(
    org, as_user, fmt, kind
):
    family = make_copy_family(org)
    client = as_user(org.adviser)
    before = AccessLogEntry.objects.count()
    response = _post(client, org.family, requester=family.sara.pk, third_parties="1", format=fmt)
    assert response.status_code == (200 if fmt == "json" else 302)  # the PDF: to its page
    assert AccessLogEntry.objects.count() == before + 1
    row = AccessLogEntry.objects.order_by("-id").first()
    assert (row.kind, row.object_type, row.actor) == (kind, "copy", org.adviser)
    assert row.extra == {
        "format": fmt,
        "third_parties": True,
        "requested_by_member": family.sara.pk,
    }
    stored = json.dumps(model_to_dict(row), default=str)
    for name in ("Sara", "Fatima", "Amrani", "Alice"):
        assert name not in stored


def test_the_copy_lists_who_looked_including_itself(org, as_user):
    # Only Fatima's own data and the family's: every row about the file is hers to see (rows
    # about another member's own data follow the copy rule, test_copy_access_log.py).
    client = as_user(org.adviser)
    assert client.get(reverse("families:detail", args=[org.family.pk])).status_code == 200
    as_user(org.colleague).get(reverse("families:detail", args=[org.family.pk]))
    data = _json(as_user(org.adviser), org.family, org.member)
    log = data["wie_keek_mee"]
    newest = log[0]
    assert (newest["wie"], newest["rol"], newest["wat"], newest["onderdeel"]) == (
        "Alice",
        "Adviseur",
        "geëxporteerd",
        "kopie voor het gezin",
    )
    assert newest["resultaat"] == "toegestaan"
    assert newest["wanneer"].endswith(("+01:00", "+02:00"))  # Europe/Amsterdam, not UTC
    assert len(log) == AccessLogEntry.objects.filter(family_id=org.family.pk).count()


def test_a_refused_look_is_in_the_copy_with_its_result(org, as_user):
    as_user(org.colleague).get(reverse("families:detail", args=[org.family.pk]))
    data = _json(as_user(org.adviser), org.family, org.member)
    refused = [e for e in data["wie_keek_mee"] if e["resultaat"] == "geweigerd"]
    assert [e["wie"] for e in refused] == ["Bob"]


# --- For the person who asks (AVG art. 15(4)) --------------------------------------------------


def _who_answered(data):
    return sorted({r["gezinslid"] for r in data["vragenlijsten"]})


def test_a_parent_gets_the_private_data_of_children_under_16_only(org, as_user):
    family = make_copy_family(org)
    data = _json(as_user(org.adviser), org.family, family.fatima, third_parties="1")
    dump = json.dumps(data, ensure_ascii=False)
    assert _who_answered(data) == ["Fatima", "Noah"]
    assert {i["gezinslid"] for i in data["uitnodigingen"]} == {"Fatima", "Noah"}
    for present in ("KRACHT-Fatima", "KRACHT-Noah", "SCHAAL-Noah", "NETWERK-gezin"):
        assert present in dump
    for absent in (
        "KRACHT-Sara",  # 17: decides alone
        "KRACHT-Youssef",  # another adult
        "KRACHT-Mila",  # age unknown
        "SCHAAL-Sara",
        "DOELCIJFER-Sara",  # the score of Sara's own goal
        "NETWERK-Sara",  # Sara's own network, now and in the saved moment
        "NOTITIE-Sara",
        "DOEL-Sara",  # a goal of one member is that member's own (families/rights.py)
    ):
        assert absent not in dump
    # Shared family data stays: the first question, the plan; Noah's goal (14) is in it.
    assert "DOEL-Noah" in dump and "EERSTE-VRAAG-nu" in dump and "GESPREK-samen" in dump
    reasons = {d["gezinslid"]: d["waarom"] for d in data["eigen_gegevens_van_anderen_weggelaten"]}
    assert reasons == {
        "Youssef": "Dit is een volwassene. Die beslist zelf over de eigen gegevens.",
        "Sara": "Deze jongere is 16 of ouder. Die beslist zelf over de eigen gegevens.",
        "Mila": "We weten de leeftijd niet. Daarom laten we deze gegevens weg.",
    }


def test_a_young_person_gets_their_own_answers_and_the_shared_family_data(org, as_user):
    family = make_copy_family(org)
    data = _json(as_user(org.adviser), org.family, family.sara, third_parties="1")
    dump = json.dumps(data, ensure_ascii=False)
    assert _who_answered(data) == ["Sara"]
    assert "KRACHT-Sara" in dump and "DOELCIJFER-Sara" in dump and "NETWERK-Sara" in dump
    for absent in ("KRACHT-Fatima", "KRACHT-Noah", "SCHAAL-Youssef", "KRACHT-Mila"):
        assert absent not in dump
    for shared in ("DOEL-Sara", "EERSTE-VRAAG-nu", "GESPREK-samen", "DOELCIJFER-gezin"):
        assert shared in dump
    members = FamilyMember.objects.filter(family=org.family).count()  # all of them, by name
    assert len(data["gezinsleden"]) == members and data["wie_keek_mee"]


def test_a_younger_child_gets_only_their_own_private_data(org, as_user):
    family = make_copy_family(org)
    data = _json(as_user(org.adviser), org.family, family.noah)
    assert _who_answered(data) == ["Noah"]
    assert [i["gezinslid"] for i in data["uitnodigingen"]] == ["Noah", "Noah"]


def test_third_parties_are_left_out_by_choice(org, as_user):
    make_copy_family(org)
    client = as_user(org.adviser)
    without = _json(client, org.family, org.member, third_parties="0")
    assert "netwerk" not in without and "NETWERK-gezin" not in json.dumps(without)
    with_them = _json(client, org.family, org.member, third_parties="1")
    assert [p["wie"] for p in with_them["netwerk"]["nu"]] == ["NETWERK-gezin"]
    assert with_them["netwerk"]["nu"][0]["notitie"] == "NOTITIE-gezin"
    assert [p["wie"] for p in with_them["netwerk"]["momenten"][0]["personen"]] == ["NETWERK-gezin"]


def test_answers_and_results_are_as_the_engine_scores_them(org, as_user):
    family = make_copy_family(org)
    data = _json(as_user(org.adviser), org.family, family.fatima)
    begin, interim = [r for r in data["vragenlijsten"] if r["gezinslid"] == "Fatima"]
    assert begin["vorige_keer"] is None and interim["vorige_keer"]["moment"] == "Begin"
    first = interim["vragen"][0]
    assert first == {
        "nummer": 1,
        "vraag": "Er is aandacht voor hoe het met mij gaat.",
        "onderdeel": "Situatie volgens het gezin als vertrekpunt",
        "antwoord": 4,
        "antwoord_in_woorden": "zeer tevreden",
        "vorige_keer": 1,
        "verschil": 3,
    }
    assert interim["vragen"][12]["antwoord_in_woorden"] == "niet ingevuld"
    situation = interim["onderdelen"][0]
    assert (situation["gemiddelde"], situation["vorige_keer"], situation["verschil"]) == (
        4.0,
        1.0,
        3.0,
    )
    assert len(interim["sterke_punten"]) == 10 and interim["aandachtspunten"] == []
    assert len(begin["aandachtspunten"]) == 10
    # The adviser's conversation tips are not the family's data.
    assert "tip" not in json.dumps(interim).lower()


# --- PDF --------------------------------------------------------------------------------------


def test_the_pdf_shows_hostile_and_foreign_names_literally(org, as_user, caplog):
    org.family.display_name = '<script>alert(2)</script>"><svg onload=alert(3)>'
    org.family.save()
    for name in HOSTILE_NAMES:
        member = MemberFactory(family=org.family, first_name=name, role="jeugdige", birth_year=2014)
        completed_response(member, org.adviser, dict.fromkeys(ALL_ITEMS, 3))
    org.goal.text = "{{7*7}} en <b>vet</b>"
    org.goal.save()
    caplog.set_level("WARNING", logger="weasyprint")
    response = _pdf(as_user(org.adviser), org.family, requester=org.member.pk)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="kopie-dossier.pdf"'
    text = pdf_text(response.content)
    assert "<script>alert(2)</script>" in " ".join(text.split())
    for name in HOSTILE_NAMES:
        assert name in text, name
        # Under 16: their questionnaires are in the parent's copy, with the name as heading.
        assert f"{name}: begin" in text
    assert "{{7*7}} en <b>vet</b>" in text and "49 en" not in text
    # Every script has a font: no empty boxes instead of letters.
    assert not [r.getMessage() for r in caplog.records if ".notdef" in r.getMessage()]


def test_the_pdf_is_tagged_for_screen_readers_and_in_dutch(org, as_user):
    import io

    from pypdf import PdfReader

    response = _pdf(as_user(org.adviser), org.family, requester=org.member.pk)
    root = PdfReader(io.BytesIO(response.content)).trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    assert root["/Lang"] == "nl"


def test_the_pdf_holds_every_part_and_the_intro(org, as_user):
    family = make_copy_family(org)
    response = _pdf(as_user(org.adviser), org.family, requester=family.fatima.pk, third_parties="0")
    text = pdf_text(response.content)
    assert "Wat staat er niet in?" in text and "Klopt er iets niet?" in text
    assert "Sara: Deze jongere is 16 of ouder." in " ".join(text.split())
    assert "Het netwerk staat er niet in." in text
    for part in copy_parts():
        if part.third_party:
            assert "NETWERK-gezin" not in text
        else:
            assert str(part.title) in text
    for marker in ("KRACHT-Noah", "EERSTE-VRAAG-eerst", "GESPREK-samen", "BEWAREN-reden"):
        assert marker in text
    assert "KRACHT-Sara" not in text


def test_making_a_copy_takes_a_fixed_number_of_queries(org):
    from krachtbron.families.file_copy import build_copy, copy_request

    family = make_copy_family(org)

    def make_copy():
        build_copy(copy_request(org.family, family.fatima, include_third_parties=True))

    def more_answers():
        adviser = UserFactory(team=org.team)
        for _ in range(5):
            completed_response(family.noah, adviser, dict.fromkeys(ALL_ITEMS, 2))

    assert_constant_queries(make_copy, grow=more_answers)


def test_the_copy_page_and_pdf_in_english(org, as_user, settings):
    from django.utils import translation

    client = as_user(org.adviser)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    try:
        page = client.get(reverse("families:copy", args=[org.family.pk])).content.decode()
        assert "Who asks for the copy?" in page and "Download PDF" in page
        response = _pdf(client, org.family, requester=org.member.pk)
        text = pdf_text(response.content)
        assert "What is this?" in text and "Who has viewed this" in text
    finally:
        translation.activate(settings.LANGUAGE_CODE)


def test_who_looked_shows_the_refused_look_as_the_copy_does(org, as_user):
    """Break-11 (minor): the page "Wie keek mee" left refused attempts out while the family's
    copy listed them; both now show the same rows, each with its result."""
    as_user(org.colleague).get(reverse("families:detail", args=[org.family.pk]))
    client = as_user(org.adviser)
    html = client.get(reverse("families:access_history", args=[org.family.pk])).content.decode()
    assert "<strong>geweigerd</strong>" in html and "<bdi>Bob</bdi>" in html
    data = _json(client, org.family, org.member)
    # Every row of the copy (but the copy's own, written after) was on the page.
    assert html.count("<tr><td>") == len(data["wie_keek_mee"]) - 1
