"""Settings from the environment: a value that is not understood stops start-up."""

import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured
from hypothesis import example, given
from hypothesis import strategies as st

from krachtbron.lib.env import (
    FALSE_WORDS,
    TRUE_WORDS,
    env_bool,
    env_choice,
    env_int,
    env_list,
    is_host,
    is_network,
    is_origin,
)
from krachtbron.testing.served import ROOT

NAME = "KRACHTBRON_TEST_VALUE"
# Environment values cannot hold NUL; anything else goes.
text_values = st.text(st.characters(blacklist_characters="\x00", codec="utf-8"), max_size=30)


@pytest.fixture
def setenv(monkeypatch):
    def _set(value):
        monkeypatch.setenv(NAME, value)

    return _set


def _variants(word):
    return [word, word.upper(), word.title(), f"  {word} "]


@pytest.mark.parametrize("word", sorted(TRUE_WORDS))
def test_every_yes_word_in_any_case_is_true(word, monkeypatch):
    for value in _variants(word):
        monkeypatch.setenv(NAME, value)
        assert env_bool(NAME, default=False) is True


@pytest.mark.parametrize("word", sorted(FALSE_WORDS))
def test_every_no_word_in_any_case_is_false(word, monkeypatch):
    for value in _variants(word):
        monkeypatch.setenv(NAME, value)
        assert env_bool(NAME, default=True) is False


@given(value=text_values)
@example(value="jawel")
@example(value="y")
@example(value="enabled")
@example(value="2")
@example(value="ja!")
def test_any_other_yes_no_value_stops_start_up_naming_the_variable(value):
    os.environ[NAME] = value
    try:
        word = value.strip().lower()
        if not word:
            assert env_bool(NAME, default=True) is True  # empty means: the default
        elif word in TRUE_WORDS | FALSE_WORDS:
            assert env_bool(NAME) is (word in TRUE_WORDS)
        else:
            with pytest.raises(ImproperlyConfigured, match=NAME):
                env_bool(NAME)
    finally:
        del os.environ[NAME]


@given(value=text_values)
@example(value="1_000")
@example(value="١٢")  # Arabic-Indic digits: int() takes them, a setting does not
@example(value="12.5")
@example(value="-3")
def test_numbers_are_plain_digits_within_their_range(value):
    os.environ[NAME] = value
    try:
        stripped = value.strip()
        plain = stripped.lstrip("+-").isascii() and stripped.lstrip("+-").isdigit()
        if not stripped:
            assert env_int(NAME, 7, minimum=0, maximum=100) == 7
        elif plain and stripped.count("-") + stripped.count("+") <= 1 and 0 <= int(stripped) <= 100:
            assert env_int(NAME, 7, minimum=0, maximum=100) == int(stripped)
        else:
            with pytest.raises(ImproperlyConfigured, match=NAME):
                env_int(NAME, 7, minimum=0, maximum=100)
    finally:
        del os.environ[NAME]


@given(value=text_values)
def test_a_closed_set_takes_only_its_own_words(value):
    os.environ[NAME] = value
    choices = ["DEBUG", "INFO", "WARNING"]
    try:
        stripped = value.strip()
        if not stripped:
            assert env_choice(NAME, choices, "INFO") == "INFO"
        elif stripped.casefold() in {c.casefold() for c in choices}:
            assert env_choice(NAME, choices, "INFO").casefold() == stripped.casefold()
        else:
            with pytest.raises(ImproperlyConfigured, match=NAME):
                env_choice(NAME, choices, "INFO")
    finally:
        del os.environ[NAME]


def test_list_entries_are_checked(setenv):
    setenv("krachtbron.example.org, .example.org ,")
    assert env_list(NAME, item=is_host) == ["krachtbron.example.org", ".example.org"]
    setenv("https://krachtbron.example.org")
    with pytest.raises(ImproperlyConfigured, match=NAME):
        env_list(NAME, item=is_host, expected="a host name")


@pytest.mark.parametrize(
    ("check", "good", "bad"),
    [
        (is_host, ["localhost", "127.0.0.1", "[::1]", "*", ".example.org"], ["a b", "h:80", "/x"]),
        (is_origin, ["https://a.example", "http://127.0.0.1:8000"], ["a.example", "https://a/b"]),
        (is_network, ["10.0.0.0/8", "::1", "192.168.1.5"], ["10.0.0.300", "proxy", ""]),
    ],
)
def test_entry_checks(check, good, bad):
    assert all(check(entry) for entry in good)
    assert not any(check(entry) for entry in bad)


# --- Start-up, in a fresh process as a server would do it --------------------------------------

PRODUCTION_KEY = "a-very-long-random-production-secret-key-0123456789-abcdefghij"
SEAL_KEY = "cHJvZHVjdGlvbi10ZXN0LXNlYWwta2V5LTMyLWJ5dGU="  # production needs it too


def _settings_in_a_new_process(tmp_path, **env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith("KRACHTBRON_")}
    clean.pop("DATABASE_URL", None)
    clean.update(
        {
            "DJANGO_SETTINGS_MODULE": "krachtbron.settings",
            "SQLITE_PATH": str(tmp_path / "db.sqlite3"),
            "ALLOWED_HOSTS": "krachtbron.example.org",
            "ACCESS_LOG_KEY": "a-long-random-production-access-log-key-0123456789",
            **env,
        }
    )
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "from django.conf import settings; "
            "print(settings.PRODUCTION, settings.SECRET_KEY.startswith('insecure'))",
        ],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize("value", ["ja", "JA", "yes", "aan", "true"])
def test_production_in_dutch_is_production(tmp_path, value):
    result = _settings_in_a_new_process(
        tmp_path, KRACHTBRON_PRODUCTION=value, SECRET_KEY=PRODUCTION_KEY, ANSWER_SEAL_KEY=SEAL_KEY
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "False"]


def test_production_in_dutch_without_a_secret_refuses_to_start(tmp_path):
    result = _settings_in_a_new_process(tmp_path, KRACHTBRON_PRODUCTION="ja")
    assert result.returncode != 0
    assert "Set SECRET_KEY in production mode" in result.stderr


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"KRACHTBRON_PRODUCTION": "jawel"}, "KRACHTBRON_PRODUCTION='jawel' is not understood"),
        ({"KRACHTBRON_DEMO": "misschien"}, "KRACHTBRON_DEMO"),
        ({"CONN_MAX_AGE": "zestig"}, "CONN_MAX_AGE"),
        ({"SESSION_IDLE_MINUTES": "0"}, "SESSION_IDLE_MINUTES"),
        ({"LOG_LEVEL": "verbose"}, "LOG_LEVEL"),
        ({"ALLOWED_HOSTS": "https://krachtbron.example.org"}, "ALLOWED_HOSTS"),
        ({"CSRF_TRUSTED_ORIGINS": "krachtbron.example.org"}, "CSRF_TRUSTED_ORIGINS"),
        ({"SITE_URL": "krachtbron.example.org"}, "SITE_URL"),
        ({"TRUSTED_PROXIES": "de-proxy"}, "TRUSTED_PROXIES"),
        ({"TRUSTED_PROXY_COUNT": "een"}, "TRUSTED_PROXY_COUNT"),
        ({"AXES_PROXY_COUNT": "1"}, "TRUSTED_PROXY_COUNT"),
        ({"DATABASE_URL": "mysql://u@h/db"}, "DATABASE_URL must be a PostgreSQL URL"),
    ],
)
def test_a_value_that_is_not_understood_stops_start_up(tmp_path, env, message):
    result = _settings_in_a_new_process(tmp_path, **env)
    assert result.returncode != 0
    assert message in result.stderr
    assert "ImproperlyConfigured" in result.stderr
