"""The session store reads with plain SQL; it must behave as Django's database backend."""

from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.utils import timezone

from krachtbron.lib.session_store import SessionStore

pytestmark = pytest.mark.django_db


def test_a_saved_session_loads_with_its_data():
    session = SessionStore()
    session["kb_q_invitation"] = 42
    session.create()
    loaded = SessionStore(session.session_key)
    assert loaded["kb_q_invitation"] == 42
    assert loaded.session_key == session.session_key


def test_an_expired_session_loads_empty_and_gets_a_new_key_on_save():
    session = SessionStore()
    session["kb_q_invitation"] = 42
    session.create()
    Session.objects.filter(session_key=session.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    loaded = SessionStore(session.session_key)
    assert loaded.get("kb_q_invitation") is None
    loaded["x"] = 1
    loaded.save()
    assert loaded.session_key != session.session_key


def test_an_unknown_or_deleted_session_loads_empty():
    session = SessionStore()
    session["kb_q_invitation"] = 42
    session.create()
    Session.objects.filter(session_key=session.session_key).delete()  # ended server-side
    assert dict(SessionStore(session.session_key).items()) == {}
    assert dict(SessionStore("x" * 32).items()) == {}


def test_it_is_the_configured_engine(settings):
    assert settings.SESSION_ENGINE == "krachtbron.lib.session_store"
