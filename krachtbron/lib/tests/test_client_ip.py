"""The client's address from a dual-stack socket (lib/client_ip.py).

Gunicorn bound to "[::]:8000" sees an IPv4 proxy as "::ffff:10.0.0.5". Compared as an IPv6
address with TRUSTED_PROXIES = 10.0.0.0/8 it was outside, so every client got the proxy's
address and ten wrong passwords locked a username's owner out again (tester of issue 12,
finding 4). Every address is unmapped first.
"""

import pytest
from django.conf import settings as django_settings
from django.test import Client, RequestFactory
from django.urls import reverse

from krachtbron.lib.client_ip import client_ip, unmapped
from krachtbron.testing.factories import PASSWORD


@pytest.fixture
def behind_a_proxy(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    settings.TRUSTED_PROXY_COUNT = 1


@pytest.mark.parametrize("proxy", ["10.0.0.5", "::ffff:10.0.0.5", "::FFFF:a00:5"])
def test_a_trusted_proxy_is_trusted_also_as_an_ipv4_mapped_address(behind_a_proxy, proxy):
    request = RequestFactory().get("/", REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert client_ip(request) == "203.0.113.7"


def test_an_untrusted_mapped_address_is_not_a_proxy_but_is_unmapped(behind_a_proxy):
    request = RequestFactory().get(
        "/", REMOTE_ADDR="::ffff:192.0.2.1", HTTP_X_FORWARDED_FOR="203.0.113.7"
    )
    assert client_ip(request) == "192.0.2.1"


def test_without_a_proxy_the_address_has_one_form(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    request = RequestFactory().get("/", REMOTE_ADDR="::ffff:198.51.100.7")
    assert client_ip(request) == "198.51.100.7"


def test_a_mapped_address_in_the_forwarded_header_is_unmapped(behind_a_proxy):
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="::ffff:203.0.113.7"
    )
    assert client_ip(request) == "203.0.113.7"


@pytest.mark.parametrize(
    ("text", "expected"),
    [("2001:db8::7", "2001:db8::7"), ("198.51.100.7", "198.51.100.7"), ("nonsense", "nonsense")],
)
def test_other_addresses_stay_as_they_are(text, expected):
    assert unmapped(text) == expected


@pytest.mark.django_db
def test_ten_failures_behind_a_mapped_proxy_do_not_lock_out_the_owner(org, behind_a_proxy):
    def attempt(password, forwarded):
        return Client().post(
            reverse("accounts:login"),
            {"username": org.adviser.username, "password": password},
            REMOTE_ADDR="::ffff:10.0.0.5",
            HTTP_X_FORWARDED_FOR=forwarded,
        )

    for _ in range(django_settings.AXES_FAILURE_LIMIT):
        attempt("wrong password!!", "203.0.113.9")
    assert attempt(PASSWORD, "203.0.113.9").status_code == 429
    assert attempt(PASSWORD, "198.51.100.7").status_code == 302
