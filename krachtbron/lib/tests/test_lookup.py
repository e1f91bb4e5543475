import pytest
from django.http import Http404
from hypothesis import given
from hypothesis import strategies as st

from krachtbron.lib.lookup import MAX_PK, pk_or_404, pk_or_none


@given(st.integers(min_value=1, max_value=MAX_PK))
def test_a_key_in_range_comes_back_as_a_number(number):
    assert pk_or_404(str(number)) == number
    assert pk_or_404(number) == number


@pytest.mark.parametrize("value", [None, "", "abc", "1.5", "0", 0, -1, "-7", MAX_PK + 1, 2**64])
def test_anything_else_is_not_found(value):
    assert pk_or_none(value) is None
    with pytest.raises(Http404):
        pk_or_404(value)
