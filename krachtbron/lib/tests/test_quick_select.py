"""QuickSelect renders exactly what Django's Select renders with this project's templates."""

from django import forms

from krachtbron.lib.quick_select import QuickSelect
from krachtbron.strengths.tests.hostile import HOSTILE, RLO

CHOICES = [
    ("nu", "Nu"),
    ("12", "03-02-2025 · Moment <b>2</b>"),
    ("13", f"{RLO}evil"),
    ("14", HOSTILE[0]),
    (15, "Een getal als waarde"),
]
GROUPED = [("", "Kies"), ("Dit jaar", [("a", "Één"), ("b", 'Twee "quotes" & co')]), ("c", "Los")]


def _both(choices, value, attrs=None, **widget_attrs):
    plain = forms.Select(attrs=widget_attrs, choices=choices).render("a", value, attrs=attrs)
    quick = QuickSelect(attrs=widget_attrs, choices=choices).render("a", value, attrs=attrs)
    return str(plain), str(quick)


def test_the_same_html_as_the_template_widget():
    for value in (None, "", "nu", "13", 15, "onbekend"):
        plain, quick = _both(CHOICES, value, attrs={"id": "id_a"})
        assert quick == plain
        assert quick.count("<option") == len(CHOICES)


def test_the_same_html_with_groups_and_boolean_attributes():
    plain, quick = _both(
        GROUPED, "b", attrs={"id": "id_b", "required": True, "disabled": False}, **{"data-x": '"'}
    )
    assert quick == plain
    assert "<optgroup" in quick
    assert " required" in quick
    assert "disabled" not in quick


def test_a_field_with_the_quick_widget_renders_like_the_plain_one():
    class Plain(forms.Form):
        a = forms.ChoiceField(label="Eerste moment", choices=CHOICES)

    class Quick(forms.Form):
        a = forms.ChoiceField(label="Eerste moment", choices=CHOICES, widget=QuickSelect)

    assert str(Quick(initial={"a": "12"})) == str(Plain(initial={"a": "12"}))
    assert str(Quick({"a": "x"})) == str(Plain({"a": "x"}))
