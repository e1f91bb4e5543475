"""Hypothesis strategies shared by the instrument tests."""

from __future__ import annotations

from hypothesis import strategies as st

from krachtbron.instruments import Instrument, available_languages, get_instrument, list_instruments

INSTRUMENTS: list[Instrument] = list_instruments()
ALL_LANGUAGE_VERSIONS: list[Instrument] = [
    get_instrument(i.id, language) for i in INSTRUMENTS for language in available_languages(i.id)
]

values = st.one_of(st.none(), st.integers(min_value=0, max_value=4))


def answer_sets(instrument: Instrument, *, complete: bool = False) -> st.SearchStrategy[dict]:
    """Valid answer sets: some items missing (unless ``complete``), others None or 0–4."""
    if complete:
        return st.fixed_dictionaries(dict.fromkeys(instrument.item_ids, values))
    return st.fixed_dictionaries({}, optional=dict.fromkeys(instrument.item_ids, values))


@st.composite
def instrument_and_answers(draw: st.DrawFn, languages: bool = False) -> tuple[Instrument, dict]:
    """Any instrument (and, with ``languages``, any translation) with a valid answer set."""
    instrument = draw(st.sampled_from(ALL_LANGUAGE_VERSIONS if languages else INSTRUMENTS))
    return instrument, draw(answer_sets(instrument))
