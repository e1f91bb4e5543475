"""Every download's file name says what it is, never whose (issue 15 break report, finding 9;
``lib.download``): a sweep over every declared route, by GET as the first persona allowed and by
POST as the persona its POST declaration names (``testing/forms.py``), collecting each answer
that is a download. No name holds the family's dossier number, a member's name or a network
person's label; every name has the fixed shape; and the routes known to answer with a file did
(so the sweep cannot pass by reaching none)."""

from typing import Any

import pytest
from django.db import transaction
from django.urls import reverse

from krachtbron.families.models import Family, FamilyMember
from krachtbron.lib.download import FILENAME
from krachtbron.lib.idempotency import FIELD, new_key
from krachtbron.network.models import NetworkPerson
from krachtbron.testing.forms import CreateForm, declared_create_forms, declared_other_posts
from krachtbron.testing.matrix import PERSONAS, declared_routes
from krachtbron.testing.personas import client_for

ROUTES = {route.url_name: route for route in declared_routes()}

#: Routes that answer with a file (for their declared persona and data). A new download route
#: is found by the sweep by itself; this list only proves the sweep reached the known ones.
KNOWN_DOWNLOADS = {
    "families:copy",
    "families:copy_file_download",
    "networkplan:plan_pdf",
    "portal:copy",
    "portal:copy_file_download",
    "portal:network_plan_pdf",
    "portal:pdf",
    "portal:plan_pdf",
    "portal:share_pdf",
    "questionnaires:pdf",
    "strengths:plan_pdf",
}


def _filename(response: Any) -> str | None:
    header = response.get("Content-Disposition", "")
    if not header.startswith("attachment"):
        return None
    return header.split('filename="', 1)[1].rstrip('"')


def _get(org: Any, route: Any) -> str | None:
    persona = next((p for p in PERSONAS if p in route.allowed), None)
    if persona is None:
        return None
    with transaction.atomic():
        kwargs = route.kwargs(org) if route.kwargs else {}
        client = client_for(org, persona)
        if route.setup is not None:
            route.setup(client, org, kwargs)
        name = _filename(client.get(reverse(route.url_name, kwargs=kwargs)))
        transaction.set_rollback(True)
    return name


def _post(org: Any, url_name: str, declaration: Any) -> str | None:
    route = ROUTES[url_name]
    allowed = declaration.allowed or route.allowed
    if isinstance(declaration, CreateForm):
        allowed = frozenset({declaration.persona}) | allowed
    persona = declaration.persona or next((p for p in PERSONAS if p in allowed), None)
    if persona is None:
        return None
    with transaction.atomic():
        made = declaration.kwargs or route.kwargs
        kwargs = made(org) if made else {}
        client = client_for(org, persona)
        if route.setup is not None:
            route.setup(client, org, kwargs)
        data = dict(declaration.data(org))
        if isinstance(declaration, CreateForm) and not declaration.natural:
            data[FIELD] = new_key()
        prepare = getattr(declaration, "prepare", None)
        if prepare is not None:
            data.update(prepare(client, org, kwargs) or {})
        name = _filename(client.post(reverse(url_name, kwargs=kwargs), data))
        transaction.set_rollback(True)
    return name


@pytest.mark.django_db
def test_no_download_is_named_after_a_family_or_a_person(org):
    found: dict[str, str] = {}
    for url_name, route in sorted(ROUTES.items()):
        if (name := _get(org, route)) is not None:
            found[f"GET {url_name}"] = name
    posts = [(form.url_name, form) for form in declared_create_forms()]
    posts += list(declared_other_posts().items())
    for url_name, declaration in sorted(posts, key=lambda pair: pair[0]):
        if (name := _post(org, url_name, declaration)) is not None:
            found[f"POST {url_name}"] = name
    reached = {key.split(" ", 1)[1] for key in found}
    assert reached >= KNOWN_DOWNLOADS, f"not reached: {sorted(KNOWN_DOWNLOADS - reached)}"
    words = {r.lower() for r in Family.objects.values_list("reference", flat=True)}
    words |= {n.lower() for n in Family.objects.values_list("display_name", flat=True) if n}
    words |= {n.lower() for n in FamilyMember.objects.values_list("first_name", flat=True)}
    words |= {n.lower() for n in NetworkPerson.objects.values_list("label", flat=True)}
    problems = [
        f"{key}: {name}"
        for key, name in sorted(found.items())
        if not FILENAME.fullmatch(name) or any(w and w in name.lower() for w in words)
    ]
    assert not problems, problems


def test_a_name_of_another_shape_is_refused():
    from django.http import HttpResponse

    from krachtbron.lib.download import attachment

    for bad in ("netwerkplan-KB-2024-001.pdf", "kopie dossier.pdf", 'a".pdf', "x.exe", ""):
        with pytest.raises(ValueError):
            attachment(HttpResponse(), bad)
    assert attachment(HttpResponse(), "ons-netwerkplan.pdf")["Content-Disposition"] == (
        'attachment; filename="ons-netwerkplan.pdf"'
    )


def test_every_download_is_named_through_lib_download():
    """The sweep reaches what the matrices declare; this catches a download the matrices miss."""
    from krachtbron.testing.source import ROOT, app_modules

    outside = [
        str(path.relative_to(ROOT))
        for path in app_modules()
        if "Content-Disposition" in path.read_text(encoding="utf-8")
        and path != ROOT / "lib" / "download.py"
    ]
    assert not outside, f"name downloads with lib.download.attachment: {outside}"
