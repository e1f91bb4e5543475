"""Races on the sign-in pages, each request in its own thread with its own DB connection.

Run by ``test_races.py`` through ``krachtbron.testing.parallel.run_scenario``: in-process on
PostgreSQL, in a subprocess on an SQLite file (``python -m krachtbron.accounts.tests.race_scenarios
NAME``).
"""

from typing import Any

from krachtbron.testing.parallel import run_parallel, scenario_main

THREADS = 4
REPETITIONS = 15
FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _signed_in_with_password(user: Any) -> Any:
    """A test client past the password step (the TOTP page is next)."""
    from django.test import Client
    from django.urls import reverse

    from krachtbron.testing.factories import PASSWORD

    client = Client()
    response = client.post(
        reverse("accounts:login"), {"username": user.username, "password": PASSWORD}
    )
    assert response.status_code == 302, response.status_code
    return client


def _code(device: Any) -> str:
    from django_otp.oath import TOTP

    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def _race_one_code(url_name: str, device_confirmed: bool) -> dict[str, Any]:
    """Sessions past the password step post the same current code at the same moment."""
    from django.test import override_settings
    from django.urls import reverse
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from krachtbron.testing.factories import TeamFactory, UserFactory

    verified_per_round: list[int] = []
    errors: list[str] = []
    with override_settings(PASSWORD_HASHERS=FAST_HASHER):
        for _round in range(REPETITIONS):
            user = UserFactory(team=TeamFactory(), device=device_confirmed)
            if not device_confirmed:
                TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)
            device = TOTPDevice.objects.get(user=user)
            clients = [_signed_in_with_password(user) for _ in range(THREADS)]
            code = _code(device)

            def post(index: int, clients: list[Any] = clients, code: str = code) -> bool:
                response = clients[index].post(reverse(url_name), {"code": code})
                return response.status_code == 302 and response["Location"] == reverse("home")

            results, round_errors = run_parallel(THREADS, post)
            verified_per_round.append(sum(results))
            errors.extend(round_errors)
            device.refresh_from_db()
            if not device.confirmed:
                errors.append("device not confirmed")
    return {"verified_per_round": verified_per_round, "errors": errors}


def one_code_many_sessions() -> dict[str, Any]:
    return _race_one_code("accounts:verify", device_confirmed=True)


def one_code_many_setups() -> dict[str, Any]:
    return _race_one_code("accounts:setup", device_confirmed=False)


def wrong_codes_at_once() -> dict[str, Any]:
    """Wrong codes posted at the same moment: the throttle holds for all but the first.

    Otherwise parallel guesses would each be checked while the counter goes up only once.
    """
    from django.test import override_settings
    from django.urls import reverse
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from krachtbron.testing.factories import TeamFactory, UserFactory

    counts: list[int] = []
    checked: list[int] = []
    errors: list[str] = []
    with override_settings(PASSWORD_HASHERS=FAST_HASHER):
        for _round in range(5):
            user = UserFactory(team=TeamFactory())
            device = TOTPDevice.objects.get(user=user)
            clients = [_signed_in_with_password(user) for _ in range(THREADS)]
            wrong = f"{(int(_code(device)) + 500000) % 1000000:06d}"

            def post(index: int, clients: list[Any] = clients, wrong: str = wrong) -> bool:
                page = clients[index].post(reverse("accounts:verify"), {"code": wrong})
                return "Te veel foute codes" not in page.content.decode()

            results, round_errors = run_parallel(THREADS, post)
            errors.extend(round_errors)
            device.refresh_from_db()
            counts.append(device.throttling_failure_count)
            checked.append(sum(results))
    return {"failure_counts": counts, "checked": checked, "errors": errors}


def pending_device_at_once() -> dict[str, Any]:
    """Several tabs open the set-up page at once: one pending device (one QR code), not several."""
    from django.test import override_settings
    from django.urls import reverse
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from krachtbron.testing.factories import TeamFactory, UserFactory

    devices: list[int] = []
    errors: list[str] = []
    with override_settings(PASSWORD_HASHERS=FAST_HASHER):
        for _round in range(5):
            user = UserFactory(team=TeamFactory(), device=False)
            clients = [_signed_in_with_password(user) for _ in range(THREADS)]

            def get(index: int, clients: list[Any] = clients) -> int:
                return int(clients[index].get(reverse("accounts:setup")).status_code)

            _results, round_errors = run_parallel(THREADS, get)
            errors.extend(round_errors)
            devices.append(TOTPDevice.objects.filter(user=user).count())
    return {"devices": devices, "errors": errors}


def _beheerder_clients() -> list[Any]:
    from django.test import Client

    from krachtbron.accounts.models import Role
    from krachtbron.testing.factories import UserFactory
    from krachtbron.testing.personas import login

    beheerder = UserFactory(role=Role.BEHEERDER, team=None)
    return [login(Client(), beheerder) for _ in range(THREADS)]


def _race_admin_form(url_name: str, data: Any, rows: Any) -> dict[str, Any]:
    """Separate forms (each its own key) saving the same name at the same moment."""
    from django.test import override_settings
    from django.urls import reverse

    from krachtbron.lib.idempotency import FIELD, new_key

    counts: list[int] = []
    statuses: list[list[int]] = []
    errors: list[str] = []
    with override_settings(PASSWORD_HASHERS=FAST_HASHER):
        for number in range(5):
            clients = _beheerder_clients()

            def post(index: int, clients: list[Any] = clients, number: int = number) -> int:
                posted = {**data(number, index), FIELD: new_key()}
                return int(clients[index].post(reverse(url_name), posted).status_code)

            results, round_errors = run_parallel(THREADS, post)
            errors.extend(round_errors)
            statuses.append(sorted(results))
            counts.append(rows(number))
    return {"rows": counts, "statuses": statuses, "errors": errors}


def same_team_name_at_once() -> dict[str, Any]:
    from krachtbron.accounts.models import Team

    return _race_admin_form(
        "accounts:team_create",
        lambda number, index: {"name": f"Team Race {number}", "is_active": "on"},
        lambda number: Team.objects.filter(name=f"Team Race {number}").count(),
    )


def same_username_at_once() -> dict[str, Any]:
    """The same person invited twice at once; username and address differ only in case."""
    from krachtbron.accounts.models import User

    def data(number: int, index: int) -> dict[str, str]:
        name = f"race{number}"
        return {
            "first_name": "Noor",
            "username": name.upper() if index % 2 else name,
            "email": f"{name}@example.org".upper() if index % 2 else f"{name}@example.org",
            "role": "onderzoeker",
        }

    return _race_admin_form(
        "accounts:user_invite",
        data,
        lambda number: User.objects.filter(username__iexact=f"race{number}").count(),
    )


SCENARIOS = {
    "same_team_name_at_once": same_team_name_at_once,
    "same_username_at_once": same_username_at_once,
    "one_code_many_sessions": one_code_many_sessions,
    "one_code_many_setups": one_code_many_setups,
    "wrong_codes_at_once": wrong_codes_at_once,
    "pending_device_at_once": pending_device_at_once,
}

if __name__ == "__main__":
    scenario_main(SCENARIOS)
