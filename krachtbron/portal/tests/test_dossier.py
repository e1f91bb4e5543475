"""Ons dossier: the privacy statement, who looked (only what the member may see), the copy
made by the member, and "dit klopt niet" answered by the adviser."""

import json
import re

from django.test import Client
from django.urls import reverse

from krachtbron.audit.models import AccessKind, AccessLogEntry
from krachtbron.portal.models import CorrectionRequest
from krachtbron.testing.personas import login
from krachtbron.testing.portal import sign_in_member
from krachtbron.testing.prepared import downloaded

KEY = "k" * 24


def _page(client):
    return client.get(reverse("portal:dossier"))


def test_the_page_tells_what_is_kept_why_how_long_and_the_rights(org, settings):
    member = sign_in_member(Client(), org.member)
    page = _page(member)
    assert page.status_code == 200
    text = page.content.decode()
    for heading in ("Wat we bewaren", "Waarom", "Hoe lang", "Jouw rechten", "Wie keek mee"):
        assert heading in text
    assert f"{settings.RETENTION_YEARS} jaar" in text
    assert AccessLogEntry.objects.filter(
        actor_member_id=org.member.pk, object_type="portal_dossier"
    ).exists()


def test_who_looked_shows_a_young_persons_own_rows_to_nobody_else(org):
    parent = sign_in_member(Client(), org.member)
    _page(parent)
    youth = sign_in_member(Client(), org.youth)
    rows = _page(youth).context["log_rows"]
    assert rows, "the youth's own visit is listed"
    # The parent's sign-in and visit are the parent's own rows: a young person never sees
    # them; every other row about the family is listed (the adviser's links, Sem's own).
    from krachtbron.audit.reading import rows_about_family

    family_rows = rows_about_family(AccessLogEntry.objects.all(), [org.family.pk])
    parents = family_rows.filter(actor_member_id=org.member.pk).count()
    assert parents >= 2  # signed in, looked at Ons dossier
    assert len(rows) == family_rows.count() - parents
    assert len(_page(parent).context["log_rows"]) > parents  # the parent sees their own


def test_a_bad_period_is_a_dutch_message(org):
    member = sign_in_member(Client(), org.member)
    page = member.get(
        reverse("portal:dossier"), {"date_from": "2026-05-02", "date_to": "2026-05-01"}
    )
    assert page.status_code == 200
    assert "De einddatum ligt voor de begindatum." in page.content.decode()


def test_dit_klopt_niet_is_stored_once_and_bad_input_changes_nothing(org):
    member = sign_in_member(Client(), org.member)
    url = reverse("portal:correction")
    empty = member.post(url, {"text": "   ", "form_key": KEY})
    assert empty.status_code == 400
    assert "Schrijf op wat er niet klopt." in empty.content.decode()
    long = "Niet waar. " * 200
    too_long = member.post(url, {"text": long, "form_key": KEY})
    assert too_long.status_code == 400
    assert "Dit is te lang" in too_long.content.decode()
    assert long.strip()[:200] in too_long.content.decode()  # what was typed is kept
    assert not CorrectionRequest.objects.exists()

    text = "Mijn dochter heet Noor, niet Nora."
    for _ in range(2):  # a double click
        sent = member.post(url, {"text": text, "form_key": KEY})
        assert sent.status_code == 302
        assert sent["Location"] == reverse("portal:dossier") + "#correcties"
    made = CorrectionRequest.objects.get()
    assert (made.member, made.family, made.text) == (org.member, org.family, text)
    assert (
        AccessLogEntry.objects.filter(
            actor_member_id=org.member.pk, kind=AccessKind.CREATE, object_id=made.pk
        ).count()
        == 1
    )
    assert text in _page(member).content.decode()
    # A sibling does not see it.
    youth = sign_in_member(Client(), org.youth)
    assert text not in _page(youth).content.decode()


def test_the_adviser_answers_on_the_tab_and_the_member_reads_it(org):
    member = sign_in_member(Client(), org.member)
    member.post(reverse("portal:correction"), {"text": "Klopt niet.", "form_key": KEY})
    correction = CorrectionRequest.objects.get()
    adviser = login(Client(), org.adviser)
    tab = adviser.get(reverse("portal:family", args=[org.family.pk]))
    assert "Klopt niet." in tab.content.decode()
    url = reverse("portal:correction_answer", args=[correction.pk])
    bad = adviser.post(url, {"answer": ""})
    assert bad.status_code == 400 and "Schrijf een antwoord." in bad.content.decode()
    correction.refresh_from_db()
    assert correction.answered_at is None
    answered = adviser.post(url, {"answer": "Aangepast, dank je."})
    assert answered.status_code == 302
    again = adviser.post(url, {"answer": "Iets anders."})
    assert again.status_code == 302
    correction.refresh_from_db()
    assert correction.answer == "Aangepast, dank je." and correction.answered_by == org.adviser
    assert "Aangepast, dank je." in _page(member).content.decode()


def test_the_member_downloads_their_copy_as_pdf_and_json(org):
    member = sign_in_member(Client(), org.member)
    member.post(reverse("portal:correction"), {"text": "Klopt niet.", "form_key": KEY})
    youth = sign_in_member(Client(), org.youth)
    youth.post(reverse("portal:correction"), {"text": "Ook niet.", "form_key": KEY})
    pdf = downloaded(member, member.post(reverse("portal:copy"), {"format": "pdf"}))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    data = json.loads(youth.post(reverse("portal:copy"), {"format": "json"}).content)
    assert data["gemaakt_voor"]["naam"] == "Sem"
    assert [c["wat_klopt_er_niet"] for c in data["dit_klopt_niet"]] == ["Ook niet."]
    assert data["derden_weggelaten"] is True
    rows = AccessLogEntry.objects.filter(object_type="copy", actor_member_id__isnull=False)
    assert sorted(rows.values_list("actor_member_id", flat=True)) == sorted(
        [org.member.pk, org.youth.pk]
    )
    bad = member.post(reverse("portal:copy"), {"format": "docx"})
    assert bad.status_code == 400 and "Kies PDF of JSON." in bad.content.decode()


def test_an_open_request_is_a_task_on_the_caseload_until_answered(org):
    from krachtbron.portal.dossier_actions import answer_correction, request_correction

    adviser = login(Client(), org.adviser)
    label = "1 verzoek: dit klopt niet"
    assert label not in adviser.get(reverse("families:caseload")).content.decode()
    made = request_correction(org.member, "Klopt niet.", KEY)
    assert label in adviser.get(reverse("families:caseload")).content.decode()
    answer_correction(org.adviser, made, "Gedaan.")
    assert label not in adviser.get(reverse("families:caseload")).content.decode()


def test_who_looked_says_jij_for_the_members_own_visits_and_no_role_twice(org):
    """The family reads who looked in words: their own visits as "jij", another member's as
    "gezinslid" — never "gezinslid (gezinslid)"; staff with their role."""
    parent = sign_in_member(Client(), org.member)
    youth = sign_in_member(Client(), org.youth)
    _page(youth)
    page = _page(parent)
    text = page.content.decode()
    assert "gezinslid (gezinslid)" not in re.sub(r"<[^>]+>", "", text)
    rows = page.context["log_rows"]
    assert any(r["wie"] == "jij" for r in rows)  # the parent's own sign-in and visits
    assert any(r["wie"] == "gezinslid" for r in rows)  # Sem's (a parent may see them, under 16)
    assert any(r["wie"] == org.adviser.get_full_name() for r in rows)  # the links the adviser made
    assert f"<bdi>{org.adviser.get_full_name()}</bdi> (" in text  # staff with their role


def test_who_looked_joins_what_and_where_with_the_readers_comma(org):
    """A row of *Wie keek mee* reads "what, where"; in Arabic with the Arabic comma (،), in
    Tigrinya with the Ethiopic one (፣), never a Latin comma inside right-to-left text."""
    member = sign_in_member(Client(), org.member)
    _page(member)  # a row of the member's own visit
    commas = {"nl": ", ", "ar": "، ", "ti": "፣ "}
    for language, comma in commas.items():
        member.post(reverse("portal:language"), {"language": language})
        text = _page(member).content.decode()
        rows = re.findall(r'<li><span class="portal-log__when">.*?</li>', text, flags=re.S)
        assert rows, language
        assert all(comma in row for row in rows), (language, rows[0])
        if language != "nl":
            assert not any(re.search(r"\w, \w", row) for row in rows), (language, rows[0])


def test_who_looked_reads_in_the_members_language_without_a_dutch_label(org):
    """In Arabic a row of *Wie keek mee* holds no Dutch word of the log: not what happened
    (``AccessKind``), not the result, not the page ("Mijn Krachtbron: Ons dossier")."""
    from django.utils import translation

    from krachtbron.audit.choices import AccessResult
    from krachtbron.audit.labels import object_label

    member = sign_in_member(Client(), org.member)
    _page(member)  # a row of the member's own visit to Ons dossier
    member.post(reverse("portal:language"), {"language": "ar"})
    text = _page(member).content.decode()
    rows = re.findall(r'<li><span class="portal-log__when">.*?</li>', text, flags=re.S)
    with translation.override("nl"):
        dutch = [str(label) for label in (*AccessKind.labels, *AccessResult.labels)]
        dutch.append(object_label("portal_dossier"))
    with translation.override("ar"):
        arabic = object_label("portal_dossier")
    assert "Ons dossier" in dutch[-1] and arabic != dutch[-1]
    assert rows and any(arabic in row for row in rows)
    assert [(row, word) for row in rows for word in dutch if word in row] == []
