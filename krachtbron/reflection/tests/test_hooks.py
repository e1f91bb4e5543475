"""reflection lets an app above it act when a round closes and on a closed round's page
(reflection/hooks.py), without importing it: insight registers both in its ready()."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory

from krachtbron.insight import rounds
from krachtbron.insight.published import publish_round
from krachtbron.reflection import actions, hooks
from krachtbron.reflection.tests.factories import open_round

pytestmark = pytest.mark.django_db


def test_insight_registered_publishing_and_the_results_of_a_round():
    assert publish_round in hooks._closed
    assert hooks._results == [rounds.round_results]


def test_a_callback_runs_once_in_the_transaction_that_closes_the_round(org, monkeypatch):
    monkeypatch.setattr(hooks, "_closed", list(hooks._closed))
    seen = []

    def record(round_):
        from django.db import connection

        seen.append((round_.pk, round_.status, connection.in_atomic_block))

    hooks.on_round_closed(record)
    hooks.on_round_closed(record)  # a second ready(): still once
    made = open_round(org.teamleider, [org.team])
    actions.close_round(made, by=org.teamleider)
    actions.close_round(made, by=org.teamleider)  # closing a closed round changes nothing
    assert seen == [(made.pk, "closed", True)]


def test_a_failing_callback_undoes_the_close(org, monkeypatch):
    monkeypatch.setattr(hooks, "_closed", list(hooks._closed))

    def broken(round_):
        raise RuntimeError("publishing failed")

    hooks.on_round_closed(broken)
    made = open_round(org.teamleider, [org.team])
    with pytest.raises(RuntimeError):
        actions.close_round(made, by=org.teamleider)
    made.refresh_from_db()
    assert made.status == "open" and made.closed_at is None


def test_a_closed_round_without_a_results_renderer_is_a_configuration_error(org, monkeypatch):
    monkeypatch.setattr(hooks, "_results", [])
    made = open_round(org.teamleider, [org.team])
    request = RequestFactory().get("/")
    with pytest.raises(ImproperlyConfigured):
        hooks.round_results(request, made, [org.team])
    hooks.register_round_results(rounds.round_results)
    hooks.register_round_results(rounds.round_results)  # the same again: harmless
    with pytest.raises(ImproperlyConfigured):
        hooks.register_round_results(lambda request, round_, teams: "")
