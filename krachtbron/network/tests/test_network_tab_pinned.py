"""The Netwerk tab's own HTML pinned for a fixed network (issue 18): making the tab faster must
not change a byte of its map, table, chips, moments or compare form, in Dutch or English.

The pinned files hold the tab's two panels (from the map panel to the end of the moments panel;
the file header and base template are other apps' and may change on their own) with the ids of
the database replaced by names (``F``, ``M1``, ``P1``, ``S1``: in order of creation), so the pin
holds on SQLite and PostgreSQL alike. To write them again (only when a change of the page is
meant)::

    PIN_WRITE=1 .venv/bin/pytest -n 0 krachtbron/network/tests/test_network_tab_pinned.py
"""

import datetime
import os
import re
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from krachtbron.network import actions
from krachtbron.network.choices import Quality, RelationKind
from krachtbron.network.models import NetworkPerson, NetworkSnapshot

HERE = Path(__file__).parent
RLO = "\u202e"


def _network(org) -> None:
    """45 persons in every ring and sector (one crowded cell, a label with a right-to-left
    override, flags of every kind), members on some, and 6 moments with and without a title."""
    kinds, qualities = list(RelationKind.values), list(Quality.values)
    members = [org.member, org.youth, None]
    for n in range(45):
        crowded = n >= 30  # 15 in the inner ring of the household: a "+N meer" node
        NetworkPerson.objects.create(
            family=org.family,
            member=members[n % 3],
            label=f"Persoon {n} & <co>" if n != 7 else f"Oma {RLO}Truus",
            relation=RelationKind.HOUSEHOLD if crowded else kinds[n % len(kinds)],
            closeness=1 if crowded else 1 + n % 3,
            quality=qualities[n % len(qualities)],
            gives_practical=n % 2 == 0,
            gives_emotional=n % 3 == 0,
            gives_advice=n % 5 == 0,
            stays_after_help=n % 4 == 0,
            may_be_overloaded=n % 7 == 0,
        )
        if n % 8 == 0:
            actions.take_snapshot(
                org.adviser,
                org.family,
                taken_on=datetime.date(2025, 1, 6) + datetime.timedelta(days=40 * n),
                title=f"Moment <{n}>" if n % 16 else "",
            )


def _named(page: str, org) -> str:
    """The tab's panels with every database id replaced by its name."""
    start = page.index('<section class="panel" aria-labelledby="map-title">')
    end = page.index('<div class="kb-layout__side">', start)
    html = page[start:end]
    names = {("gezinnen", str(org.family.pk)): "F"}
    for prefix, model, key in (
        ("P", NetworkPerson, "personen"),
        ("S", NetworkSnapshot, "momenten"),
    ):
        rows = model.objects.filter(family=org.family).order_by("pk")
        names.update({(key, str(row.pk)): f"{prefix}{i}" for i, row in enumerate(rows, 1)})
    members = org.family.members.order_by("pk")
    names.update({("member", str(m.pk)): f"M{i}" for i, m in enumerate(members, 1)})

    def url(match: re.Match[str]) -> str:
        return f"/{match[1]}/{names[(match[1], match[2])]}/"

    def options(kind: str, select: str) -> str:
        return re.sub(
            r'<option value="(\d+)"', lambda m: f'<option value="{names[(kind, m[1])]}"', select
        )

    html = re.sub(r"/(gezinnen|personen|momenten)/(\d+)/", url, html)
    html = re.sub(r"gezinslid=(\d+)", lambda m: f"gezinslid={names[('member', m[1])]}", html)
    # The member filter lists members; the compare form's selects list moments.
    head, filter_start, rest = html.partition('<select name="gezinslid"')
    member_select, select_end, tail = rest.partition("</select>")
    return (
        head
        + filter_start
        + options("member", member_select)
        + select_end
        + options("momenten", tail)
    )


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_netwerk_tab_is_exactly_as_pinned_and_asks_for_the_network_twice(
    org, as_user, language, settings
):
    _network(org)
    client = as_user(org.adviser)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("network:map", args=[org.family.pk]))
    assert response.status_code == 200
    html = _named(response.content.decode(), org)
    pinned = HERE / f"network_tab_pinned.{language}.html"
    if os.environ.get("PIN_WRITE"):
        pinned.write_text(html)
    assert html == pinned.read_text()
    # Once for the persons and once for the moments (without their frozen data): the tab asks
    # nothing more of the network's tables, however big the network or its history.
    tables = ('FROM "network_networkperson"', 'FROM "network_networksnapshot"')
    network = [q["sql"] for q in queries if any(table in q["sql"] for table in tables)]
    assert len(network) == 2, network
    assert not any('"data"' in sql for sql in network)
