"""List filters kept in the session, so search words (names!) never appear in a URL.

A filter form is posted; the cleaned values go into the session and the browser is redirected
to the plain list URL. Paging stays in the query string (?page=2), which holds no personal data.
"""

from datetime import date
from typing import Any, TypeVar

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

F = TypeVar("F", bound=forms.Form)


def filter_form(
    request: HttpRequest, key: str, form_class: type[F], **form_kwargs: Any
) -> tuple[F, HttpResponse | None]:
    """Return the bound filter form, or a redirect after a POST that changed the filters."""
    session_key = f"filters:{key}"
    if request.method == "POST":
        if "reset" in request.POST:
            request.session.pop(session_key, None)
            return form_class(**form_kwargs), redirect(request.path)
        form = form_class(request.POST, **form_kwargs)
        if form.is_valid():
            request.session[session_key] = {
                name: _serialisable(value) for name, value in form.cleaned_data.items()
            }
            return form, redirect(request.path)
        return form, None  # show the errors and keep what was typed
    stored = request.session.get(session_key) or {}
    form = form_class(stored or None, **form_kwargs)
    if stored and not form.is_valid():
        request.session.pop(session_key, None)  # stale filter (a team was removed, say)
        form = form_class(**form_kwargs)
    return form, None


def active_filters(form: forms.Form) -> dict[str, Any]:
    if not form.is_bound or not form.is_valid():
        return {}
    return {name: value for name, value in form.cleaned_data.items() if value not in (None, "", [])}


def _serialisable(value: Any) -> Any:
    """Session data is JSON: store ids and ISO dates; the form parses them back."""
    if hasattr(value, "pk"):
        return value.pk
    if isinstance(value, date):
        return value.isoformat()
    return value
