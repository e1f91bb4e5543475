from hypothesis import given
from hypothesis import strategies as st

from krachtbron.network.choices import Quality, RelationKind, SupportKind
from krachtbron.network.indicators import indicators
from krachtbron.network.mapdata import (
    MapPerson,
    compare,
    from_snapshot_data,
    to_snapshot_data,
)

persons_strategy = st.lists(
    st.builds(
        MapPerson,
        id=st.integers(min_value=-5, max_value=10**9),
        label=st.text(max_size=60),
        relation=st.sampled_from(RelationKind.values),
        closeness=st.integers(min_value=1, max_value=3),
        quality=st.sampled_from(Quality.values),
        support=st.lists(st.sampled_from(SupportKind.values), unique=True).map(tuple),
        stays_after_help=st.booleans(),
        may_be_overloaded=st.booleans(),
        member_id=st.none() | st.integers(min_value=1, max_value=10**6),
        member_label=st.text(max_size=60),
    ),
    max_size=20,
)


@given(persons_strategy)
def test_a_snapshot_reads_back_exactly(persons):
    assert from_snapshot_data(to_snapshot_data(persons)) == persons


def test_rows_that_do_not_fit_the_format_are_skipped():
    good = to_snapshot_data([MapPerson(1, "Oma", "familie", 1, "steunend")])
    data = {**good, "persons": [*good["persons"], {"id": "x"}, "nonsense", {"label": "y"}]}
    assert [p.label for p in from_snapshot_data(data)] == ["Oma"]
    assert from_snapshot_data({"format": 99, "persons": good["persons"]}) == []
    assert from_snapshot_data(None) == []
    bad_ring = {**good["persons"][0], "closeness": 7}
    assert from_snapshot_data({"format": 1, "persons": [bad_ring]}) == []


def test_compare_names_who_came_who_left_and_what_changed():
    before = [
        MapPerson(1, "Oma", "familie", 2, "wisselend"),
        MapPerson(2, "Coach", "professional", 1, "steunend"),
    ]
    after = [
        MapPerson(1, "Oma", "familie", 1, "steunend", stays_after_help=True),
        MapPerson(3, "Els", "buurt", 2, "steunend"),
    ]
    changes = {(c.person.label, c.kind): c.details for c in compare(before, after)}
    assert set(changes) == {("Oma", "changed"), ("Els", "added"), ("Coach", "removed")}
    assert len(changes[("Oma", "changed")]) == 3


def _p(i, relation="vrienden", quality="steunend", **kw):
    return MapPerson(i, f"P{i}", relation, 2, quality, **kw)


def test_indicators_count_informal_support_and_warn_when_professionals_outnumber_it():
    persons = [
        _p(1),
        _p(2, quality="wisselend"),
        _p(3, quality="belastend", may_be_overloaded=True),
        _p(4, "professional"),
        _p(5, "professional"),
        _p(6, "professional", stays_after_help=True),
    ]
    result = indicators(persons)
    assert (result.informal, result.informal_supportive, result.informal_supporters) == (3, 1, 2)
    assert result.professionals == 3 and result.burdening == 1
    assert result.professionals_outnumber_informal
    assert [p.id for p in result.stays] == [6] and [p.id for p in result.overloaded] == [3]


def test_no_warning_when_the_own_network_supports_at_least_as_much():
    result = indicators([_p(1), _p(2, "professional")])
    assert not result.professionals_outnumber_informal
    assert result.nobody_stays
