"""The leak tests' name search: a name on the page counts, a token that spells it does not."""

from krachtbron.testing.forms import mentions


def test_a_name_shown_on_its_own_is_found():
    assert mentions("<li><bdi>Sem</bdi></li>", "Sem")
    assert mentions('<button aria-label="Praten over Sem">', "Sem")
    assert mentions("Sem&#x27;s doel", "Sem")
    assert mentions("<p>KB-2026-0001</p>", "KB-2026-0001")


def test_a_token_that_spells_a_name_is_not_a_mention():
    assert not mentions('<input name="csrfmiddlewaretoken" value="aZ3Semq9">', "Sem")
    assert not mentions('<input value="x-Sem_4">', "Sem")
    assert not mentions("<p>Semra</p>", "Sem")
