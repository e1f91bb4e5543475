"""The long lists of the Netwerk tab as HTML built in Python: the table of everyone on the map
(200 persons on a big file), the chips of who stays and who may be overloaded, the list of
moments (50 and more) and the compare form's two selects of every moment.

A template loop costs about 0.1 ms per row here, so these rows were most of the page's time
(issue 18). The HTML is exactly what the template loops and the form made before
(``tests/test_network_tab_pinned.py`` pins the tab; ``tests/test_rows.py`` renders the compare
form both ways); every value is escaped as the templates escaped it: ``e`` is
``html.escape``, which is what Django's ``escape`` does to a string, without its lazy-text
wrapper (a few µs a call, thousands of calls). Labels are translated once per request, not
once per row.
"""

from collections.abc import Callable, Iterable, Sequence
from html import escape

from django.urls import reverse
from django.utils.dates import MONTHS
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext

from krachtbron.lib.bidi import isolate
from krachtbron.lib.family_language import join_list
from krachtbron.lib.templatetags.inert import lang_nl
from krachtbron.network.choices import Closeness, Quality, RelationKind, SupportKind
from krachtbron.network.forms import NOW, CompareForm, moment_choices
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
    e = escape
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
        support = join_list(supports[kind] for kind in p.support) or DASH
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
    e = escape
    url = id_url("network:snapshot")
    bdi = f"<bdi{lang_nl()}>"
    months = {number: str(name) for number, name in MONTHS.items()}
    counts: dict[int, str] = {}
    parts = []
    for s in snapshots:
        title = f" · {bdi}{e(s.title)}</bdi>" if s.title else ""
        n = s.person_count
        if n not in counts:
            counts[n] = e(ngettext("%(n)s persoon", "%(n)s personen", n) % {"n": n})
        day = s.taken_on  # as the date filter's "j F Y"
        parts.append(
            "\n        "
            f'<li class="row"><a href="{url(s.pk)}">'
            f"{e(f'{day.day} {months[day.month]} {day.year:04d}')}{title}</a>\n"
            f'          <span class="muted">{counts[n]}</span></li>\n'
            "        "
        )
    return mark_safe("".join(parts))  # noqa: S308 - every value above is escaped


def chips(persons: Iterable[MapPerson]) -> SafeString:
    """The ``<li>`` chips of persons named among the indicators (who stays, who may be
    overloaded)."""
    bdi = f"<bdi{lang_nl()}>"
    return mark_safe(  # noqa: S308 - every label is escaped
        "".join(f"<li>{bdi}{escape(p.label)}</bdi></li>" for p in persons)
    )


def compare_fields(snapshots: Sequence[NetworkSnapshot]) -> SafeString:
    """The fields of the compare form as ``{{ form }}`` renders the unbound ``CompareForm`` of
    the Netwerk tab (Django's ``div.html``, the project's option template: every label
    isolated; the oldest moment and "nu" chosen), but with one list of options for both
    selects and no widget templates."""
    choices = moment_choices(snapshots)
    options = [
        (value, f'\n  \n<option value="{escape(value)}"', f">{escape(isolate(label))}</option>\n")
        for value, label in choices
    ]
    suffix = escape(gettext(":"))  # Django's Form.label_suffix

    def field(name: str, value: str) -> str:
        label = escape(str(CompareForm.base_fields[name].label))
        body = "".join(
            head + (" selected" if key == value else "") + tail for key, head, tail in options
        )
        return (
            f'<div>\n    <label for="id_{name}">{label}{suffix}</label>\n\n\n\n'
            f'<select name="{name}" id="id_{name}">{body}\n</select>\n    '
        )

    first, second = field("a", choices[-1][0]), field("b", NOW)
    return mark_safe(  # noqa: S308 - every value above is escaped
        f"{first}\n</div>\n\n  {second}\n      \n    \n</div>"
    )
