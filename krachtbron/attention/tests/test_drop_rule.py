"""The drop rule against an independent computation, for any two answer sets (Hypothesis)."""

from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from krachtbron.instruments import compare, compare_sections, get_instrument
from krachtbron.instruments.ids import FAMILIES
from krachtbron.questionnaires.drops import DROP, dropped, fell

INSTRUMENT = get_instrument(FAMILIES)
ITEMS = [item.id for item in INSTRUMENT.items]
answer_sets = st.fixed_dictionaries(
    {item: st.one_of(st.none(), st.integers(0, 4)) for item in ITEMS}
)


def _mean(section, answers) -> Fraction | None:
    given = [answers[item.id] for item in section.items if answers[item.id] is not None]
    if 2 * len(given) < len(section.items):  # shown only when at least half is answered
        return None
    return Fraction(sum(given), len(given))


def expected(before, after) -> bool:
    for section in INSTRUMENT.sections:
        first, second = _mean(section, before), _mean(section, after)
        if first is not None and second is not None and second - first <= -DROP:
            return True
    return False


@given(answer_sets, answer_sets)
def test_a_drop_is_a_section_mean_down_by_one_or_more(before, after):
    assert dropped(compare(INSTRUMENT, before, after)) is expected(before, after)
    # What the submit decides with (drops.mark_drop): the section figures alone.
    assert fell(compare_sections(INSTRUMENT, before, after)) is expected(before, after)


@given(answer_sets)
def test_the_same_answers_never_dropped(answers):
    assert not dropped(compare(INSTRUMENT, answers, answers))


class _Section:
    def __init__(self, change):
        self.change = change


class _Comparison:
    def __init__(self, *changes):
        self.sections = [_Section(c) for c in changes]


def test_the_edge_is_one_whole_point():
    assert not dropped(_Comparison(-0.9, 0.5, None))
    assert dropped(_Comparison(-1.0))
    assert dropped(_Comparison(None, -1.25))
    assert not dropped(_Comparison(None, None))
