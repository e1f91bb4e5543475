"""Every field of a family file is in the copy or left out with a written reason (break-11).

The tester found fields left out silently (``Answer.answered_at``, ``Family.created_at`` ...):
coverage was checked per model only. Now per field, by difference: in the copy family
(``copy_family.py``) each field of each covered model is changed in every row, straight in the
database, and the copy (made for Fatima, with the network) must change too. A field whose change
does not reach the copy must be left out on purpose: ``register_copy_exclusion(..., fields=...)``
with its reason, listed in docs/familiedossier.md, or one of ``file_copy.TECHNICAL_FIELDS``.

The access log cannot be changed (append-only); its part turns each row into a line with
``copy_parts.log_line``, so there the line of a changed row (in memory) is compared.
"""

import copy as copying
import json
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from krachtbron.audit.models import AccessLogEntry
from krachtbron.families.choices import MemberRole
from krachtbron.families.copy_parts import log_line
from krachtbron.families.file_copy import (
    TECHNICAL_FIELDS,
    build_copy,
    copy_exclusions,
    copy_parts,
    copy_request,
)
from krachtbron.families.models import Family, FamilyMember
from krachtbron.families.tests.copy_family import make_copy_family
from krachtbron.questionnaires.tests.factories import completed_response
from krachtbron.strengths.models import FirstQuestion
from krachtbron.testing.factories import MemberFactory

pytestmark = pytest.mark.django_db


def _excluded() -> dict[type[models.Model], set[str]]:
    found: dict[type[models.Model], set[str]] = {}
    for exclusion in copy_exclusions():
        found.setdefault(exclusion.model, set()).update(exclusion.fields)
    return found


def shown_fields() -> list[tuple[type[models.Model], models.Field]]:
    """(model, field) for every field of a covered model that is not left out on purpose."""
    excluded = _excluded()
    return [
        (model, field)
        for part in copy_parts()
        for model in part.models
        for field in model._meta.concrete_fields
        if field.name not in TECHNICAL_FIELDS and field.name not in excluded.get(model, set())
    ]


#: Fields the copy shows that cannot take another value the app understands, with the check
#: that they are shown instead: (model label, field) -> copy text -> true when it is there.
SHOWN_AS_IS: dict[str, Callable[[Any, str], bool]] = {
    # One instrument for families, in one version: its title and version are in the copy.
    "questionnaires.Response.instrument_id": lambda r, text: _title(r) in text,
    "questionnaires.Response.instrument_version": lambda r, text: (
        f'"versie": "{_version(r)}"' in text
    ),
    # A proposal's kind goes with what it holds (a new person's name, or the person it is
    # about: a check constraint): its words are in the copy.
    "network.NetworkProposal.kind": lambda r, text: f'"soort": "{r.get_kind_display()}"' in text,
    # An agreement has exactly one performer (a check constraint): "the adviser does it" cannot
    # be switched alone, and is shown as who does it.
    "networkplan.Agreement.performer_adviser": lambda r, text: (
        not r.performer_adviser or '"wie_doet_het": "de hulpverlener"' in text
    ),
}


def _title(response: Any) -> str:
    from krachtbron.instruments import get_instrument

    return get_instrument(response.instrument_id, "nl", response.instrument_version).title


def _version(response: Any) -> str:
    from krachtbron.instruments import get_instrument

    return get_instrument(response.instrument_id, "nl", response.instrument_version).version


def _other_item(value: str, row: Any) -> str:
    """Another item of the instrument that this response has no answer to."""
    from krachtbron.questionnaires.tests.factories import ALL_ITEMS

    taken = set(
        type(row)
        ._base_manager.filter(response_id=row.response_id)
        .values_list("item_id", flat=True)
    )
    return next(item for item in ALL_ITEMS if item not in taken)


#: Fields whose other value must come from the app's own list.
OTHER_VALUE = {"questionnaires.Answer.item_id": _other_item}


def _other(field: models.Field, value: Any, row: models.Model) -> Any:
    """A different value of the same kind that the database accepts."""
    special = OTHER_VALUE.get(f"{field.model._meta.label}.{field.name}")
    if special is not None:
        return special(value, row)
    if field.is_relation:
        if field.null and value is not None:
            return None
        raise AssertionError("a relation gets its other value in _change")
    if field.choices:
        return next(choice for choice, _label in field.flatchoices if choice != value)
    if isinstance(field, models.BooleanField):
        return not value
    if isinstance(field, models.DateTimeField):
        return (value or timezone.now()) - timedelta(days=3)
    if isinstance(field, models.DateField):
        return (value or timezone.localdate()) - timedelta(days=3)
    if isinstance(field, models.IntegerField):
        if value is None:
            return 1
        return value - 1 if value > 0 else value + 1
    if isinstance(field, models.CharField | models.TextField):
        text = (value or "") + "Q"
        return text[-field.max_length :] if field.max_length else text
    if isinstance(field, models.JSONField):
        if isinstance(value, list):
            return value[:-1] if value else value
        changed = copying.deepcopy(value)
        for person in changed.get("persons", []):  # a frozen moment of the network map
            person["label"] += "Q"
        return changed
    raise AssertionError(f"no other value for {field!r}")


#: Rows that reach their family through another row (the netwerkplan's): the lookup to it.
FAMILY_PATHS = {
    "networkplan.PlanCall": "plan__family_id",
    "networkplan.Share": "plan__family_id",
    "networkplan.ShareConsent": "share__plan__family_id",
    "networkplan.ContactPoint": "person__family_id",
}


def _family_id(row: models.Model) -> Any:
    path = FAMILY_PATHS.get(row._meta.label)
    if path is None:
        return row.family_id  # type: ignore[attr-defined]
    return type(row)._base_manager.filter(pk=row.pk).values_list(path, flat=True).get()


def _change(model: type[models.Model], field: Any, row: models.Model) -> None:
    """Give ``field`` of ``row`` another value, in the database. A relation takes nothing (when
    it may) or the first other object the database accepts (a one-to-one or a unique pair may
    already be taken); a member, another member of the same family."""
    value = getattr(row, field.attname)
    rows = model._base_manager.filter(pk=row.pk)
    if not field.is_relation:
        with transaction.atomic():  # an IntegrityError: the field cannot vary (reported)
            rows.update(**{field.attname: _other(field, value, row)})
        return
    others = field.related_model._base_manager.exclude(pk=value).order_by("pk")
    if field.related_model is FamilyMember:
        if value is None:
            others = others.filter(family_id=_family_id(row))
        else:
            others = others.filter(family__members=value)
    candidates = list(others.values_list("pk", flat=True)[:20])
    if field.null and value is not None:
        candidates.insert(0, None)
    for pk in candidates:
        try:
            with transaction.atomic():
                rows.update(**{field.attname: pk})
            return
        except IntegrityError:
            continue
    # Nothing else to point to (the only member of another family): this row stays; the
    # rows of the copy family have others.


def _copy_text(org: Any, family: Any, now: Any) -> str:
    fresh = Family.objects.get(pk=org.family.pk)  # as the database has it now
    fatima = FamilyMember.objects.get(pk=family.fatima.pk)
    try:
        request = copy_request(fresh, fatima, include_third_parties=True, now=now)
    except ValueError as error:  # Fatima moved to another family: no copy for her here
        return str(error)
    data = build_copy(request).as_json()
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, sort_keys=True)


def _attname(field: models.Field) -> str:
    return field.attname


def _silent(org: Any, family: Any, fields: list[tuple[type[models.Model], Any]]) -> list[str]:
    """The fields among ``fields`` whose change, in every row, leaves the copy as it was."""
    now = timezone.now()
    before = _copy_text(org, family, now)
    silent = []
    for model, field in fields:
        rows = list(model._base_manager.all())
        assert rows, f"the copy family has no {model._meta.label}"
        as_is = SHOWN_AS_IS.get(f"{model._meta.label}.{field.name}")
        if as_is is not None:
            if not all(as_is(row, before) for row in rows if _family_id(row) == org.family.pk):
                silent.append(f"{model._meta.label}.{field.name}")
            continue
        with transaction.atomic():
            try:
                for row in rows:
                    _change(model, field, row)
            except IntegrityError:
                silent.append(f"{model._meta.label}.{field.name} (cannot take another value)")
                transaction.set_rollback(True)
                continue
            if _copy_text(org, family, now) == before:
                silent.append(f"{model._meta.label}.{field.name}")
            transaction.set_rollback(True)
    return silent


def test_every_field_of_a_family_file_reaches_the_copy_or_is_left_out_with_a_reason(org):
    family = make_copy_family(org)
    # Lina (12) has nothing yet and an empty questionnaire: a member and a questionnaire for
    # rows to move to that the unique rules allow (one strength per dimension, one answer per
    # question).
    lina = MemberFactory(
        family=org.family,
        first_name="Lina",
        role=MemberRole.YOUTH,
        birth_year=timezone.localdate().year - 12,
    )
    completed_response(lina, org.adviser, {})
    # Another family's first question, for a revision to move to, and a family without one,
    # for the question to move to.
    FirstQuestion.objects.create(family=org.other_family, text="ANDER")
    Family.objects.create(reference="KB-LEEG-1", team=org.other_team)
    fields = [(m, f) for m, f in shown_fields() if m is not AccessLogEntry]  # see the next test
    silent = _silent(org, family, fields)
    assert silent == [], (
        "These fields never reach the copy: show them in their part, or leave them out with "
        f"register_copy_exclusion(model, reason, fields=[...]): {silent}"
    )


def test_every_field_of_a_log_row_reaches_its_line_or_is_left_out_with_a_reason(org):
    make_copy_family(org)
    rows = list(AccessLogEntry.objects.filter(family_id=org.family.pk).exclude(actor=None))
    assert rows
    silent = []
    for model, field in shown_fields():
        if model is not AccessLogEntry:
            continue
        for row in rows:
            changed = copying.copy(row)
            setattr(changed, _attname(field), _other(field, getattr(row, field.attname), row))
            if field.is_relation:
                changed._state.fields_cache.pop(field.name, None)
            if log_line(changed) != log_line(row):
                break
        else:
            silent.append(f"{model._meta.label}.{field.name}")
    assert silent == [], silent


def test_the_check_finds_a_field_that_is_left_out(org):
    """The oracle: a field the copy leaves out (the link's secret) is reported; one it shows
    (a goal's text) is not."""
    from krachtbron.families.models import Goal
    from krachtbron.questionnaires.models import Invitation

    family = make_copy_family(org)
    token = (Invitation, Invitation._meta.get_field("token_hash"))
    text = (Goal, Goal._meta.get_field("text"))
    assert _silent(org, family, [token, text]) == ["questionnaires.Invitation.token_hash"]
