"""The relying party of the passkeys follows SITE_URL, and a wrong origin stops start-up."""

import pytest

from krachtbron.lib.tests.test_env import _settings_in_a_new_process


@pytest.mark.parametrize(
    "env",
    [
        {"PORTAL_RP_ID": "127.0.0.1"},
        {"PORTAL_RP_ID": "https://krachtbron.example.org"},
        {"PORTAL_ORIGINS": "https://krachtbron.evil.example"},
        {"SITE_URL": "https://krachtbron.example.org", "PORTAL_ORIGINS": "http://localhost:8000"},
    ],
)
def test_a_relying_party_that_cannot_work_stops_start_up(tmp_path, env):
    result = _settings_in_a_new_process(tmp_path, **env)
    assert result.returncode != 0, result.stdout
    assert "PORTAL_" in result.stderr


def test_the_relying_party_follows_site_url(tmp_path):
    result = _settings_in_a_new_process(
        tmp_path,
        SITE_URL="https://krachtbron.example.org",
        PORTAL_ORIGINS="https://krachtbron.example.org,https://mijn.krachtbron.example.org",
    )
    assert result.returncode == 0, result.stderr
