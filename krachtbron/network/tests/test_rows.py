"""The Netwerk tab's lists built in Python say exactly what Django's form and date filter say
(``network/rows.py``), for hostile moment titles and in every staff language."""

import datetime

import pytest
from django.template.defaultfilters import date as date_filter
from django.utils import translation

from krachtbron.network import rows
from krachtbron.network.forms import NOW, CompareForm
from krachtbron.network.models import NetworkSnapshot
from krachtbron.strengths.tests.hostile import HOSTILE, RLO


def _moments() -> list[NetworkSnapshot]:
    titles = ["", f"{RLO}evil", 'Twee "quotes" & <b>co</b>', *HOSTILE]
    return [
        NetworkSnapshot(
            pk=100 - i,
            taken_on=datetime.date(2025, 1 + i % 12, 1 + 3 * i % 28),
            title=title,
            person_count=i,
        )
        for i, title in enumerate(titles)
    ]


@pytest.mark.parametrize("language", ["nl", "en", "ar"])
def test_the_compare_fields_are_the_unbound_forms_fields(org, language):
    moments = _moments()
    with translation.override(language):
        form = CompareForm(
            family=org.family,
            user=org.adviser,
            initial={"a": str(moments[-1].pk), "b": NOW},
            snapshots=moments,
        )
        assert str(rows.compare_fields(moments)) == str(form)
        assert str(rows.compare_fields(moments[:1])).count(" selected") == 2


@pytest.mark.parametrize("language", ["nl", "en"])
def test_each_moment_says_its_date_as_the_date_filter_does(language):
    moments = _moments()
    with translation.override(language):
        html = str(rows.moment_rows(moments))
        for moment in moments:
            assert f">{date_filter(moment.taken_on, 'j F Y')}" in html
    assert html.count("<li") == len(moments)
