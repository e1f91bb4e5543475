"""lib.fields: a narrowed field is reached as the kind it is declared as, or refused."""

import pytest
from django import forms

from krachtbron.accounts.models import Team
from krachtbron.lib.fields import choice_field, model_choice_field


class _Form(forms.Form):
    team = forms.ModelChoiceField(queryset=Team.objects.none())
    kind = forms.ChoiceField(choices=[("a", "A")])
    name = forms.CharField()


def test_the_bound_forms_own_field_is_returned_so_narrowing_it_changes_only_this_form():
    form, other = _Form(), _Form()
    choice_field(form, "kind").choices = [("b", "B")]
    assert list(form.fields["kind"].choices) == [("b", "B")]
    assert list(other.fields["kind"].choices) == [("a", "A")]
    assert model_choice_field(form, "team") is form.fields["team"]


@pytest.mark.parametrize(("get", "name"), [(model_choice_field, "kind"), (choice_field, "name")])
def test_a_field_of_another_kind_is_a_programming_error(get, name):
    with pytest.raises(TypeError, match=name):
        get(_Form(), name)
