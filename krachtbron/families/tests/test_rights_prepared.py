"""``ViewerRights.standing_in`` may stand in for any member's rights when a query is compiled
once (``lib.prepared``): that holds only while ``filter`` reads the family and the members and
nothing else of the viewer. If ``filter`` ever reads the viewer or the day, a compiled query
would carry the first viewer's rules for everyone: this test fails first."""

from datetime import date

import pytest

from krachtbron.families.rights import ViewerRights, part_kinds


@pytest.mark.parametrize("kind", part_kinds(), ids=lambda kind: kind.model._meta.label)
def test_filter_depends_only_on_the_family_and_the_members(kind):
    queryset = kind.model._default_manager.all()
    members = frozenset({3, 5})
    sql = {
        str(ViewerRights(viewer, 7, day, True, members).filter(queryset).query)
        for viewer in (3, 5, 11)
        for day in (date(2001, 1, 1), date(2026, 11, 30))
    }
    assert sql == {str(ViewerRights.standing_in(7, tuple(members)).filter(queryset).query)}
