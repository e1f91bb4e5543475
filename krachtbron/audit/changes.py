"""Administrative changes in words, for the privacy officer (SECURITY.md 18).

A change is an access-log row whose ``object_type`` is one of ``labels.ADMIN_LABELS``; its
``extra`` maps each changed field to ``[old, new]`` codes and ids (or ``CHANGED``). Here those
codes become words and the ids names — of staff, teams, rounds, projects, never of families —
for a whole page of rows at once, with one query per kind of name, however long the page.

Apps above this one (reflection) name their own objects: they call ``register_names`` in
``AppConfig.ready()``, so this module never imports them.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from krachtbron.audit.change_labels import ADMIN_KIND_LABELS, FIELD_LABELS, VALUE_LABELS
from krachtbron.audit.labels import ADMIN_LABELS, role_label
from krachtbron.audit.log import CHANGED
from krachtbron.audit.models import AccessLogEntry

#: What an id stands for, per object type and per field: "user", "team", or a registered kind.
SUBJECT_KINDS = {
    "user": "user",
    "user_invitation": "user",
    "second_factor": "user",
    "privacy_officer_grant": "user",
    "beheerder_grant": "user",
    "team": "team",
    "reflection_round": "reflection_round",
    "export_project": "export_project",
}
FIELD_KINDS = {"team": "team", "teams": "team", "researcher": "user"}
BOOLEAN_FIELDS = {"is_active", "is_privacy_officer"}
DATE_FIELDS = {"starts_on", "ends_on", "until"}
MONTH_FIELDS = {"first_month", "last_month"}

NameLookup = Callable[[set[int]], dict[int, str]]
_NAMES: dict[str, NameLookup] = {}


def register_names(kind: str, lookup: NameLookup) -> None:
    """Let an app name its objects: ``lookup(ids)`` returns ``{id: name}`` in one query."""
    _NAMES[kind] = lookup


def _user_names(ids: set[int]) -> dict[int, str]:
    from krachtbron.accounts.models import User

    return {user.pk: str(user) for user in User.objects.filter(pk__in=ids)}


def _team_names(ids: set[int]) -> dict[int, str]:
    from krachtbron.accounts.models import Team

    return dict(Team.objects.filter(pk__in=ids).values_list("pk", "name"))


register_names("user", _user_names)
register_names("team", _team_names)


@dataclass
class FieldChange:
    label: str
    old: str = ""
    new: str = ""
    only_changed: bool = False  # personal data: the log knows that it changed, not what


@dataclass
class AdminChange:
    entry: AccessLogEntry
    what: str  # "gebruiker", "reflectieronde", ...
    how: str  # "aangemaakt", "gewijzigd", "aangevraagd", ...
    subject: str  # the name of the user, team, round or project; a dossier number
    changes: list[FieldChange] = field(default_factory=list)


def describe(entries: Iterable[AccessLogEntry]) -> list[AdminChange]:
    """The rows in words. Queries: one per kind of name that occurs on the page."""
    entries = list(entries)
    wanted: dict[str, set[int]] = {}
    for entry in entries:
        kind = SUBJECT_KINDS.get(entry.object_type)
        if kind and entry.object_id is not None:
            wanted.setdefault(kind, set()).add(entry.object_id)
        for name, value in _pairs(entry):
            if name in FIELD_KINDS:
                wanted.setdefault(FIELD_KINDS[name], set()).update(_ids(value))
    names = {
        kind: _NAMES[kind](ids) if kind in _NAMES and ids else {} for kind, ids in wanted.items()
    }
    return [_describe(entry, names) for entry in entries]


def _pairs(entry: AccessLogEntry) -> list[tuple[str, Any]]:
    extra = entry.extra if isinstance(entry.extra, dict) else {}
    return [(name, value) for name, value in extra.items() if value != CHANGED]


def _ids(value: Any) -> set[int]:
    old, new = value if isinstance(value, list) and len(value) == 2 else (None, None)
    ids: set[int] = set()
    for side in (old, new):
        for item in side if isinstance(side, list) else [side]:
            if isinstance(item, int) and not isinstance(item, bool):
                ids.add(item)
    return ids


def _describe(entry: AccessLogEntry, names: dict[str, dict[int, str]]) -> AdminChange:
    kind = SUBJECT_KINDS.get(entry.object_type)
    if kind is None:
        subject = entry.family_reference or "–"
    elif entry.object_id is None:
        subject = "–"
    else:
        subject = names.get(kind, {}).get(entry.object_id) or f"#{entry.object_id}"
    changes = []
    extra = entry.extra if isinstance(entry.extra, dict) else {}
    for name, value in extra.items():
        label = str(FIELD_LABELS.get(name, name))
        if value == CHANGED:
            changes.append(FieldChange(label, only_changed=True))
        elif isinstance(value, list) and len(value) == 2:
            old, new = (_value(name, side, names) for side in value)
            changes.append(FieldChange(label, old, new))
        else:  # a row written before this format: shown as it is, nothing hidden
            changes.append(FieldChange(label, new=str(value)))
    what = str(ADMIN_LABELS.get(entry.object_type, entry.object_type))
    how = ADMIN_KIND_LABELS.get((entry.object_type, entry.kind)) or entry.get_kind_display()
    return AdminChange(entry, what, str(how), subject, changes)


def _value(name: str, value: Any, names: dict[str, dict[int, str]]) -> str:
    """One side of a change in words; "–" for none."""
    if value is None or value == []:
        return "–"
    if isinstance(value, list):
        return ", ".join(_value(name, item, names) for item in value)
    if name in BOOLEAN_FIELDS:
        return _("ja") if value else _("nee")
    if name == "role":
        return role_label(str(value))
    if name in FIELD_KINDS:
        return names.get(FIELD_KINDS[name], {}).get(value) or f"#{value}"
    if name == "instrument_id":
        return _instrument_title(str(value))
    if name in VALUE_LABELS:
        return str(VALUE_LABELS[name].get(value, value))
    if name in DATE_FIELDS | MONTH_FIELDS:
        try:
            day = date.fromisoformat(str(value))
        except ValueError:
            return str(value)
        return date_format(day, "F Y" if name in MONTH_FIELDS else "j F Y")
    return str(value)


def _instrument_title(instrument_id: str) -> str:
    """An instrument's title in the reader's language; the id when it is unknown (no query)."""
    from krachtbron.lib.instrument_language import instrument_for_reader

    try:
        return instrument_for_reader(instrument_id).title
    except LookupError:
        return instrument_id
