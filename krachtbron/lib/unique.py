"""A unique field set by a form: the database decides, the user gets the form's own message.

Forms check uniqueness early (a dossier number, a team name, a username, an e-mail address) for a
friendly message, but two saves at the same moment both pass that check; the unique index then
refuses the second. Without care that is an IntegrityError and a 500 page with the input lost.
"""

import logging
from collections.abc import Callable
from typing import TypeVar

from django import forms
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

T = TypeVar("T")
logger = logging.getLogger(__name__)


def save_or_form_error(form: forms.BaseForm, save: Callable[[], T]) -> T | None:
    """Run `save()` in a savepoint and return its result; None when a unique index refused it.

    Then the other row is committed, so validating the form again lets its own uniqueness checks
    find it and put their Dutch message on the field; the bound form keeps what was typed. If no
    check explains it, a general message is added. Nothing of `save()` is kept.
    """
    try:
        with transaction.atomic():
            return save()
    except IntegrityError:
        logger.warning("unique constraint refused a save of %s", type(form).__name__)
        form.full_clean()
        if form.is_valid():
            form.add_error(
                None,
                _(
                    "Dit is net door iemand anders opgeslagen. Jouw invoer staat hieronder nog; "
                    "controleer hem en probeer het opnieuw."
                ),
            )
        return None
