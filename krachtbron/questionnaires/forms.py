from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from krachtbron.families.forms import FamilyObjectField, FamilyScopedForm
from krachtbron.families.models import FamilyMember
from krachtbron.questionnaires.actions import INVITABLE_ROLES
from krachtbron.questionnaires.models import Language, Moment


class MemberChoiceField(FamilyObjectField):
    def label_from_instance(self, obj: FamilyMember) -> str:
        return f"{obj.first_name} ({obj.get_role_display()})"


class InviteForm(FamilyScopedForm):
    """Only these three fields: the family, instrument and adviser come from the URL and session."""

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
        field = self.fields["member"]
        field.queryset = self.family.members.filter(role__in=INVITABLE_ROLES)  # type: ignore[attr-defined]


class LinkTokenForm(forms.Form):
    """The token posted back from the share page to print the invitation (never in a URL)."""

    # token_urlsafe's alphabet only: anything else (an invisible character, say) is no token.
    token = forms.RegexField(regex=r"^[A-Za-z0-9_-]{1,64}\Z", max_length=64)
