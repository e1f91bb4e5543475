"""Every select of every form says in words what to do ("Kies iemand", "Kies een doel"), never
Django's stock empty choice "---------" (breaker report 2 of issue 15, finding 9). Every form is
found and built as ``test_form_inputs`` does, and each field is rendered."""

import pytest
from django import forms

from krachtbron.testing.test_form_inputs import FORM_ARGUMENTS, FORM_CLASSES, _build

STOCK = "---------"


@pytest.mark.django_db
@pytest.mark.parametrize("form_class", FORM_CLASSES, ids=lambda c: c.__name__)
def test_no_select_shows_the_stock_empty_choice(form_class, org):
    form = _build(form_class, org)
    for name, field in form.fields.items():
        if not isinstance(field, forms.ChoiceField):
            continue
        labels = [str(label) for _value, label in field.choices]
        assert STOCK not in labels, f"{form_class.__name__}.{name}"
        assert STOCK not in str(form[name]), f"{form_class.__name__}.{name}"


def _summary(form) -> str:
    from django.template.loader import render_to_string

    return render_to_string("includes/form_errors.html", {"form": form})


@pytest.mark.django_db
@pytest.mark.parametrize("form_class", FORM_CLASSES, ids=lambda c: c.__name__)
def test_the_error_summary_never_puts_a_colon_after_a_sentence(form_class, org):
    """Each field's label, then its message: "Naam: Vul dit in.", but a label that is a sentence
    or a question keeps its own sign ("Werken de afspraken nog? Kies ja, een beetje of nee.")."""
    import re

    from django.http import QueryDict

    arguments = FORM_ARGUMENTS(org).get(form_class.__name__, {})
    bound = form_class(data=QueryDict(""), **arguments)
    bound.is_valid()
    html = _summary(bound)
    assert not re.search(r"[.?!:]:", html), html


def test_the_breakers_example_reads_as_one_sentence():
    from krachtbron.aftercare.forms import CheckInForm

    html = _summary(CheckInForm({}))
    assert "Geef een cijfer van 0 tot 10. Kies een cijfer van 0 tot 10." in html
    assert "10.:" not in html and "nog?:" not in html
    assert "Werken de afspraken nog? Kies ja, een beetje of nee." in html
