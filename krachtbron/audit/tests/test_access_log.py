import pytest
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.urls import reverse

from krachtbron.audit.models import AccessKind, AccessLogEntry, AppendOnlyError

pytestmark = pytest.mark.django_db


def _row(org):
    from krachtbron.audit.log import log_access

    return log_access(org.adviser, org.family, AccessKind.READ)


def test_rows_cannot_be_changed_or_deleted_through_the_orm(org):
    row = _row(org)
    row.kind = AccessKind.DELETE
    with pytest.raises(AppendOnlyError):
        row.save()
    with pytest.raises(AppendOnlyError):
        row.delete()
    with pytest.raises(AppendOnlyError):
        AccessLogEntry.objects.filter(pk=row.pk).update(kind="x")
    with pytest.raises(AppendOnlyError):
        AccessLogEntry.objects.all().delete()


def test_the_database_refuses_updates_too(org):
    row = _row(org)
    with (
        pytest.raises((IntegrityError, DatabaseError)),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("UPDATE audit_accesslogentry SET kind = 'delete' WHERE id = %s", [row.pk])
    row.refresh_from_db()
    assert row.kind == AccessKind.READ


def test_rows_hold_no_names(org, as_user):
    as_user(org.adviser).get(reverse("families:detail", args=[org.family.pk]))
    row = AccessLogEntry.objects.get()
    values = " ".join(str(getattr(row, f.attname)) for f in AccessLogEntry._meta.concrete_fields)
    assert "Amrani" not in values and "Fatima" not in values


def test_if_the_log_row_cannot_be_written_the_file_is_not_shown(org, as_user, monkeypatch):
    def broken(*args, **kwargs):
        raise DatabaseError("log unavailable")

    monkeypatch.setattr("krachtbron.families.views.log_access", broken)
    client = as_user(org.adviser)
    client.raise_request_exception = False
    response = client.get(reverse("families:detail", args=[org.family.pk]))
    assert response.status_code == 500
    assert "Gezin Amrani" not in response.content.decode()


def test_a_failed_change_leaves_no_change_and_no_row(org, as_user, monkeypatch):
    from krachtbron.families import actions

    def broken(*args, **kwargs):
        raise DatabaseError("log unavailable")

    monkeypatch.setattr(actions, "log_access", broken)
    with pytest.raises(DatabaseError):
        actions.add_member(org.adviser, org.family, first_name="Nieuw", role="kind")
    assert not org.family.members.filter(first_name="Nieuw").exists()


def test_privacy_officer_searches_by_reference(org, as_user):
    as_user(org.adviser).get(reverse("families:detail", args=[org.family.pk]))
    from django.test import Client

    from krachtbron.testing.personas import login

    client = login(Client(), org.beheerder)
    url = reverse("audit:access_log")
    response = client.post(url, {"family_reference": org.family.reference})
    assert response["Location"] == url  # the reference never lands in a URL
    html = client.get(url).content.decode()
    assert org.family.reference in html and "Alice" in html


def test_privacy_officer_search_refuses_bad_dates(org, as_user):
    client = as_user(org.beheerder)
    response = client.post(
        reverse("audit:access_log"), {"date_from": "2026-05-01", "date_to": "2026-04-01"}
    )
    assert "einddatum ligt voor de begindatum" in response.content.decode()


def test_a_beheerder_without_the_right_cannot_read_the_log(org, as_user):
    org.beheerder.is_privacy_officer = False
    org.beheerder.save()
    assert as_user(org.beheerder).get(reverse("audit:access_log")).status_code == 403


def test_date_filters_are_kept_and_applied(org, as_user):
    from krachtbron.audit.log import log_access

    log_access(org.adviser, org.family, AccessKind.READ)
    client = as_user(org.beheerder)
    url = reverse("audit:access_log")
    today = __import__("django.utils.timezone", fromlist=["now"]).localdate().isoformat()
    response = client.post(url, {"date_from": today, "date_to": today})
    assert response.status_code == 302
    html = client.get(url).content.decode()
    assert f'value="{today}"' in html and org.family.reference in html
    client.post(url, {"date_from": "2015-01-01", "date_to": "2015-01-02"})
    assert org.family.reference not in client.get(url).content.decode()


def _logged_codes() -> set[str]:
    """Every explicit object_type="..." that the code writes to the log."""
    import re
    from pathlib import Path

    import krachtbron

    root = Path(krachtbron.__file__).parent
    # object_type="..." and the family pages' log_family_page(invitation, "...").
    pattern = re.compile(r'object_type="([a-z_]+)"|log_family_page\(\w+, "([a-z_]+)"')
    return {
        code
        for path in root.rglob("*.py")
        if "tests" not in path.parts
        for match in pattern.findall(path.read_text(encoding="utf-8"))
        for code in match
        if code
    }


def _unnamed(codes: set[str]) -> list[str]:
    from krachtbron.audit.labels import object_label

    return sorted(code for code in codes if object_label(code) == code)


def test_every_part_written_to_the_log_has_a_readable_name():
    from krachtbron.audit.labels import object_label

    codes = _logged_codes()
    assert {"network_map", "krachtenplan", "questionnaire_response", "caseload"} <= codes
    assert {"questionnaire_start", "questionnaire_receipt"} <= codes
    assert _unnamed(codes) == []
    # A model's own name reads as its verbose name; an unknown code is shown as it is.
    assert object_label("networkperson") == "belangrijke ander"
    assert object_label("family") == "gezin"
    assert object_label("iets_nieuws") == "iets_nieuws"


def test_a_forgotten_label_is_found(monkeypatch):
    """An app that writes a code without registering its label fails the test above."""
    from krachtbron.audit import labels

    monkeypatch.delitem(labels._PAGE_LABELS, "followup_link")
    assert _unnamed(_logged_codes()) == ["followup_link"]


def test_each_app_registers_its_own_labels():
    """The audit layer holds no other app's codes: each app registers its own
    (``<app>/log_labels.py``), and one code cannot get two names."""
    import inspect

    import pytest

    from krachtbron.audit import labels
    from krachtbron.portal import log_labels as portal_labels

    source = inspect.getsource(labels)
    assert "PAGE_LABELS = {" not in source
    assert source.count('register_page_label("') == 1  # its own: "access_log"
    assert "portal_home" in labels.page_labels()
    assert 'register_page_label("portal_home"' in inspect.getsource(portal_labels)
    with pytest.raises(ValueError, match="portal_home"):
        labels.register_page_label("portal_home", "iets anders")
    labels.register_page_label("portal_home", labels.page_labels()["portal_home"])  # the same


def test_the_log_and_who_looked_show_the_part_in_words(org, as_user):
    from django.test import Client

    from krachtbron.testing.personas import login

    as_user(org.adviser).get(reverse("network:map", args=[org.family.pk]))
    officer = login(Client(), org.beheerder)
    url = reverse("audit:access_log")
    officer.post(url, {"family_reference": org.family.reference})
    html = officer.get(url).content.decode()
    assert "<td>netwerkkaart</td>" in html and "network_map" not in html
    history = as_user(org.adviser).get(reverse("families:access_history", args=[org.family.pk]))
    assert "<td>netwerkkaart</td>" in history.content.decode()


def test_a_family_member_acting_without_an_account_has_a_readable_role():
    from django.utils import translation

    from krachtbron.audit.labels import role_label

    assert role_label("gezinslid") == "gezinslid"
    with translation.override("en"):
        assert role_label("gezinslid") == "family member"
        assert role_label("adviseur") == "Adviser"
    assert role_label("") == "–"
