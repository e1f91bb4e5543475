"""The forms of the afspraken in Mijn Krachtbron: an agreement in plain words (a goal the member
may see, who does it, when), and "gedaan", "loopt" or "gestopt"."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from krachtbron.families.forms import VersionField
from krachtbron.families.models import FamilyMember, Goal
from krachtbron.lib.forms import Form
from krachtbron.network.models import NetworkPerson
from krachtbron.networkplan.agreement_forms import (
    PerformerField,
    performer_from,
    text_field,
    when_field,
)
from krachtbron.networkplan.agreements import MEMBER_STATUSES, Performer, performer_choices

PERFORMER_INVALID = _("Kies iemand uit de lijst.")


class MemberAgreementForm(Form):
    """``goals``, ``members`` and ``persons``: what this member may choose (``families.rights``)."""

    goal = forms.ChoiceField(
        label=_("Bij welk doel hoort het?"),
        error_messages={
            "required": _("Kies bij welk doel het hoort."),
            "invalid_choice": _("Kies een doel uit de lijst."),
        },
    )
    text = text_field(
        _("Wat spreken jullie af?"),
        _("In je eigen woorden. Bijvoorbeeld: 'Oma haalt de kinderen op woensdag van school.'"),
    )
    performer = PerformerField(label=_("Wie doet het?"))
    when = when_field(_("Wanneer of hoe vaak? (mag leeg)"))

    def __init__(
        self,
        *args: Any,
        goals: list[Goal],
        members: list[FamilyMember],
        persons: list[NetworkPerson],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.goals = {g.pk: g for g in goals}
        self.members = {m.pk: m for m in members}
        self.persons = {p.pk: p for p in persons}
        goal = self.fields["goal"]
        assert isinstance(goal, forms.ChoiceField)
        goal.choices = [("", _("Kies een doel"))] + [(str(g.pk), g.text[:80]) for g in goals]
        performer = self.fields["performer"]
        assert isinstance(performer, forms.ChoiceField)
        performer.choices = performer_choices(members, persons, str(_("onze hulpverlener")))
        performer.error_messages["invalid_choice"] = PERFORMER_INVALID

    def clean_goal(self) -> Goal:
        return self.goals[int(self.cleaned_data["goal"])]

    def clean_performer(self) -> Performer:
        found = performer_from(self.cleaned_data["performer"], self.members, self.persons)
        if found is None:
            raise forms.ValidationError(PERFORMER_INVALID)
        return found


class MemberStatusForm(Form):
    """ "Gedaan", "loopt" or "gestopt", with the version the member's page showed."""

    status = forms.ChoiceField(
        choices=[(s.value, s.label) for s in MEMBER_STATUSES],
        error_messages={
            "required": _("Kies gedaan, loopt of gestopt."),
            "invalid_choice": _("Kies gedaan, loopt of gestopt."),
        },
    )
    version = VersionField()
