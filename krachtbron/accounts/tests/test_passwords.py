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


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_password_page_speaks_the_page_language_in_our_own_words(client, language, settings):
    """The page where someone chooses a password (an invitation link) and its answer to a
    too short password: labels, help and errors in the page's language, none of Django's own
    texts (issue 17, item 8: "This password is too short…" on a Dutch page)."""
    import html
    import re

    from django.contrib.auth.tokens import default_token_generator
    from django.urls import reverse
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    from krachtbron.testing.factories import UserFactory
    from krachtbron.testing.stock_messages import stock_message

    settings.AUTH_PASSWORD_VALIDATORS = project_settings.AUTH_PASSWORD_VALIDATORS
    user = UserFactory(username="nieuw")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    url = reverse(
        "accounts:activate",
        args=[
            urlsafe_base64_encode(force_bytes(user.pk)),
            default_token_generator.make_token(user),
        ],
    )
    page = client.get(url, follow=True)
    answer = client.post(
        page.redirect_chain[-1][0] if page.redirect_chain else url,
        {"new_password1": "kort1", "new_password2": "kort1"},
    )
    body = html.unescape(answer.content.decode())
    texts = {t.strip() for t in re.split(r"<[^>]+>", body) if t.strip()}
    assert [t for t in texts if stock_message(t)] == []
    if language == "nl":
        assert "Dit wachtwoord is te kort. Gebruik minstens 12 tekens." in body
        assert "Typ je nieuwe wachtwoord nog een keer" in body
        assert "short" not in body
    else:
        assert "This password is too short. Use at least 12 characters." in body
        assert "Type your new password once more" in body
        assert "te kort" not in body
