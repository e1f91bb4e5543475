"""Group figures find an instrument's answers through the registry the apps fill in ``ready()``:
an instrument no app registered is an error, never silently read from another app's tables."""

from __future__ import annotations

import dataclasses

import pytest
from django.core.exceptions import ImproperlyConfigured

from krachtbron.insight.published import kind_of, published_cells
from krachtbron.instruments import get_instrument
from krachtbron.instruments.ids import FAMILIES, ORGANISATION, PROFESSIONALS
from krachtbron.lib import answer_sources
from krachtbron.lib.answer_sources import (
    PeriodKind,
    UnregisteredInstrumentError,
    answer_source,
    register_source,
    registered_instruments,
    source_for,
)
from krachtbron.questionnaires.models import Answer
from krachtbron.reflection import sources
from krachtbron.reflection.models import OrganisationAnswer, ProfessionalAnswer


def test_each_app_registers_the_instruments_it_stores():
    assert answer_source(FAMILIES).app_label == "questionnaires"
    assert answer_source(PROFESSIONALS).app_label == "reflection"
    assert answer_source(ORGANISATION).app_label == "reflection"
    assert registered_instruments(period=PeriodKind.ROUND) == [ORGANISATION]
    assert set(registered_instruments(period=PeriodKind.QUARTER)) == {FAMILIES, PROFESSIONALS}


def test_each_instrument_reads_its_own_answer_table():
    tables = {
        FAMILIES: Answer,
        PROFESSIONALS: ProfessionalAnswer,
        ORGANISATION: OrganisationAnswer,
    }
    for instrument_id, table in tables.items():
        assert source_for(get_instrument(instrument_id)).answers.model is table


def test_each_instrument_has_the_period_of_its_figures():
    assert kind_of(get_instrument(FAMILIES)) == PeriodKind.QUARTER
    assert kind_of(get_instrument(PROFESSIONALS)) == PeriodKind.QUARTER
    assert kind_of(get_instrument(ORGANISATION)) == PeriodKind.ROUND


def test_an_unregistered_instrument_is_an_error_not_the_organisation_source():
    # Before the registry, any unknown id fell through to the anonymous round answers.
    stranger = dataclasses.replace(get_instrument(FAMILIES), id="kracht-onbekend")
    with pytest.raises(UnregisteredInstrumentError, match="'kracht-onbekend'") as caught:
        source_for(stranger)
    assert caught.value.instrument_id == "kracht-onbekend"
    assert FAMILIES in str(caught.value)  # the message lists what is registered
    with pytest.raises(UnregisteredInstrumentError):
        kind_of(stranger)


@pytest.mark.django_db
def test_a_page_asking_figures_of_an_unregistered_instrument_gets_the_error():
    stranger = dataclasses.replace(get_instrument(PROFESSIONALS), id="kracht-onbekend")
    with pytest.raises(UnregisteredInstrumentError):
        published_cells(stranger)


def test_two_apps_cannot_both_store_one_instrument(monkeypatch):
    monkeypatch.setattr(answer_sources, "_SOURCES", dict(answer_sources._SOURCES))
    registered = answer_source(PROFESSIONALS)
    # Registering the same source again (a second ready()) changes nothing ...
    register_source(
        PROFESSIONALS,
        registered.app_label,
        registered.cells,
        label=registered.label,
        voice=registered.voice,
    )
    assert answer_source(PROFESSIONALS) == registered
    # ... another source for the same instrument is a configuration error.
    with pytest.raises(ImproperlyConfigured, match="already registered by reflection"):
        register_source(PROFESSIONALS, "questionnaires", sources.organisation_source)
    assert answer_source(PROFESSIONALS) == registered
