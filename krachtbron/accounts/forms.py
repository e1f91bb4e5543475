from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm, SetPasswordForm
from django.utils.translation import gettext_lazy as _

from krachtbron.accounts.models import Role, Team, User
from krachtbron.lib.fields import model_choice_field
from krachtbron.lib.forms import Form, FormRulesMixin, ModelForm
from krachtbron.lib.text import PlainEmailField, PlainTextField, canonical_name, name_key


class LoginForm(FormRulesMixin, AuthenticationForm):
    username = PlainTextField(
        label=_("Gebruikersnaam"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autofocus": True}),
    )
    password = forms.CharField(
        label=_("Wachtwoord"),
        max_length=128,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    error_messages = {
        "invalid_login": _("Gebruikersnaam of wachtwoord klopt niet. Probeer het opnieuw."),
        "inactive": _("Dit account is niet actief."),
    }


if TYPE_CHECKING:
    _SetPasswordForm = SetPasswordForm[User]
else:  # not subscriptable at run time
    _SetPasswordForm = SetPasswordForm


class ActivateForm(FormRulesMixin, _SetPasswordForm):
    """Choosing a password from an invitation link: Django's form with the project's error
    rules and messages (``lib/forms.py``)."""

    error_messages = {
        "password_mismatch": _(
            "De twee wachtwoorden zijn niet hetzelfde. Typ twee keer hetzelfde wachtwoord."
        ),
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Django's labels and help text ("Voer ter verificatie nogmaals het wachtwoord in.") in
        # the project's words; the rules' help text comes from accounts/validators.py.
        self.fields["new_password1"].label = _("Je nieuwe wachtwoord")
        self.fields["new_password2"].label = _("Typ je nieuwe wachtwoord nog een keer")
        self.fields["new_password2"].help_text = _("Zo weten we zeker dat er geen tikfout in zit.")


class TokenForm(Form):
    code = forms.RegexField(
        label=_("Code uit je authenticator-app"),
        regex=r"^\s*\d{6}\s*$",
        max_length=12,
        error_messages={"invalid": _("Vul de 6 cijfers uit je app in.")},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def clean_code(self) -> str:
        code: str = self.cleaned_data["code"]
        return code.strip()


class TeamForm(ModelForm[Team]):
    name = PlainTextField(label=_("Naam van het team"), max_length=100)

    class Meta:
        model = Team
        fields = ["name", "is_active"]

    def clean_name(self) -> str:
        """Stored canonical; refused when it only looks different from another team's name
        (case, spaces, invisible characters, full-width letters: ``lib.text.name_key``). In a
        race the case-insensitive unique index decides (lib/unique.py)."""
        name = canonical_name(self.cleaned_data["name"])
        if not name:
            raise forms.ValidationError(_("Vul een naam in."))
        key = name_key(name)
        others = Team.objects.exclude(pk=self.instance.pk).only("name")
        if any(name_key(team.name) == key for team in others):
            raise forms.ValidationError(_("Er is al een team met deze naam."))
        return name


class UserForm(ModelForm[User]):
    """The beheerder's form: only these fields can be set (no mass assignment).

    Rights are not form fields: the privacy-officer right is requested and approved by two other
    beheerders (``four_eyes.request_privacy_officer``), and ``actions.update_user`` refuses a change
    of one's own role. The form parses; the action decides and logs.
    """

    first_name = PlainTextField(label=_("Voornaam"), max_length=150)
    last_name = PlainTextField(label=_("Achternaam"), max_length=150, required=False)
    username = forms.RegexField(
        label=_("Gebruikersnaam"),
        max_length=150,
        regex=r"^[\w.@+-]+\Z",
        error_messages={"invalid": _("Gebruik alleen letters, cijfers en . @ + - _")},
    )
    email = PlainEmailField(label=_("E-mailadres"), max_length=254)

    class Meta:
        model = User
        fields = [
            "first_name",
            "last_name",
            "username",
            "email",
            "role",
            "team",
        ]

    def __init__(self, *args: Any, editing_self: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "team").queryset = Team.objects.filter(is_active=True)
        model_choice_field(self, "team").empty_label = _("Geen team")
        if editing_self:
            # A posted value is ignored; update_user refuses it as well.
            self.fields["role"].disabled = True
            self.fields["role"].help_text = _("Je eigen rol wijzigt een andere beheerder.")

    def clean_username(self) -> str:
        username: str = self.cleaned_data["username"]
        taken = User.objects.filter(username__iexact=username).exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(_("Deze gebruikersnaam is al in gebruik."))
        return username

    def clean_email(self) -> str:
        email: str = self.cleaned_data["email"]
        taken = User.objects.filter(email__iexact=email).exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(_("Er is al een account met dit e-mailadres."))
        return email

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        role = data.get("role")
        if role in (Role.ADVISEUR, Role.TEAMLEIDER) and not data.get("team"):
            self.add_error("team", _("Een adviseur of teamleider hoort bij een team."))
        return data
