"""'Ons krachtenplan' as PDF with a big network: above ``COMPACT_FROM`` persons the network is a
list per circle in running text, not a table (issue 18: WeasyPrint lays out a big table
slowly); the HTML print view keeps its table."""

import io
import re

import pypdf
from django.urls import reverse
from django.utils import translation

from krachtbron.lib.bidi import isolate
from krachtbron.network.choices import Closeness, Quality, RelationKind
from krachtbron.network.mapdata import current_map
from krachtbron.network.tests.factories import NetworkPersonFactory
from krachtbron.strengths.plan import COMPACT_FROM, network_groups


def _squashed_pdf_text(content: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(content))
    return re.sub(r"\s+", "", "".join(page.extract_text() for page in reader.pages))


def _persons(family, n):
    rings = [Closeness.FAR, Closeness.CLOSE, Closeness.MIDDLE]
    for i in range(n):
        NetworkPersonFactory(
            family=family,
            label=f"Mens{i:03d}",
            closeness=rings[i % 3],
            relation=RelationKind.NEIGHBOURHOOD if i % 2 else RelationKind.FRIENDS,
            stays_after_help=i % 4 == 0,
        )


def test_groups_go_inner_circle_first_and_say_what_the_table_said(org):
    _persons(org.family, 7)
    NetworkPersonFactory(
        family=org.family, label="Tante", closeness=Closeness.CLOSE, quality=Quality.SUPPORTIVE
    )
    groups = network_groups(current_map(org.family))
    assert [g.label for g in groups] == [str(c.label) for c in Closeness]
    assert sum(len(g.people) for g in groups) == 8
    close = dict(groups[0].people)
    # Each name isolated (FSI ... PDI) in the running text, as a <bdi> would.
    assert set(close) == {isolate("Mens001"), isolate("Mens004"), isolate("Tante")}
    # Joined as the language writes a list (lib.family_language.join_list).
    assert close[isolate("Mens004")] == (
        f"{RelationKind.FRIENDS.label}, {Quality.SUPPORTIVE.label} en blijft als de hulp stopt"
    )
    assert close[isolate("Mens001")] == (
        f"{RelationKind.NEIGHBOURHOOD.label} en {Quality.SUPPORTIVE.label}"
    )
    with translation.override("ar"):
        arabic = dict(network_groups(current_map(org.family))[0].people)[isolate("Mens001")]
    assert ", " not in arabic and " و" in arabic


def test_a_big_network_is_listed_per_circle_in_the_pdf(org, as_user):
    _persons(org.family, COMPACT_FROM + 1)
    client = as_user(org.adviser)

    pdf = _squashed_pdf_text(
        client.get(reverse("strengths:plan_pdf", args=[org.family.pk])).content
    )
    assert "Iedereenopdekaart,percirkel" in pdf
    assert "WieRelatieHoedichtbijContact" not in pdf  # the table header
    for i in range(COMPACT_FROM + 1):
        assert f"Mens{i:03d}" in pdf
    per_ring = (COMPACT_FROM + 1 + 2) // 3
    assert f"{Closeness.CLOSE.label}({per_ring})".replace(" ", "") in pdf
    # The print view in the browser keeps the table.
    page = client.get(reverse("strengths:plan", args=[org.family.pk])).content.decode()
    assert 'class="plan__table"' in page and "per cirkel" not in page


def test_a_small_network_keeps_the_table_in_the_pdf(org, as_user):
    _persons(org.family, COMPACT_FROM)
    response = as_user(org.adviser).get(reverse("strengths:plan_pdf", args=[org.family.pk]))
    pdf = _squashed_pdf_text(response.content)
    assert "WieRelatieHoedichtbijContact" in pdf and "percirkel" not in pdf
    assert "Mens039" in pdf
