"""The dashboard rounds the exact group mean on every database (tester of issue 12, finding 2).

The cells summed the respondents' float section means in SQL: a float sum on SQLite
(1.4499999999999997 → 1,4), an exact numeric sum on PostgreSQL (→ 1,5). The sums are now whole
numbers in units of 1/section_scale, the same on both, and stored as exact fractions.
"""

from fractions import Fraction

import pytest
from django.urls import reverse

from krachtbron.insight.cells import section_scale
from krachtbron.insight.published import _OLD_SUM_DENOMINATOR, exact_sum
from krachtbron.instruments.tests.test_exact_means import SETS
from krachtbron.reflection.tests.factories import (
    earlier_closed_quarter_moment,
    family_response,
    published_again,
)
from krachtbron.testing.personas import client_for


@pytest.mark.django_db
def test_the_dashboard_shows_the_exact_half_rounded_up_on_every_database(org):
    when = earlier_closed_quarter_moment(org.team)
    for answers in SETS:
        family_response(org.team, answers, completed_at=when)
    published_again()
    client = client_for(org, "teamleider")
    csv = client.get(reverse("insight:dashboard_csv")).content.decode("utf-8-sig")
    row = next(
        line
        for line in csv.splitlines()
        if line.startswith("gemiddelde per onderdeel;") and ";situatie;" in line
    )
    assert row.split(";")[6] == "1,5", row  # SQLite said 1,4, PostgreSQL 1,5
    page = client.get(reverse("insight:dashboard")).content.decode()
    assert "1,5" in page


def test_every_section_scale_fits_the_stored_sums_snapping():
    from krachtbron.instruments import default_registry

    for instrument in default_registry().instruments:
        for section in instrument.sections:
            scale = section_scale(len(section.items))
            assert all(
                scale % n == 0 for n in range((len(section.items) + 1) // 2, len(section.items) + 1)
            )
            assert _OLD_SUM_DENOMINATOR % scale == 0, (instrument.id, section.id)


@pytest.mark.parametrize(
    ("stored", "exact"),
    [
        ("29/4", Fraction(29, 4)),
        ("7", Fraction(7)),
        (7, Fraction(7)),
        (7.249999999999999, Fraction(29, 4)),
        (2.3333333333333335, Fraction(7, 3)),
    ],
)
def test_stored_sums_are_read_exactly_also_old_floats(stored, exact):
    assert exact_sum(stored) == exact
