"""The forms of closing the help and of a follow-up check-in."""

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from krachtbron.aftercare.choices import AgreementsWork
from krachtbron.families.forms import FamilyObjectField, FamilyScopedForm, VersionField
from krachtbron.families.models import FamilyMember
from krachtbron.families.rights import may_have_portal
from krachtbron.lib.forms import Form

_YES_NO = [("ja", _("Ja")), ("nee", _("Nee"))]


class CloseForm(Form):
    """Close the help: the family's answer about follow-up, and the file's version."""

    followup = forms.ChoiceField(
        label=_("Wil het gezin nazorg: een korte check na 1, 3 en 6 maanden?"),
        choices=_YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies ja of nee: heeft het gezin ingestemd met nazorg?")},
    )
    version = VersionField()


class CheckInForm(Form):
    """The two-minute check-in (B1): how it goes, do the agreements work, want contact."""

    score = forms.TypedChoiceField(
        label=_("Hoe gaat het nu met jullie? Geef een cijfer van 0 tot 10."),
        help_text=_("0 is heel slecht. 10 is heel goed."),
        choices=[(str(n), str(n)) for n in range(11)],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies een cijfer van 0 tot 10."),
            "invalid_choice": _("Kies een cijfer van 0 tot 10."),
        },
    )
    agreements_work = forms.ChoiceField(
        label=_("Werken de afspraken nog?"),
        choices=AgreementsWork.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies ja, een beetje of nee.")},
    )
    wants_contact = forms.ChoiceField(
        label=_("Wil je weer contact met het team?"),
        choices=_YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies ja of nee.")},
    )


class LinkForm(FamilyScopedForm):
    """For whom the adviser makes a personal link to a check-in: a member of this family who
    may speak for themselves (``rights.may_have_portal``: an opvoeder, a young person of 12 or
    over). A younger member is not offered, and a posted one is refused ("Kies iets uit de
    lijst.", nothing made); a member
    of another family is refused and logged (``FamilyScopedForm``)."""

    member = FamilyObjectField(
        label=_("Voor wie is de link?"),
        queryset=FamilyMember.objects.all(),
        empty_label=_("Kies iemand"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["member"]
        assert isinstance(field, FamilyObjectField)
        members = field.queryset
        assert members is not None  # narrowed to the family by FamilyScopedForm
        day = timezone.localdate()
        allowed = [m.pk for m in members if may_have_portal(m, day)]
        field.queryset = members.filter(pk__in=allowed)
