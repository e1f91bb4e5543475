"""The Netwerk tab of the family file: the eco-map with its table and indicators, the persons,
moments frozen over time, and two moments side by side."""

from functools import partial
from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from krachtbron.accounts.http import AuthenticatedHttpRequest
from krachtbron.audit.log import log_access
from krachtbron.audit.models import AccessKind
from krachtbron.families.file_tabs import file_context
from krachtbron.families.models import Family, FamilyMember
from krachtbron.families.permissions import get_family_for_user, get_in_family
from krachtbron.lib.idempotency import create_once
from krachtbron.lib.locking import save_form
from krachtbron.lib.prepared import Prepared
from krachtbron.network import actions
from krachtbron.network.ecomap import render_ecomap
from krachtbron.network.forms import NOW, CompareForm, PersonForm, SnapshotForm
from krachtbron.network.indicators import indicators
from krachtbron.network.mapdata import MapPerson, compare, current_map, from_snapshot_data
from krachtbron.network.models import NetworkSnapshot
from krachtbron.network.permissions import get_person_for_user, get_snapshot_for_user

PERSON_FIELDS = (
    "label",
    "member",
    "relation",
    "closeness",
    "quality",
    "stays_after_help",
    "may_be_overloaded",
    "note",
    "marks_visibility",
)


def map_svg(family: Family, persons: list[MapPerson], centre: str, when: str) -> Any:
    title = _("Netwerkkaart van %(who)s, %(when)s") % {"who": centre, "when": when}
    return render_ecomap(persons, centre_label=centre, title=title)


@require_safe
def network_map(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    family = get_family_for_user(request.user, pk)
    members = list(family.members.all())
    member = _chosen_member(request, family)
    persons = current_map(family, member)
    snapshots = _snapshot_list(family)
    centre = member.first_name if member is not None else family.label
    log_access(request.user, family, AccessKind.READ, object_type="network_map")
    context = file_context(
        family,
        "network",
        members=members,
        member=member,
        persons=persons,
        svg=map_svg(family, persons, centre, _("nu")),
        indicators=indicators(persons),
        snapshots=snapshots,
    )
    return render(request, "network/map.html", context)


def _chosen_member(request: AuthenticatedHttpRequest, family: Family) -> FamilyMember | None:
    """?gezinslid=<id> shows one member's map; an id of another family is a 404 and a refused
    look at that family (``get_in_family``)."""
    raw = request.GET.get("gezinslid", "")
    if not raw:
        return None
    return get_in_family(request.user, family, FamilyMember.objects.all(), raw)


# Without the frozen data: the list stays cheap however long the history gets. Compiled once
# per process (``lib.prepared``): the Netwerk tab asks on every view.
_SNAPSHOTS = Prepared(
    lambda family_id: (
        NetworkSnapshot.objects.filter(family_id=family_id)
        .only("id", "family_id", "taken_on", "title", "person_count")
        .order_by("-taken_on", "-id")
    )
)


def _snapshot_list(family: Family) -> list[NetworkSnapshot]:
    return list(_SNAPSHOTS.rows(family.pk))


@create_once
@require_http_methods(["GET", "POST"])
def person_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    family = get_family_for_user(request.user, pk)
    initial = {}
    member = _chosen_member(request, family)
    if member is not None:
        initial["member"] = member.pk
    form = PersonForm(request.POST or None, family=family, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        actions.add_person(request.user, family, **form.person_fields())
        messages.success(request, _("De persoon staat op de netwerkkaart."))
        return redirect("network:map", pk=family.pk)
    log_access(request.user, family, AccessKind.READ, object_type="network_person_form")
    context = file_context(family, "network", form=form)
    return render(request, "network/person_form.html", context)


@create_once
@require_http_methods(["GET", "POST"])
def person_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    person = get_person_for_user(request.user, pk)
    family = person.family
    initial: dict[str, Any] = {name: getattr(person, name) for name in PERSON_FIELDS}
    initial["member"] = person.member_id
    initial["support"] = person.support_kinds
    initial["version"] = person.version
    form = PersonForm(
        request.POST or None, family=family, user=request.user, initial=initial, editing=True
    )
    save = partial(actions.update_person, request.user, person)
    if save_form(request, form, save, changes=PersonForm.person_fields):
        messages.success(request, _("De netwerkkaart is bijgewerkt."))
        return redirect("network:map", pk=family.pk)
    log_access(request.user, family, AccessKind.READ, person)
    context = file_context(
        family,
        "network",
        form=form,
        person=person,
        removal_warnings=actions.removal_warnings(person),
    )
    return render(request, "network/person_form.html", context)


@require_POST
def person_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    person = get_person_for_user(request.user, pk)
    family = person.family
    actions.delete_person(request.user, person)
    messages.success(request, _("De persoon is van de netwerkkaart gehaald."))
    return redirect("network:map", pk=family.pk)


@create_once
@require_http_methods(["GET", "POST"])
def snapshot_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    family = get_family_for_user(request.user, pk)
    form = SnapshotForm(request.POST or None, initial={"taken_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        snapshot = actions.take_snapshot(request.user, family, **form.cleaned_data)
        messages.success(request, _("Dit moment van de netwerkkaart is bewaard."))
        return redirect("network:snapshot", pk=snapshot.pk)
    log_access(request.user, family, AccessKind.READ, object_type="network_snapshot_form")
    context = file_context(family, "network", form=form)
    return render(request, "network/snapshot_form.html", context)


@require_safe
def snapshot_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    snapshot = get_snapshot_for_user(request.user, pk)
    family = snapshot.family
    persons = from_snapshot_data(snapshot.data)
    when = f"{snapshot.taken_on:%d-%m-%Y}"
    log_access(request.user, family, AccessKind.READ, snapshot)
    context = file_context(
        family,
        "network",
        snapshot=snapshot,
        persons=persons,
        svg=map_svg(family, persons, family.label, when),
        indicators=indicators(persons),
    )
    return render(request, "network/snapshot_detail.html", context)


@require_POST
def snapshot_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    snapshot = get_snapshot_for_user(request.user, pk)
    family = snapshot.family
    actions.delete_snapshot(request.user, snapshot)
    messages.success(request, _("Het moment is verwijderd."))
    return redirect("network:map", pk=family.pk)


@require_safe
def compare_moments(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Two moments of the map side by side, with what changed in words."""
    family = get_family_for_user(request.user, pk)
    snapshots = _snapshot_list(family)
    data = request.GET if "a" in request.GET else None
    initial = {"a": str(snapshots[-1].pk) if snapshots else NOW, "b": NOW}
    form = CompareForm(data, family=family, user=request.user, initial=initial, snapshots=snapshots)
    chosen = (form.cleaned_data["a"], form.cleaned_data["b"]) if form.is_valid() else None
    if data is None:
        chosen = (initial["a"], initial["b"]) if initial["a"] != initial["b"] else None
    sides, changes = [], []
    if chosen is not None:
        sides = [_moment(family, key, snapshots) for key in chosen]
        changes = compare(sides[0]["persons"], sides[1]["persons"])
    log_access(request.user, family, AccessKind.READ, object_type="network_compare")
    context = file_context(
        family, "network", form=form, sides=sides, changes=changes, snapshots=snapshots
    )
    return render(request, "network/compare.html", context)


def _moment(family: Family, key: str, snapshots: list[NetworkSnapshot]) -> dict[str, Any]:
    if key == NOW:
        persons, when, title = current_map(family), _("nu"), _("Nu")
    else:
        # One query for the frozen data of the chosen moment only.
        snapshot = NetworkSnapshot.objects.get(pk=int(key), family=family)
        persons = from_snapshot_data(snapshot.data)
        when = f"{snapshot.taken_on:%d-%m-%Y}"
        title = when + (f" · {snapshot.title}" if snapshot.title else "")
    return {
        "title": title,
        "persons": persons,
        "svg": map_svg(family, persons, family.label, when),
        "indicators": indicators(persons),
    }
