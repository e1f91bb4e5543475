"""The one shape of a stored answer to an instrument item, shared by the three answer tables.

The family questionnaire (``questionnaires.Answer``), the professionals' reflection
(``reflection.ProfessionalAnswer``) and the organisation rounds (``reflection.OrganisationAnswer``)
keep separate tables: anonymity depends on it (an organisation answer must not share a key
sequence or a table with answers that have an author). What they share is defined here once: the
item id, the value 0–4 or ``None`` for an item left open (docs/instruments.md, rule 1), and the
database constraint that holds the value to the scale.

The base imposes no key: the anonymous organisation answers keep their random UUIDs, the others
Django's default sequence. A table keeps its own constraint name (renaming would rebuild a large
table on SQLite), so each declares ``ItemAnswer.value_in_scale(name)`` in its ``Meta``; a system
check (``manage.py check``, and so every test run) fails for a subclass that leaves it out.
"""

from __future__ import annotations

from typing import Any

from django.core import checks
from django.db import models
from django.db.models import Q

from krachtbron.instruments import SCALE_VALUES

#: The condition every stored value meets: open, or a value of the scale (0–4).
VALUE_IN_SCALE = Q(value__isnull=True) | Q(
    value__gte=min(SCALE_VALUES), value__lte=max(SCALE_VALUES)
)


class ItemAnswer(models.Model):
    """One item's answer: ``item_id`` (the engine's item id) and ``value`` 0–4, or ``None``
    when the item was left open."""

    item_id = models.CharField(max_length=32)
    value = models.SmallIntegerField(null=True, blank=True)

    class Meta:
        abstract = True

    @staticmethod
    def value_in_scale(name: str) -> models.CheckConstraint:
        """The check constraint that holds ``value`` to the scale, under this table's name."""
        return models.CheckConstraint(condition=VALUE_IN_SCALE, name=name)

    @classmethod
    def check(cls, **kwargs: Any) -> list[checks.CheckMessage]:
        errors = super().check(**kwargs)
        if not any(
            isinstance(c, models.CheckConstraint) and c.condition == VALUE_IN_SCALE
            for c in cls._meta.constraints
        ):
            errors.append(
                checks.Error(
                    "an answer table must hold its value to the scale 0–4",
                    hint="add ItemAnswer.value_in_scale('<name>') to Meta.constraints",
                    obj=cls,
                    id="krachtbron.lib.E001",
                )
            )
        return errors
