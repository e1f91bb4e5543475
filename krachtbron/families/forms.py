from collections.abc import Callable
from functools import partial
from typing import Any

from django import forms
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from krachtbron.accounts.models import Role, Team, User
from krachtbron.families.caseload import CaseloadTeam, caseload_teams
from krachtbron.families.choices import (
    Dimension,
    FamilyStatus,
    GoalStatus,
    LifeDomain,
    MemberRole,
    Visibility,
)
from krachtbron.families.models import Family, FamilyMember, RightsDecision
from krachtbron.families.permissions import refuse_reference, visible_families
from krachtbron.lib.dates import (
    NOT_IN_THE_FUTURE,
    DateRange,
    DateRangeField,
    today,
    years_from_today,
)
from krachtbron.lib.fields import model_choice_field
from krachtbron.lib.forms import Form
from krachtbron.lib.text import PlainTextField


class VisibilityField(forms.ChoiceField):
    """Who in the family sees this part (docs/gezinsrechten.md); the adviser chooses. Not
    sent at all (an older form, a script): the kind's default, ``initial``."""

    widget = forms.RadioSelect

    def __init__(self, *, initial: str, **kwargs: Any) -> None:
        super().__init__(choices=Visibility.choices, initial=initial, required=False, **kwargs)

    def clean(self, value: Any) -> str:
        return str(super().clean(value) or self.initial)


def visibility_form_field(label: Any, initial: str = Visibility.FAMILY) -> VisibilityField:
    """The visibility choice of a part of the file, with the kind's default."""
    return VisibilityField(label=label, initial=initial)


class VersionField(forms.IntegerField):
    """The version the user started editing from (optimistic locking)."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(min_value=1, **kwargs)


# --- Fields that name an object of the family --------------------------------------------------


class FamilyObjectMixin:
    """A form field whose value names an object of a family (a member, a saved moment ...).

    ``family_objects``: every object of the kind, of every family; ``family_path``: the lookup
    from such an object to its family. In a ``FamilyScopedForm`` the field accepts only objects
    of the form's family, and a value naming another family's object writes a DENIED row for
    that family (``permissions.refuse_reference``): the refusal is a look that was tried.
    """

    family_objects: "models.QuerySet[Any]"
    family_path = "family"
    refused: Callable[[Any], None] | None = None

    def clean(self, value: Any) -> Any:
        try:
            return super().clean(value)  # type: ignore[misc]
        except forms.ValidationError as error:
            if error.code == "invalid_choice" and self.refused is not None:
                self.refused(value)
            raise


class FamilyObjectField(FamilyObjectMixin, forms.ModelChoiceField[Any]):
    """A choice of one object of the form's family (the form narrows the queryset)."""

    def __init__(
        self, *, queryset: "models.QuerySet[Any]", family_path: str = "family", **kwargs: Any
    ) -> None:
        super().__init__(queryset=queryset.none(), **kwargs)
        self.family_objects = queryset
        self.family_path = family_path


class FamilyObjectChoiceField(FamilyObjectMixin, forms.ChoiceField):
    """A choice among ids of the family's objects (plus other fixed values); the form sets the
    choices."""

    def __init__(
        self, *, objects: "models.QuerySet[Any]", family_path: str = "family", **kwargs: Any
    ) -> None:
        super().__init__(**kwargs)
        self.family_objects = objects
        self.family_path = family_path


class FamilyScopedForm(Form):
    """A form inside one family's file, filled in by ``user``. Every ``FamilyObjectMixin``
    field is narrowed to the family's objects (a subclass may narrow further) and logs a value
    that names another family's object. The one mechanism for form fields that reference an
    object (break-11, finding 9); query parameters use ``permissions.get_in_family``."""

    def __init__(self, *args: Any, family: Family, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.family = family
        for field in self.fields.values():
            if not isinstance(field, FamilyObjectMixin):
                continue
            if isinstance(field, forms.ModelChoiceField):
                field.queryset = field.family_objects.filter(**{field.family_path: family})
            field.refused = partial(
                refuse_reference, user, family, field.family_objects, family_path=field.family_path
            )


class FamilyForm(Form):
    display_name = PlainTextField(
        label=_("Naam in Krachtbron (mag leeg)"),
        help_text=_("Bijvoorbeeld 'Gezin Amrani'. Laat leeg om alleen het dossiernummer te tonen."),
        max_length=100,
        required=False,
    )
    reference = forms.RegexField(
        label=_("Dossiernummer (mag leeg)"),
        help_text=_("Laat leeg, dan maakt Krachtbron een nummer."),
        regex=r"^[A-Za-z0-9-]{3,32}$",
        max_length=32,
        required=False,
        error_messages={"invalid": _("Gebruik 3 tot 32 letters, cijfers of streepjes.")},
    )
    team = forms.ModelChoiceField(
        label=_("Team"), queryset=Team.objects.none(), empty_label=_("Kies een team")
    )
    status = forms.ChoiceField(label=_("Status"), choices=FamilyStatus.choices)
    version = VersionField(required=False)

    def __init__(
        self, *args: Any, editing: bool = False, closed: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "team").queryset = Team.objects.filter(is_active=True)
        if editing:
            del self.fields["reference"]
            self.fields["version"].required = True
        # Closing and reopening go through the closing walk (aftercare: the closure record,
        # follow-up, portal access), never through this field.
        if closed:
            del self.fields["status"]
        else:
            status = self.fields["status"]
            assert isinstance(status, forms.ChoiceField)
            status.choices = [c for c in FamilyStatus.choices if c[0] != FamilyStatus.CLOSED]

    def clean_reference(self) -> str:
        # The friendly check; in a race the unique index decides (lib/unique.py).
        # Letters compare without regard to case: "kb-t-00010" is "KB-T-00010".
        reference: str = self.cleaned_data["reference"]
        if reference and Family.objects.filter(reference__iexact=reference).exists():
            raise forms.ValidationError(_("Dit dossiernummer bestaat al."))
        return reference


#: A date of birth in the member form: nobody in a family file is older than 120 years, and
#: nobody is born after today.
BIRTH_DATES = DateRange(
    earliest=years_from_today(-120),
    latest=today,
    too_early=_("Deze geboortedatum ligt te ver terug: kies %(date)s of later."),
    too_late=NOT_IN_THE_FUTURE,
)

#: Gezag in the member form: yes, no, or not known yet (the rules treat that as no).
GEZAG_YES, GEZAG_NO, GEZAG_UNKNOWN = "ja", "nee", ""
_GEZAG_VALUES = {GEZAG_YES: True, GEZAG_NO: False, GEZAG_UNKNOWN: None}


def gezag_initial(value: bool | None) -> str:
    """The form's value for a stored ``has_parental_authority``."""
    return {True: GEZAG_YES, False: GEZAG_NO, None: GEZAG_UNKNOWN}[value]


class MemberForm(Form):
    first_name = PlainTextField(
        label=_("Voornaam of initialen"),
        help_text=_("Een achternaam is niet nodig."),
        max_length=60,
    )
    role = forms.ChoiceField(label=_("Rol in het gezin"), choices=MemberRole.choices)
    birth_year = forms.IntegerField(
        label=_("Geboortejaar (mag leeg)"),
        required=False,
        error_messages={"invalid": _("Vul een jaartal in, bijvoorbeeld 2012.")},
    )
    birth_date = DateRangeField(
        label=_("Geboortedatum (alleen bij een jeugdige of kind, mag leeg)"),
        help_text=_(
            "Op de 12e, 16e en 18e verjaardag veranderen de rechten van een jongere. "
            "Daarvoor is de datum nodig. Bij een opvoeder is het jaar genoeg."
        ),
        date_range=BIRTH_DATES,
        required=False,
    )
    has_parental_authority = forms.ChoiceField(
        label=_("Gezag (alleen bij een opvoeder)"),
        help_text=_(
            "Een opvoeder zonder gezag, bijvoorbeeld een stiefouder, ziet alleen wat met "
            "hem of haar gedeeld is."
        ),
        choices=[
            (GEZAG_UNKNOWN, _("Nog niet bekend")),
            (GEZAG_YES, _("Heeft gezag")),
            (GEZAG_NO, _("Heeft geen gezag")),
        ],
        widget=forms.RadioSelect,
        required=False,
    )
    version = VersionField(required=False)

    def clean_birth_year(self) -> int | None:
        year = self.cleaned_data.get("birth_year")
        this_year = timezone.localdate().year
        if year is not None and not this_year - 120 <= year <= this_year:
            raise forms.ValidationError(
                _("Vul een geboortejaar in tussen %(min)d en %(max)d.")
                % {"min": this_year - 120, "max": this_year}
            )
        return year

    def clean_has_parental_authority(self) -> bool | None:
        return _GEZAG_VALUES.get(self.cleaned_data.get("has_parental_authority") or "")

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        role, born = data.get("role"), data.get("birth_date")
        if role == MemberRole.PARENT and born is not None:
            # Keep data minimal: the rules need a date only for a young person.
            self.add_error(
                "birth_date", _("Bij een opvoeder is het geboortejaar genoeg. Laat de datum leeg.")
            )
        elif born is not None:
            year = data.get("birth_year")
            if year is not None and year != born.year:
                self.add_error(
                    "birth_year",
                    _("Het geboortejaar past niet bij de geboortedatum. Laat het jaar leeg."),
                )
            elif "birth_year" in data:
                data["birth_year"] = born.year  # one truth: the year follows the date
        if role and role != MemberRole.PARENT and data.get("has_parental_authority"):
            self.add_error(
                "has_parental_authority", _("Alleen een opvoeder kan gezag hebben in dit dossier.")
            )
        elif role and role != MemberRole.PARENT:
            data["has_parental_authority"] = None
        return data


class GoalForm(FamilyScopedForm):
    text = PlainTextField(
        label=_("Doel in de eigen woorden van het gezin"),
        max_length=1000,
        multiline=True,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    member = FamilyObjectField(
        label=_("Voor wie"),
        queryset=FamilyMember.objects.all(),
        required=False,
        empty_label=_("Het hele gezin"),
    )
    life_domain = forms.ChoiceField(label=_("Leefgebied"), choices=LifeDomain.choices)
    dimension = forms.ChoiceField(
        label=_("Dimensie van eigen kracht (mag leeg)"),
        choices=[("", _("Nog niet gekozen")), *Dimension.choices],
        required=False,
    )
    status = forms.ChoiceField(label=_("Status"), choices=GoalStatus.choices)
    visibility = visibility_form_field(_("Wie ziet dit doel?"))
    version = VersionField(required=False)


class CaseloadFilterForm(Form):
    q = PlainTextField(
        label=_("Zoek op gezinsnaam, voornaam of dossiernummer"), max_length=100, required=False
    )
    team = forms.ModelChoiceField(
        label=_("Team"), queryset=Team.objects.all(), required=False, empty_label=_("Alle teams")
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("Alle statussen")), *FamilyStatus.choices],
        required=False,
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        # Only the teams of families on this caseload (a substitute may have several).
        teams = Team.objects.filter(families__assignments__adviser=user).distinct()
        model_choice_field(self, "team").queryset = teams

    @cached_property
    def teams(self) -> list[CaseloadTeam]:
        """The teams of this caseload with their numbers of families (one grouped query,
        ``caseload.caseload_teams``); the view sums them for the page count."""
        return caseload_teams(visible_families(self.user))

    @cached_property
    def team_choices(self) -> list[tuple[Any, Any]]:
        """The team select's options, as the field's own choices would give them (its
        queryset validates a chosen team), from ``teams``: the field's queryset is a DISTINCT
        over the whole caseload, and a template loop over its choices counts them first."""
        field = model_choice_field(self, "team")
        return [("", field.empty_label), *((team.pk, team.name) for team in self.teams)]


class AssignForm(Form):
    adviser = forms.ModelChoiceField(
        label=_("Adviseur"), queryset=User.objects.none(), empty_label=_("Kies een adviseur")
    )
    is_substitute = forms.BooleanField(label=_("Als vervanging"), required=False)

    def __init__(self, *args: Any, team: Team, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Advisers of this team, and the team's own leader (who then also sees the content).
        model_choice_field(self, "adviser").queryset = User.objects.filter(
            team=team, is_active=True, role__in=[Role.ADVISEUR, Role.TEAMLEIDER]
        )


class TeamFilterForm(Form):
    adviser = forms.ModelChoiceField(
        label=_("Adviseur"), queryset=User.objects.none(), required=False, empty_label=_("Iedereen")
    )
    unassigned = forms.BooleanField(label=_("Alleen zonder adviseur"), required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("Alle statussen")), *FamilyStatus.choices],
        required=False,
    )

    def __init__(self, *args: Any, team: Team, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "adviser").queryset = User.objects.filter(
            team=team, role__in=[Role.ADVISEUR, Role.TEAMLEIDER]
        )


def member_choice_label(member: FamilyMember) -> str:
    """ "Sara (jeugdige, 2010)": enough to tell who asks and how old they may be."""
    details = [str(member.get_role_display()).lower()]
    if member.birth_year:
        details.append(str(member.birth_year))
    return f"{member.first_name} ({', '.join(details)})"


class CopyForm(FamilyScopedForm):
    """Who asks for a copy of the file, with or without third parties, as PDF or JSON."""

    requester = FamilyObjectField(
        label=_("Wie vraagt de kopie?"),
        queryset=FamilyMember.objects.all(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={
            "required": _("Kies wie de kopie vraagt."),
            "invalid_choice": _("Kies een gezinslid uit de lijst."),
        },
    )
    third_parties = forms.ChoiceField(
        label=_("Andere mensen in het netwerk"),
        choices=[("0", _("Andere mensen weglaten")), ("1", _("Andere mensen meenemen"))],
        widget=forms.RadioSelect,
        initial="0",
        # Not chosen (a crafted post): left out, the careful default.
        required=False,
    )
    # Set by the button that was pressed; without one (a crafted post) the PDF.
    format = forms.ChoiceField(
        label=_("Soort bestand"), choices=[("pdf", "PDF"), ("json", "JSON")], required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["requester"].label_from_instance = member_choice_label  # type: ignore[attr-defined]

    def clean_third_parties(self) -> bool:
        return self.cleaned_data.get("third_parties") == "1"

    def clean_format(self) -> str:
        return self.cleaned_data.get("format") or "pdf"


class RightsDecisionForm(FamilyScopedForm):
    """Record a decision about one member's own data (families/rights.py): a limit on a
    parent's right to information (12 to 15) or a share with another member."""

    kind = forms.ChoiceField(
        label=_("Wat besluit je?"),
        choices=[
            (RightsDecision.Kind.SHARE, _("Eigen gegevens delen met een gezinslid")),
            (
                RightsDecision.Kind.LIMIT,
                _("Informatierecht van een ouder beperken (12 tot 16 jaar)"),
            ),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies wat je besluit.")},
    )
    other = FamilyObjectField(
        label=_("Voor welk gezinslid?"),
        queryset=FamilyMember.objects.all(),
        empty_label=_("Kies een gezinslid"),
        error_messages={
            "required": _("Kies een gezinslid."),
            "invalid_choice": _("Kies een gezinslid uit de lijst."),
        },
    )
    reason = PlainTextField(
        label=_("Waarom? En wie gaf toestemming?"),
        help_text=_(
            "In je eigen woorden. Bij een beperking: waarom dit in het belang van de jongere is. "
            "Bij delen: wie toestemming gaf."
        ),
        max_length=1000,
        multiline=True,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, subject: FamilyMember, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = model_choice_field(self, "other")
        field.queryset = FamilyMember.objects.filter(family=self.family).exclude(pk=subject.pk)
