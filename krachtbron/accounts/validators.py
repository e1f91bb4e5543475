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
