"""The forms of the netwerkplan: a line of "wie bel je waarvoor", the goals in the plan, and a
share (with whom, and which parts). The choices are built from what the user may see: a posted
id outside them is refused like any other wrong choice, and changes nothing."""

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from krachtbron.lib.forms import Form
from krachtbron.lib.text import PlainTextField
from krachtbron.networkplan.choices import ShareEnd
from krachtbron.networkplan.plan import normalise_phone

Choices = Sequence[tuple[int, str]]


class CallForm(Form):
    """Wie bel je waarvoor: a person from the map, what for, and a phone number (may be empty)."""

    person = forms.TypedChoiceField(
        label=_("Wie bel je?"),
        coerce=int,
        error_messages={
            "required": _("Kies iemand van jullie mensen."),
            "invalid_choice": _("Kies iemand van jullie mensen."),
        },
    )
    call_for = PlainTextField(
        label=_("Waarvoor bel je deze persoon?"),
        help_text=_("Bijvoorbeeld: 'Als ik ziek ben en de kinderen moeten naar school.'"),
        max_length=200,
        error_messages={"required": _("Schrijf op waarvoor je belt.")},
    )
    phone = PlainTextField(
        label=_("Telefoonnummer (mag leeg)"),
        help_text=_("Een nummer uit Nederland of uit een ander land, bijvoorbeeld +32 ..."),
        max_length=32,
        required=False,
    )

    def __init__(self, *args: Any, persons: Choices, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["person"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [("", _("Kies iemand")), *persons]

    def clean_phone(self) -> str:
        return normalise_phone(self.cleaned_data.get("phone", ""))


class GoalsForm(Form):
    """Which of the goals the user may see are in the plan."""

    goals = forms.TypedMultipleChoiceField(
        label=_("Deze doelen staan in ons plan"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Kies alleen doelen uit de lijst.")},
    )

    def __init__(self, *args: Any, goals: Choices, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["goals"]
        assert isinstance(field, forms.TypedMultipleChoiceField)
        field.choices = list(goals)


class ShareForm(Form):
    """With whom to share, and what: lines of the plan the member may see."""

    person = forms.TypedChoiceField(
        label=_("Met wie deel je het plan?"),
        coerce=int,
        error_messages={
            "required": _("Kies met wie je het deelt."),
            "invalid_choice": _("Kies met wie je het deelt."),
        },
    )
    calls = forms.TypedMultipleChoiceField(
        label=_("Wie bel je waarvoor"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    agreements = forms.TypedMultipleChoiceField(
        label=_("Wat we afspreken"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    goals = forms.TypedMultipleChoiceField(
        label=_("Onze doelen"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(
        self,
        *args: Any,
        persons: Choices,
        calls: Choices,
        agreements: Choices,
        goals: Choices,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        for name, choices in (("calls", calls), ("agreements", agreements), ("goals", goals)):
            field = self.fields[name]
            assert isinstance(field, forms.TypedMultipleChoiceField)
            field.choices = list(choices)
            field.error_messages["invalid_choice"] = _("Kies alleen uit de lijst.")
        person = self.fields["person"]
        assert isinstance(person, forms.TypedChoiceField)
        person.choices = [("", _("Kies iemand")), *persons]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.errors and not (
            data.get("calls") or data.get("agreements") or data.get("goals")
        ):
            raise forms.ValidationError(_("Kies wat je wilt delen: één ding of meer."))
        return data


#: The adviser's reasons to stop a share, as the form offers them (``choices.ADVISER_STOPS``).
STOP_CHOICES = [
    (ShareEnd.ADVISER_ASKED.value, _("Het gezin vroeg erom")),
    (ShareEnd.ADVISER_SAFETY.value, _("Voor de veiligheid")),
]


class StopShareForm(Form):
    """Why the adviser stops a share: a reason from the list, never free text (no names)."""

    reason = forms.ChoiceField(
        label=_("Waarom stop je dit delen?"),
        choices=STOP_CHOICES,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies waarom je het delen stopt."),
            "invalid_choice": _("Kies waarom je het delen stopt."),
        },
    )
