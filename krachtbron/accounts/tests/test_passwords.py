"""Password rules (SECURITY.md 2): 12-128 characters, no common passwords, Argon2."""

import pytest
from django.contrib.auth.hashers import make_password
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from krachtbron import settings as project_settings


def test_argon2_is_the_production_hasher():
    assert project_settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    assert make_password("een lange zin als wachtwoord", hasher="argon2").startswith("argon2")


@pytest.mark.parametrize(
    "password",
    ["kort", "elf tekens!", "password1234", "x" * 129, "123456789012345"],
)
def test_weak_or_too_long_passwords_are_refused(password, settings):
    settings.AUTH_PASSWORD_VALIDATORS = project_settings.AUTH_PASSWORD_VALIDATORS
    with pytest.raises(ValidationError):
        validate_password(password)


def test_a_long_passphrase_is_accepted(settings):
    settings.AUTH_PASSWORD_VALIDATORS = project_settings.AUTH_PASSWORD_VALIDATORS
    validate_password("fiets naar de markt op zaterdag")
