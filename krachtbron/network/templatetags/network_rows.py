"""``{% person_rows persons editable %}``, ``{% person_chips persons %}``,
``{% moment_rows snapshots %}`` and ``{% compare_fields snapshots %}``: the Netwerk tab's long
lists, built in Python (``network/rows.py``)."""

from collections.abc import Iterable, Sequence

from django import template
from django.utils.safestring import SafeString

from krachtbron.network import rows
from krachtbron.network.mapdata import MapPerson
from krachtbron.network.models import NetworkSnapshot

register = template.Library()


@register.simple_tag
def person_rows(persons: Iterable[MapPerson], editable: bool) -> SafeString:
    return rows.person_rows(persons, editable=bool(editable))


@register.simple_tag
def person_chips(persons: Iterable[MapPerson]) -> SafeString:
    return rows.chips(persons)


@register.simple_tag
def moment_rows(snapshots: Sequence[NetworkSnapshot]) -> SafeString:
    return rows.moment_rows(snapshots)


@register.simple_tag
def compare_fields(snapshots: Sequence[NetworkSnapshot]) -> SafeString:
    return rows.compare_fields(snapshots)
