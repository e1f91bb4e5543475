"""Production refuses a blank, short or development secret (lib/env.py, env_secret).

The tester of issue 12 (finding 3) started production with SECRET_KEY " ", "x" or the
development key, and with the development ANSWER_SEAL_KEY and ACCESS_LOG_KEY: all accepted
(`check --deploy` only warns, W009, and nothing runs it). One rule now holds for every secret.
"""

import pytest

from krachtbron.lib.tests.test_env import PRODUCTION_KEY, SEAL_KEY, _settings_in_a_new_process

DEVELOPMENT_SECRET = "insecure-development-key-only-for-local-use-" + "x" * 20
DEVELOPMENT_SEAL = "ZGV2ZWxvcG1lbnQtb25seS1zZWFsLWtleS0zMmJ5dGU="
DEVELOPMENT_LOG_KEY = "insecure-development-access-log-key-only-for-local-use"


@pytest.mark.parametrize("secret", [" ", "x", "geheim", DEVELOPMENT_SECRET])
def test_production_refuses_a_blank_short_or_development_secret_key(tmp_path, secret):
    result = _settings_in_a_new_process(
        tmp_path, KRACHTBRON_PRODUCTION="ja", SECRET_KEY=secret, ANSWER_SEAL_KEY=SEAL_KEY
    )
    assert result.returncode != 0, result.stdout
    assert "SECRET_KEY" in result.stderr


def test_production_refuses_the_development_seal_key(tmp_path):
    result = _settings_in_a_new_process(
        tmp_path,
        KRACHTBRON_PRODUCTION="ja",
        SECRET_KEY=PRODUCTION_KEY,
        ANSWER_SEAL_KEY=DEVELOPMENT_SEAL,
    )
    assert result.returncode != 0, result.stdout
    assert "ANSWER_SEAL_KEY" in result.stderr


def test_production_refuses_the_development_access_log_key(tmp_path):
    result = _settings_in_a_new_process(
        tmp_path,
        KRACHTBRON_PRODUCTION="ja",
        SECRET_KEY=PRODUCTION_KEY,
        ANSWER_SEAL_KEY=SEAL_KEY,
        ACCESS_LOG_KEY=DEVELOPMENT_LOG_KEY,
    )
    assert result.returncode != 0, result.stdout
    assert "ACCESS_LOG_KEY" in result.stderr


@pytest.mark.parametrize("secret", [" " + "x7" * 30, "django-insecure-" + "k3y" * 20])
def test_spaces_around_or_a_key_calling_itself_insecure_are_refused(tmp_path, secret):
    result = _settings_in_a_new_process(
        tmp_path, KRACHTBRON_PRODUCTION="ja", SECRET_KEY=secret, ANSWER_SEAL_KEY=SEAL_KEY
    )
    assert result.returncode != 0, result.stdout
    assert "SECRET_KEY" in result.stderr
    assert secret.strip() not in result.stderr  # the message never shows the secret


def test_outside_production_the_development_keys_still_serve(tmp_path):
    result = _settings_in_a_new_process(tmp_path, ACCESS_LOG_KEY="")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "True"]
