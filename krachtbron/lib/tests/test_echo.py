"""lib/echo.py: the project's forms isolate what a message repeats; Django itself is untouched."""

from django import forms
from django.core.exceptions import ValidationError

from krachtbron.lib import forms as kb_forms
from krachtbron.testing.bidi import RLO, text_problems

SENT = f"abc{RLO}def"


class PlainDjangoForm(forms.Form):
    colour = forms.ChoiceField(choices=[("rood", "Rood")])
    note = forms.CharField(required=False)


class OurForm(kb_forms.Form):
    # A message of the field's own that repeats the value (the project's default does not).
    colour = forms.ChoiceField(
        choices=[("rood", "Rood")], error_messages={"invalid_choice": "%(value)s staat er niet in"}
    )
    note = forms.CharField(required=False)

    def clean(self):
        # A form's own check through add_error, with a per-field dict.
        self.add_error(
            None, {"note": ValidationError("%(value)s past niet", params={"value": SENT})}
        )
        return self.cleaned_data


def _messages(form: forms.BaseForm) -> list[str]:
    form.is_valid()
    return [message for messages in form.errors.values() for message in messages]


def test_a_project_form_isolates_the_sent_value_and_keeps_the_code():
    form = OurForm(data={"colour": SENT})
    messages = _messages(form)
    assert len(messages) == 2 and all("abc" in m for m in messages)
    assert not [p for m in messages for p in text_problems(m)]
    assert form.has_error("colour", code="invalid_choice")


def test_django_itself_is_not_changed():
    # The same field on one of Django's own forms still repeats the value as sent: the
    # isolation belongs to Krachtbron's forms, not to every library using Django's fields.
    messages = _messages(PlainDjangoForm(data={"colour": SENT}))
    assert any(text_problems(m) for m in messages)
    try:
        forms.ChoiceField(choices=[("rood", "Rood")]).clean(SENT)
    except ValidationError as error:
        assert error.params == {"value": SENT}
