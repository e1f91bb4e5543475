from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from krachtbron.families.forms import FamilyObjectField, FamilyScopedForm
from krachtbron.families.models import FamilyMember
from krachtbron.instruments import available_languages, get_instrument
from krachtbron.lib.fields import model_choice_field
from krachtbron.lib.forms import Form
from krachtbron.questionnaires.actions import INVITABLE_ROLES
from krachtbron.questionnaires.models import Language, Moment
from krachtbron.questionnaires.sources import family_instruments


class MemberChoiceField(FamilyObjectField):
    def label_from_instance(self, obj: FamilyMember) -> str:
        return f"{obj.first_name} ({obj.get_role_display()})"


class InviteForm(FamilyScopedForm):
    """Member, moment and language, and the instrument when families fill in more than one
    (``sources.family_instruments``); the family and adviser come from the URL and session."""

    member = MemberChoiceField(
        label=_("Wie vult de vragenlijst in?"),
        queryset=FamilyMember.objects.all(),
        empty_label=None,
        widget=forms.RadioSelect,
        help_text=_("Een opvoeder of een jeugdige."),
    )
    moment = forms.ChoiceField(
        label=_("Moment"), choices=Moment.choices, widget=forms.RadioSelect, initial=Moment.BEGIN
    )
    language = forms.ChoiceField(
        label=_("Taal van de vragenlijst"),
        choices=Language.choices,
        widget=forms.RadioSelect,
        initial=Language.DUTCH,
        help_text=_("De Engelse versie is een vertaling; de Nederlandse tekst is de vragenlijst."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = model_choice_field(self, "member")
        field.queryset = self.family.members.filter(role__in=INVITABLE_ROLES)
        # The instruments families fill in are registered (questionnaires/apps.py); with more
        # than one the adviser chooses, with one there is nothing to choose.
        instruments = family_instruments()
        if len(instruments) > 1:
            self.fields["instrument"] = forms.ChoiceField(
                label=_("Welke vragenlijst?"),
                choices=[(i, get_instrument(i).title) for i in instruments],
                widget=forms.RadioSelect,
                initial=instruments[0],
            )
            self.order_fields(["instrument"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        instrument_id = data.get("instrument") or family_instruments()[0]
        data["instrument"] = instrument_id
        language = data.get("language")
        if language and language not in available_languages(instrument_id):
            self.add_error("language", _("Deze vragenlijst is er niet in deze taal."))
        return data


class LinkTokenForm(Form):
    """The token posted back from the share page to print the invitation (never in a URL)."""

    # token_urlsafe's alphabet only: anything else (an invisible character, say) is no token.
    token = forms.RegexField(regex=r"^[A-Za-z0-9_-]{1,64}\Z", max_length=64)
