"""One key for names that only look different (lib/text.py, lib/lookalikes.py)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from krachtbron.lib.lookalikes import LookalikeNamesError, lookalike_groups, refuse_lookalikes
from krachtbron.lib.text import canonical_name, name_key

SAME = [
    "Team Oost",
    "team oost",
    "TEAM OOST",
    "Team  Oost",
    "Team\u00a0Oost",
    "Team Oost\u200b",
    " Team Oost ",
    "Ｔｅａｍ Ｏｏｓｔ",
    "Team\u202eOost".replace("\u202e", " \u202e"),
]


@pytest.mark.parametrize("name", SAME)
def test_lookalikes_have_one_key(name):
    assert name_key(name) == name_key("Team Oost")


@pytest.mark.parametrize("other", ["Team West", "Team Oost 2", "Team Öost", "Team-Oost"])
def test_different_names_keep_different_keys(other):
    assert name_key(other) != name_key("Team Oost")


def test_the_stored_form_keeps_joiners_and_drops_other_invisible_characters():
    assert canonical_name(" Team\u00a0\u00a0Oost\u200b ") == "Team Oost"
    assert canonical_name("می\u200cخواهم") == "می\u200cخواهم"  # ZWNJ is part of Persian
    assert canonical_name("👨\u200d👩\u200d👧") == "👨\u200d👩\u200d👧"


@given(st.text(max_size=30))
def test_the_key_is_stable(text):
    assert name_key(name_key(text)) == name_key(text)
    assert name_key(canonical_name(text)) == name_key(text)


def test_existing_lookalikes_are_reported_not_merged():
    rows = [(1, "Team Oost"), (2, "team  oost"), (3, "Team West"), (4, "TEAM OOST\u200b")]
    assert lookalike_groups(rows) == [[(1, "Team Oost"), (2, "team  oost"), (4, "TEAM OOST\u200b")]]
    with pytest.raises(LookalikeNamesError, match="'Team Oost' \\(id 1\\)"):
        refuse_lookalikes("teams", rows)
    refuse_lookalikes("teams", [(1, "Team Oost"), (3, "Team West")])  # nothing to report
