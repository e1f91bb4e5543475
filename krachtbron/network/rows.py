"""The long lists of the Netwerk tab as HTML built in Python: the table of everyone on the map
(200 persons on a big file) and the list of moments (50 and more).

A template loop costs about 0.1 ms per row here, so these rows were most of the page's time
(issue 18). The HTML is exactly what the template loops made (``network/_table.html`` and the
moments list in ``network/map.html`` before); every value is escaped as the template escaped it.
Labels are translated once per request, not once per row.
"""

from collections.abc import Callable, Iterable, Sequence

from django.template.defaultfilters import date as date_filter
from django.urls import reverse
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext

from krachtbron.lib.templatetags.inert import lang_nl
from krachtbron.network.choices import Closeness, Quality, RelationKind, SupportKind
from krachtbron.network.mapdata import MARKS_HIDDEN, MapPerson
from krachtbron.network.models import NetworkSnapshot

DASH = "–"


def id_url(name: str) -> Callable[[int], str]:
    """``reverse(name, args=[pk])`` for many ids at the cost of one ``reverse`` (for URLs whose
    only argument is an ``<int:pk>``)."""
    marker = 918273645
    head, found, tail = reverse(name, args=[marker]).partition(str(marker))
    assert found, name
    return lambda pk: f"{head}{int(pk)}{tail}"


def person_rows(persons: Iterable[MapPerson], *, editable: bool) -> SafeString:
    """The ``<tr>`` rows of the table of everyone on the map."""
    e = conditional_escape
    relations = {value: e(str(label)) for value, label in RelationKind.choices}
    closeness = {value: e(str(label)) for value, label in Closeness.choices}
    qualities: dict[str, str] = {value: e(str(label)) for value, label in Quality.choices}
    qualities[MARKS_HIDDEN] = DASH
    supports = {value: e(str(label)) for value, label in SupportKind.choices}
    household, yes, edit = e(gettext("gezin")), e(gettext("ja")), e(gettext("Wijzigen"))
    edit_url = id_url("network:person_edit")
    bdi = f"<bdi{lang_nl()}>"  # what the family typed is Dutch content on an English page
    parts = []
    for p in persons:
        label = e(p.label)
        member = f"{bdi}{e(p.member_label)}</bdi>" if p.member_label else household
        support = ", ".join(supports[kind] for kind in p.support) or DASH
        if editable:
            action = (
                f'        <td><a href="{edit_url(p.id)}">{edit}<span class="visually-hidden"> '
                f"{bdi}{label}</bdi></span></a></td>\n"
            )
        else:
            action = "        \n"
        parts.append(
            "\n      <tr>\n"
            f"        <td>{bdi}{label}</bdi></td>\n"
            f"        <td>{member}</td>\n"
            f"        <td>{relations[p.relation]}</td>\n"
            f"        <td>{closeness[p.closeness]}</td>\n"
            f'        <td><span class="quality quality--{e(p.quality)}">'
            f"{qualities[p.quality]}</span></td>\n"
            f"        <td>{support}</td>\n"
            f"        <td>{yes if p.stays_after_help else DASH}</td>\n"
            f"        <td>{yes if p.may_be_overloaded else DASH}</td>\n"
            f"{action}"
            "      </tr>\n    "
        )
    return mark_safe("".join(parts))  # noqa: S308 - every value above is escaped


def moment_rows(snapshots: Sequence[NetworkSnapshot]) -> SafeString:
    """The ``<li>`` rows of the list of moments kept over time."""
    e = conditional_escape
    url = id_url("network:snapshot")
    bdi = f"<bdi{lang_nl()}>"
    parts = []
    for s in snapshots:
        title = f" · {bdi}{e(s.title)}</bdi>" if s.title else ""
        count = ngettext("%(n)s persoon", "%(n)s personen", s.person_count) % {"n": s.person_count}
        parts.append(
            "\n        "
            f'<li class="row"><a href="{url(s.pk)}">{e(date_filter(s.taken_on, "j F Y"))}'
            f"{title}</a>\n"
            f'          <span class="muted">{e(count)}</span></li>\n'
            "        "
        )
    return mark_safe("".join(parts))  # noqa: S308 - every value above is escaped
