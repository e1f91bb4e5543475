"""The sign-in lockout behind the documented TLS proxy (SECURITY.md 2; README "Behind a TLS proxy").

Everyone reaches Krachtbron through the proxy, so REMOTE_ADDR is the proxy's address for all.
The lockout must still count per client (username + the client's address from the proxy's
X-Forwarded-For), and a forged X-Forwarded-For must neither dodge a lockout nor frame another.
"""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from krachtbron.lib.client_ip import client_ip
from krachtbron.testing.factories import PASSWORD

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.2"
ATTACKER = "203.0.113.9"
OWNER = "198.51.100.7"
OTHER_OWNER = "2001:db8::7"


@pytest.fixture(autouse=True)
def behind_one_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.TRUSTED_PROXIES = ["10.0.0.0/24"]


def attempt(user, password, *, remote=PROXY, forwarded=None):
    """One sign-in; `forwarded` is X-Forwarded-For as it reaches Krachtbron."""
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return Client().post(
        reverse("accounts:login"), {"username": user.username, "password": password}, **meta
    )


def fail_ten_times(user, **where):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(user, "wrong password!!", **where)


def test_ten_failures_from_one_client_do_not_lock_out_the_owner_elsewhere(org):
    fail_ten_times(org.adviser, forwarded=ATTACKER)
    assert attempt(org.adviser, PASSWORD, forwarded=OWNER).status_code == 302
    assert attempt(org.adviser, PASSWORD, forwarded=OTHER_OWNER).status_code == 302


def test_the_lock_still_holds_for_that_client(org):
    fail_ten_times(org.adviser, forwarded=ATTACKER)
    locked = attempt(org.adviser, PASSWORD, forwarded=ATTACKER)
    assert locked.status_code == 429
    assert "Te vaak geprobeerd" in locked.content.decode()


def test_a_client_cannot_dodge_the_lock_by_writing_its_own_forwarded_for(org):
    """Through the proxy: the proxy appends the real address after whatever the client sent."""
    for n in range(settings.AXES_FAILURE_LIMIT):
        attempt(org.adviser, "wrong password!!", forwarded=f"192.0.2.{n}, {ATTACKER}")
    assert attempt(org.adviser, PASSWORD, forwarded=f"192.0.2.99, {ATTACKER}").status_code == 429
    # An unbalanced quote in the client's part does not hide the proxy's entry either.
    assert attempt(org.adviser, PASSWORD, forwarded=f'"x, {ATTACKER}').status_code == 429


def test_a_client_cannot_frame_the_owner_through_the_proxy(org):
    fail_ten_times(org.adviser, forwarded=f"{OWNER}, {ATTACKER}")
    assert attempt(org.adviser, PASSWORD, forwarded=OWNER).status_code == 302


def test_a_client_that_bypasses_the_proxy_is_judged_by_its_own_address(org):
    """Not from a trusted proxy: its X-Forwarded-For is ignored, so no dodging and no framing."""
    for n in range(settings.AXES_FAILURE_LIMIT):
        attempt(org.adviser, "wrong password!!", remote=ATTACKER, forwarded=f"192.0.2.{n}")
    assert (
        attempt(org.adviser, PASSWORD, remote=ATTACKER, forwarded="192.0.2.200").status_code == 429
    )
    fail_ten_times(org.colleague, remote=ATTACKER, forwarded=OWNER)
    assert attempt(org.colleague, PASSWORD, forwarded=OWNER).status_code == 302


def test_without_a_proxy_setting_the_forwarded_header_is_ignored(org, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    for n in range(settings.AXES_FAILURE_LIMIT):
        attempt(org.adviser, "wrong password!!", remote=ATTACKER, forwarded=f"192.0.2.{n}")
    assert attempt(org.adviser, PASSWORD, remote=ATTACKER, forwarded=OWNER).status_code == 429


@pytest.mark.parametrize(
    ("remote", "forwarded", "count", "expected"),
    [
        (PROXY, ATTACKER, 1, ATTACKER),
        (PROXY, f"1.1.1.1, {ATTACKER}", 1, ATTACKER),
        (PROXY, f"{ATTACKER}, 10.0.0.3", 2, ATTACKER),  # two proxies: the outer one's entry
        (PROXY, f"[{OTHER_OWNER}]:443", 1, OTHER_OWNER),
        (PROXY, "", 1, PROXY),  # the proxy sent no header: its own address, nobody else's
        (PROXY, "niet-een-adres", 1, PROXY),
        (PROXY, ATTACKER, 2, PROXY),  # fewer entries than proxies: cannot be placed
        (ATTACKER, OWNER, 1, ATTACKER),  # not from a trusted proxy
        (PROXY, ATTACKER, 0, PROXY),  # no proxies configured
    ],
)
def test_client_ip(rf, settings, remote, forwarded, count, expected):
    settings.TRUSTED_PROXY_COUNT = count
    request = rf.get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected


def test_every_use_of_the_client_address_goes_through_client_ip():
    """The lockout asks our function; nothing else in Krachtbron reads REMOTE_ADDR itself."""
    import subprocess

    assert settings.AXES_CLIENT_IP_CALLABLE == "krachtbron.lib.client_ip.client_ip"
    found = subprocess.run(
        ["grep", "-rlE", "REMOTE_ADDR|X_FORWARDED_FOR|get_client_ip", "--include=*.py",
         str(settings.BASE_DIR / "krachtbron")],
        capture_output=True, text=True, check=False,
    ).stdout.split()  # fmt: skip
    outside = [f for f in found if "/tests/" not in f and "/testing/" not in f]
    assert [f.rsplit("krachtbron/", 1)[1] for f in outside] == ["lib/client_ip.py"]
