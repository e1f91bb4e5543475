"""The forms of Onze mensen in Mijn Krachtbron: propose someone important, and the adviser's
"niet overnemen" with a reason the family reads."""

from django import forms
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from krachtbron.lib.forms import Form
from krachtbron.lib.text import PlainTextField
from krachtbron.network.choices import Closeness, RelationKind
from krachtbron.portal.plan_forms import FOR_ALL, FOR_ME

StrOrPromise = str | Promise


def _kinds() -> list[tuple[str, StrOrPromise]]:
    """The kinds of relation in the family's words (the map's sectors)."""
    return [
        (RelationKind.HOUSEHOLD, _("Iemand uit ons huis")),
        (RelationKind.FAMILY, _("Familie")),
        (RelationKind.FRIENDS, _("Een vriend of vriendin")),
        (RelationKind.NEIGHBOURHOOD, _("Iemand uit de buurt")),
        (RelationKind.SCHOOL_WORK, _("Iemand van school of werk")),
        (RelationKind.SPORT_CLUB, _("Iemand van sport of een club")),
        (RelationKind.PEERS, _("Iemand die hetzelfde meemaakt")),
        (RelationKind.VOLUNTEER, _("Een vrijwilliger")),
        (RelationKind.PROFESSIONAL, _("Een hulpverlener of dokter")),
    ]


class ProposePersonForm(Form):
    label = PlainTextField(
        label=_("Hoe heet deze persoon?"),
        help_text=_("Een voornaam, of hoe jullie hem of haar noemen. Bijvoorbeeld 'oma' of 'juf'."),
        max_length=60,
        error_messages={"required": _("Schrijf op hoe deze persoon heet.")},
    )
    relation = forms.ChoiceField(
        label=_("Wie is het?"),
        choices=[("", _("Kies er een")), *_kinds()],
        error_messages={"required": _("Kies wie het is."), "invalid_choice": _("Kies wie het is.")},
    )
    closeness = forms.TypedChoiceField(
        label=_("Hoe dichtbij is deze persoon?"),
        choices=Closeness.choices,
        coerce=int,
        widget=forms.RadioSelect,
        initial=Closeness.MIDDLE,
        error_messages={
            "required": _("Kies hoe dichtbij."),
            "invalid_choice": _("Kies hoe dichtbij."),
        },
    )
    own_words = PlainTextField(
        label=_("Waar helpt deze persoon bij? (mag leeg)"),
        help_text=_("In je eigen woorden. Bijvoorbeeld: 'Haalt de kinderen op school.'"),
        max_length=300,
        multiline=True,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    stays_after_help = forms.BooleanField(
        label=_("Deze persoon blijft er ook als de hulp stopt"), required=False
    )
    for_whom = forms.ChoiceField(
        label=_("Voor wie is deze persoon belangrijk?"),
        choices=[(FOR_ME, _("Voor mij")), (FOR_ALL, _("Voor ons hele gezin"))],
        widget=forms.RadioSelect,
        initial=FOR_ALL,
        error_messages={"required": _("Kies voor wie."), "invalid_choice": _("Kies voor wie.")},
    )


class DeclineForm(Form):
    reason = PlainTextField(
        label=_("Waarom niet? (mag leeg; het gezin leest dit)"),
        max_length=300,
        multiline=True,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
