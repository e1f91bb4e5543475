from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


class MaximumLengthValidator:
    """Refuse passwords over 128 characters: hashing huge inputs is a denial-of-service risk."""

    def __init__(self, max_length: int = 128) -> None:
        self.max_length = max_length

    def validate(self, password: str, user: object = None) -> None:
        if len(password) > self.max_length:
            raise ValidationError(
                _("Dit wachtwoord is te lang. Gebruik maximaal %(max)d tekens.")
                % {"max": self.max_length},
                code="password_too_long",
            )

    def get_help_text(self) -> str:
        return _("Je wachtwoord mag maximaal %(max)d tekens hebben.") % {"max": self.max_length}


# Django's own rules, in the project's words (never Django's stock text: lib/form_messages.py).


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django's minimum length, with the project's message and help text."""

    def get_error_message(self) -> str:
        return _("Dit wachtwoord is te kort. Gebruik minstens %(min)d tekens.") % {
            "min": self.min_length
        }

    def get_help_text(self) -> str:
        return _("Je wachtwoord heeft minstens %(min)d tekens.") % {"min": self.min_length}


class UserAttributeSimilarityValidator(password_validation.UserAttributeSimilarityValidator):
    """Django's check that a password is not like one's name or e-mail address, in our words."""

    def get_error_message(self) -> str:
        return _("Dit wachtwoord lijkt te veel op je %(verbose_name)s. Kies een ander wachtwoord.")

    def get_help_text(self) -> str:
        return _("Je wachtwoord lijkt niet op je naam, gebruikersnaam of e-mailadres.")


class CommonPasswordValidator(password_validation.CommonPasswordValidator):
    """Django's list of 20,000 common passwords, with the project's message."""

    def get_error_message(self) -> str:
        return _(
            "Dit wachtwoord gebruiken veel mensen. Kies een wachtwoord dat minder vaak voorkomt."
        )

    def get_help_text(self) -> str:
        return _("Je wachtwoord is geen wachtwoord dat veel mensen gebruiken.")


class NumericPasswordValidator(password_validation.NumericPasswordValidator):
    """Django's check that a password is not only digits, with the project's message."""

    def get_error_message(self) -> str:
        return _("Dit wachtwoord heeft alleen cijfers. Gebruik ook letters of andere tekens.")

    def get_help_text(self) -> str:
        return _("Je wachtwoord heeft niet alleen cijfers.")
