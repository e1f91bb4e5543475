"""The instrument engine is plain Python, and so are its tests: no Django, no database.

The repository's root conftest.py has an autouse fixture that needs pytest-django's ``settings``;
overriding it here by name keeps these tests runnable with ``-p no:django`` (and fast without it).
"""

import pytest


@pytest.fixture(autouse=True)
def _fast_password_hashing() -> None:
    """No passwords are hashed here; this replaces the root fixture that needs Django."""
