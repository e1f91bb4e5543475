"""Every form of Krachtbron, found by walking the code: its text fields refuse what XML forbids,
its date fields refuse dates outside a sensible range (issue 12, "strict input"), and every
field answers the bad values of its kind in the project's own words, never with one of Django's
stock messages (issue 15, finding 8).

A new form or field is checked without anyone remembering to: the form is found by walking the
modules (and the views of the URL configuration, for Django's own forms), built with the
arguments in `FORM_ARGUMENTS`, and every field is tried. A form that needs arguments nobody
declared fails with a message saying where to declare them.
"""

import importlib
import pkgutil
from collections.abc import Callable
from datetime import date, timedelta

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.test import RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import translation

import krachtbron
from krachtbron.instruments.ids import FAMILIES
from krachtbron.lib.dates import DateRange

# Characters XML 1.0 forbids or that are no text (lib/text.py), and bidi overrides that are
# allowed on input (they are isolated on display, lib/bidi.py).
FORBIDDEN = {
    "NUL": "\x00",
    "ESC": "\x1b",
    "unit separator": "\x1f",
    "DEL": "\x7f",
    "C1 NEL": "\x85",
    "surrogate": "\ud800",
    "noncharacter U+FDD0": "\ufdd0",
    "noncharacter U+FFFE": "\ufffe",
    "noncharacter U+FFFF": "\uffff",
    "noncharacter U+1FFFE": "\U0001fffe",
    "noncharacter U+10FFFF": "\U0010ffff",
}
# Typed text that must stay welcome (SECURITY.md 13).
WELCOME = "Ayşe ምሸት مريم 👍🏽 a\u202eb"
# Values some field accepts, tried in turn to find one this field accepts.
CANDIDATES = (
    "Oma Els",
    "alice",
    "123456",
    "KB-00012",
    "oma@example.org",
    "2025-01",
    "06 1234 5678",
)
# The test modules here hold no forms (and one imports this module: no circle).
_SKIPPED_MODULES = (
    ".tests",
    ".migrations",
    ".management",
    "krachtbron.wsgi",
    "__main__",
    "krachtbron.testing.test_",
)


def _form_arguments(org):
    """Constructor arguments of the forms that need them (besides data)."""
    from krachtbron.instruments import get_instrument

    family = {"family": org.family, "user": org.adviser}
    return {
        "FamilyScopedForm": family,
        "PersonForm": family,
        "GoalForm": family,
        "CopyForm": family,
        "RightsDecisionForm": {"subject": org.member, **family},
        "InviteForm": family,
        "CompareForm": {"snapshots": [], **family},
        "CaseloadFilterForm": {"user": org.adviser},
        "AssignForm": {"team": org.team},
        "TeamFilterForm": {"team": org.team},
        "InstrumentAnswersForm": {"instrument": get_instrument(FAMILIES)},
        "RoundForm": {"for_organisation": True},
        "DashboardFilterForm": {"teams": [org.team, org.other_team], "quarters": [20251]},
        "ReportFilterForm": {"teams": [org.team, org.other_team], "quarters": [20251]},
        "ActivateForm": {"user": org.adviser},
        "PlanReaderForm": {"readers": [(org.member.pk, org.member.first_name)]},
        "AgreementForm": family,
        "ContactPointForm": {"persons": []},
        "MemberAgreementForm": {"goals": [org.goal], "members": [org.member], "persons": []},
        # Ons netwerkplan (issue 15 B): the choices are what the user may see.
        "CallForm": {"persons": [(1, "Tante Noor")]},
        "GoalsForm": {"goals": [(org.goal.pk, org.goal.text)]},
        "ShareForm": {
            "persons": [(1, "Tante Noor")],
            "calls": [(1, "Als ik ziek ben")],
            "agreements": [(1, "Oppassen")],
            "goals": [(org.goal.pk, org.goal.text)],
        },
        "LinkForm": family,
        # Signing in asks the lockout backend, which reads the request.
        "LoginForm": {"request": RequestFactory().post("/accounts/login/")},
    }


FORM_ARGUMENTS = _form_arguments


def _import_every_module() -> None:
    for info in pkgutil.walk_packages(krachtbron.__path__, "krachtbron."):
        if any(part in info.name for part in _SKIPPED_MODULES):
            continue
        importlib.import_module(info.name)


def _subclasses(cls: type) -> set[type]:
    found = set()
    for sub in cls.__subclasses__():
        found.add(sub)
        found |= _subclasses(sub)
    return found


def _view_form_classes(resolver: URLResolver | None = None) -> set[type]:
    """Forms that class-based views of the URL configuration use (Django's own included)."""
    found: set[type] = set()
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            found |= _view_form_classes(entry)
        elif isinstance(entry, URLPattern):
            view_class = getattr(entry.callback, "view_class", None)
            form_class = getattr(view_class, "form_class", None)
            if form_class is not None:
                found.add(form_class)
    return found


def every_form_class() -> list[type]:
    _import_every_module()
    ours = {
        cls
        for cls in _subclasses(forms.BaseForm)
        if cls.__module__.startswith("krachtbron.")
        and not cls.__module__.startswith("krachtbron.testing")
        and ".tests." not in cls.__module__
        # The bases every form builds on (no fields of their own).
        and cls.__module__ not in {"krachtbron.lib.forms", "krachtbron.lib.echo"}
    }
    return sorted(ours | _view_form_classes(), key=lambda c: f"{c.__module__}.{c.__name__}")


FORM_CLASSES = every_form_class()


def test_the_walk_finds_the_forms_of_every_app():
    apps = {
        cls.__module__.split(".")[1] for cls in FORM_CLASSES if cls.__module__[:11] == "krachtbron."
    }
    assert {"accounts", "audit", "families", "knowledge", "network", "reflection"} <= apps
    assert {"strengths", "questionnaires"} <= apps
    # The forms of class-based views are found too (the invitation's password form).
    assert any(cls.__name__ == "ActivateForm" for cls in _view_form_classes())


@pytest.mark.parametrize("form_class", FORM_CLASSES, ids=lambda c: c.__name__)
def test_every_form_inherits_the_project_base(form_class):
    """Every form is built on ``lib.forms.Form`` / ``ModelForm`` (or puts ``FormRulesMixin``
    first before one of Django's own), so a new form cannot forget what they do: the project's
    own messages (lib/form_messages.py) and isolated echoes (lib/echo.py)."""
    from krachtbron.lib.forms import FormRulesMixin

    assert issubclass(form_class, FormRulesMixin), (
        f"{form_class.__module__}.{form_class.__name__}: inherit krachtbron.lib.forms.Form or "
        "ModelForm (or FormRulesMixin before one of Django's own forms)"
    )


def _build(cls: type, org) -> forms.BaseForm:
    arguments = FORM_ARGUMENTS(org).get(cls.__name__, {})
    try:
        return cls(**arguments)
    except TypeError as error:
        pytest.fail(
            f"{cls.__module__}.{cls.__name__} needs arguments: declare them in FORM_ARGUMENTS "
            f"of krachtbron/testing/test_form_inputs.py ({error})"
        )


def _is_password(field: forms.Field) -> bool:
    # A password is hashed, never shown or written to a file; it may hold what its owner likes.
    return isinstance(field.widget, forms.PasswordInput)


def _accepted(field: forms.Field, value: str) -> bool:
    try:
        field.clean(value)
    except ValidationError:
        return False
    return True


def _with(base: str, char: str) -> list[str]:
    """``char`` at the start, in the middle and near the end of ``base`` (never at the very end
    or start only: a field strips white space and control characters at the edges)."""
    middle = len(base) // 2
    return [
        base[:1] + char + base[1:],
        base[:middle] + char + base[middle:],
        base[:-1] + char + base[-1:],
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("form_class", FORM_CLASSES, ids=lambda c: c.__name__)
def test_every_text_field_refuses_characters_xml_forbids(form_class, org):
    form = _build(form_class, org)
    problems = []
    with translation.override("nl"):
        for name, field in form.fields.items():
            if not isinstance(field, forms.CharField) or _is_password(field) or field.disabled:
                continue
            base = next((v for v in CANDIDATES if _accepted(field, v)), None)
            if base is None:
                problems.append(f"{name}: accepts none of {CANDIDATES}; add a valid value")
                continue
            for label, char in FORBIDDEN.items():
                for value in _with(base, char):
                    try:
                        field.clean(value)
                    except ValidationError as error:
                        message = " ".join(error.messages)
                        assert char not in message, f"{name}: the message echoes {label}"
                    else:
                        problems.append(f"{name}: accepted {label} in {value!r}")
                        break
    assert not problems, f"{form_class.__name__}: " + "; ".join(problems)


def _plain_text_fields():
    from krachtbron.lib.text import PlainTextField

    for form_class in FORM_CLASSES:
        for name, field in form_class.base_fields.items():
            if isinstance(field, PlainTextField):
                yield form_class, name, field


@pytest.mark.parametrize(
    ("form_class", "name", "field"),
    list(_plain_text_fields()),
    ids=lambda v: v.__name__ if isinstance(v, type) else (v if isinstance(v, str) else ""),
)
def test_every_plain_text_field_welcomes_every_script(form_class, name, field):
    text = WELCOME if field.max_length is None else WELCOME[: field.max_length]
    assert field.clean(text) == text


def test_the_message_names_the_character_and_its_place():
    from krachtbron.lib.text import PlainTextField

    with translation.override("nl"), pytest.raises(ValidationError) as caught:
        PlainTextField().clean("oma\ufffe")
    message = caught.value.messages[0]
    assert "U+FFFE" in message and "plaats 4" in message and "\ufffe" not in message
    with translation.override("nl"), pytest.raises(ValidationError) as caught:
        PlainTextField(multiline=True).clean("a\x00b\x01c\nd")
    message = caught.value.messages[0]
    assert "Er zijn 2 van zulke tekens" in message and "U+0000" in message


# --- Dates -------------------------------------------------------------------------------------

FAR = ("0001-01-01", "9999-12-31")


def _date_fields(form: forms.BaseForm):
    for name, field in form.fields.items():
        if isinstance(field, forms.DateField | forms.DateTimeField) or hasattr(field, "date_range"):
            yield name, field


def _typed(field: forms.Field, day: date) -> str:
    return f"{day:%Y-%m}" if not isinstance(field, forms.DateField) else day.isoformat()


@pytest.mark.django_db
@pytest.mark.parametrize("form_class", FORM_CLASSES, ids=lambda c: c.__name__)
def test_every_date_field_has_a_range_with_a_dutch_message(form_class, org):
    form = _build(form_class, org)
    problems = []
    with translation.override("nl"):
        for name, field in _date_fields(form):
            date_range = getattr(field, "date_range", None)
            if not isinstance(date_range, DateRange):
                problems.append(f"{name}: no DateRange (use lib.dates.DateRangeField)")
                continue
            for value in FAR:
                typed = value[:7] if not isinstance(field, forms.DateField) else value
                try:
                    field.clean(typed)
                except ValidationError as error:
                    codes = {e.code for e in error.error_list}
                    if not codes & {"too_early", "too_late"}:
                        problems.append(f"{name}: {typed} refused without naming the range")
                    message = " ".join(error.messages)
                    if "kies" not in message.lower():
                        problems.append(f"{name}: {message!r} says no way out")
                else:
                    problems.append(f"{name}: accepted {typed}")
            # Both bounds themselves are fine, and the day before/after is not.
            first, last = date_range.earliest(), date_range.latest()
            for inside in (first, last):
                if not _accepted(field, _typed(field, inside)):
                    problems.append(f"{name}: refused its own bound {inside}")
            if isinstance(field, forms.DateField):
                for outside in (first - timedelta(days=1), last + timedelta(days=1)):
                    if _accepted(field, _typed(field, outside)):
                        problems.append(f"{name}: accepted {outside}, outside its range")
    assert not problems, f"{form_class.__name__}: " + "; ".join(problems)


@pytest.mark.django_db
def test_a_date_input_tells_the_browser_its_range(org):
    from krachtbron.families.privacy_forms import HoldForm

    html = str(HoldForm()["until"])
    date_range = HoldForm.base_fields["until"].date_range
    assert f'min="{date_range.earliest().isoformat()}"' in html
    assert f'max="{date_range.latest().isoformat()}"' in html and 'type="date"' in html


def _bound_with(
    form_class: type, org, value: "str | Callable[[forms.Field], str]"
) -> forms.BaseForm:
    """``form_class`` bound to data that sends ``value`` (or ``value(field)``) in every field
    (each part of a multi-widget field, each of a multiple choice), as a browser would post it."""
    unbound = _build(form_class, org)
    data = QueryDict(mutable=True)
    for name, field in unbound.fields.items():
        sent = value if isinstance(value, str) else value(field)
        key = unbound.add_prefix(name)
        widget = field.widget
        keys = (
            [key + suffix for suffix in widget.widgets_names]
            if isinstance(widget, forms.MultiWidget)
            else [key]
        )
        for one in keys:
            data.setlist(one, [sent])
    return form_class(data=data, **FORM_ARGUMENTS(org).get(form_class.__name__, {}))


@pytest.mark.django_db
@pytest.mark.parametrize("form_class", FORM_CLASSES, ids=lambda c: c.__name__)
def test_no_field_echoes_a_typed_value_unisolated(form_class, org):
    """An error message that repeats what was sent (Django's "%(value)s is not one of the
    available choices") is shown back like any typed text: isolated (tester of issue 12,
    finding 5: a request value shown back without being stored). Posted through the form, as
    a page does: the form's errors are what the page shows."""
    from krachtbron.testing.bidi import PLANTED, text_problems

    problems = []
    with translation.override("nl"):
        for planted in PLANTED:
            form = _bound_with(form_class, org, planted)
            form.is_valid()
            problems += [
                f"{name}: {problem}"
                for name, messages in form.errors.items()
                for message in messages
                for problem in text_problems(message)
            ]
    assert not problems, f"{form_class.__name__}: " + "; ".join(problems)


# --- Every message is the project's own (issue 15, finding 8) ---------------------------------

TEN_KB = "a" * 10_000


def _too_long(field: forms.Field) -> str:
    limit = getattr(field, "max_length", None)
    return "a" * (limit + 1) if limit else TEN_KB


def _too_short(field: forms.Field) -> str:
    limit = getattr(field, "min_length", None)
    return "a" * (limit - 1) if limit and limit > 1 else "é"


def _below(field: forms.Field) -> str:
    limit = getattr(field, "min_value", None)
    return str(limit - 1) if isinstance(limit, int) else "-1"


def _above(field: forms.Field) -> str:
    limit = getattr(field, "max_value", None)
    return str(limit + 1) if isinstance(limit, int) else "99999999999999999999"


#: The bad values of every kind of field, each sent to every field of a form at once: a value
#: that is no bad value for one field (a number for a text) is a bad value for another.
BAD_VALUES: dict[str, Callable[[forms.Field], str]] = {
    "empty": lambda field: "",
    "10 kB": lambda field: TEN_KB,
    "one over max_length": _too_long,
    "under min_length": _too_short,
    "below min_value": _below,
    "above max_value": _above,
    "not in the choices": lambda field: "11",
    "no number": lambda field: "abc",
    "a fraction": lambda field: "1.5",
    "non-ASCII": lambda field: "Ayşe ምሸት مريم",
    "no such day": lambda field: "2026-02-30",
    "a far date": lambda field: "0001-01-01",
    "a NUL": lambda field: "a\x00b",
    "no e-mail address": lambda field: "a@",
}


def _stock_answers(form: forms.BaseForm, kind: str) -> list[str]:
    """Every message of a bound form's errors that is one of Django's, in Dutch and English."""
    from krachtbron.testing.stock_messages import stock_message

    found = []
    for language in ("nl", "en"):
        with translation.override(language):
            for name, errors in form.errors.as_data().items():
                for message in ValidationError(errors).messages:
                    if stock_message(message):
                        found.append(f"{name} ({kind}, {language}): {message[:120]!r}")
    return found


@pytest.mark.django_db
@pytest.mark.parametrize("form_class", FORM_CLASSES, ids=lambda c: c.__name__)
def test_every_field_answers_bad_input_in_our_own_words(form_class, org):
    """Every bad value of its kind, posted to every field: no answer is Django's stock text
    (Dutch or English: compared with Django's own catalogue, krachtbron/testing/stock_messages.py)
    but the project's (lib/form_messages.py, or the field's own)."""
    problems = []
    for kind, value in BAD_VALUES.items():
        form = _bound_with(form_class, org, value)
        form.is_valid()
        problems += _stock_answers(form, kind)
    assert not problems, f"{form_class.__name__}: Django's message for " + "; ".join(
        sorted(set(problems))
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("form_name", "field", "value", "expected"),
    [
        # The breaker's two examples (issue 15, finding 8).
        ("aftercare.forms.CheckInForm", "score", "11", "Kies een cijfer van 0 tot 10."),
        (
            "portal.agreement_forms.MemberAgreementForm",
            "text",
            TEN_KB,
            "Deze tekst is te lang: er mogen hoogstens 500 tekens in, nu zijn het er 10000. "
            "Maak de tekst korter.",
        ),
    ],
    ids=["check-in score 11", "agreement of 10 kB"],
)
def test_the_breakers_examples_get_our_message(form_name, field, value, expected, org):
    module, name = form_name.rsplit(".", 1)
    form_class = getattr(importlib.import_module(f"krachtbron.{module}"), name)
    form = form_class(data={field: value}, **FORM_ARGUMENTS(org).get(name, {}))
    with translation.override("nl"):
        assert not form.is_valid() and form.errors[field] == [expected]


def test_the_catalogue_knows_djangos_messages_in_both_languages():
    """The comparison itself: Django's texts are found, with values filled in, in Dutch and in
    English; the project's are not."""
    from krachtbron.lib.form_messages import own_messages
    from krachtbron.testing.stock_messages import stock_message

    for language in ("nl", "en"):
        with translation.override(language):
            for field in (forms.ChoiceField(choices=[("1", "1")]), forms.CharField(max_length=5)):
                with pytest.raises(ValidationError) as caught:
                    field.clean("11" if isinstance(field, forms.ChoiceField) else TEN_KB)
                assert stock_message(caught.value.messages[0]), caught.value.messages
            assert stock_message(str(forms.Field.default_error_messages["required"]))
            for field_class in (forms.ChoiceField, forms.CharField, forms.IntegerField):
                for message in own_messages(field_class).values():
                    assert stock_message(str(message)) is None, message


def _form_level_messages():
    for form_class in FORM_CLASSES:
        for code, message in getattr(form_class, "error_messages", {}).items():
            yield f"{form_class.__name__}.{code}", message


@pytest.mark.parametrize(("code", "message"), list(_form_level_messages()))
def test_no_form_keeps_a_django_form_message(code, message):
    """A form built on one of Django's own (sign-in, choosing a password) replaces every
    message of the form itself (``error_messages``: "invalid_login", "password_mismatch")."""
    from krachtbron.testing.stock_messages import stock_message

    for language in ("nl", "en"):
        with translation.override(language):
            assert stock_message(str(message)) is None, f"{code}: {message}"


@pytest.mark.parametrize("password", ["kort", "12345678901234", "password1234", "alice-example"])
def test_every_password_rule_speaks_our_words(password):
    from django.contrib.auth.password_validation import get_default_password_validators

    from krachtbron.accounts.models import User
    from krachtbron.testing.stock_messages import stock_message

    user = User(username="alice-example", first_name="Alice", email="alice@example.org")
    refused = 0
    for language in ("nl", "en"):
        with translation.override(language):
            for validator in get_default_password_validators():
                try:
                    validator.validate(password, user)
                except ValidationError as error:
                    refused += 1
                    assert stock_message(error.messages[0]) is None, error.messages
                assert stock_message(str(validator.get_help_text())) is None
    assert refused, f"{password!r} was refused by no rule"


def _formset_classes():
    _import_every_module()
    return sorted(
        (
            cls
            for cls in _subclasses(forms.BaseFormSet)
            if cls.__module__.startswith("krachtbron.") and ".tests." not in cls.__module__
        ),
        key=lambda c: f"{c.__module__}.{c.__name__}",
    )


def test_every_formset_builds_on_the_project_formset():
    from krachtbron.lib.forms import FormSet

    wrong = [c.__name__ for c in _formset_classes() if not issubclass(c, FormSet)]
    assert not wrong, f"build on krachtbron.lib.forms.FormSet: {wrong}"


def test_a_formset_speaks_our_words():
    """Django's formset says "ManagementForm data is missing or has been tampered with"."""
    from krachtbron.lib.forms import Form, FormSet
    from krachtbron.testing.stock_messages import stock_message

    class One(Form):
        name = forms.CharField(max_length=5)

    form_set = forms.formset_factory(One, formset=FormSet, max_num=1, validate_max=True)
    for language in ("nl", "en"):
        with translation.override(language):
            missing = form_set(data={})
            assert not missing.is_valid()
            too_many = form_set(
                data={"form-TOTAL_FORMS": "2", "form-INITIAL_FORMS": "0", "form-0-name": "a"}
            )
            assert not too_many.is_valid()
            messages = list(missing.non_form_errors()) + list(too_many.non_form_errors())
            messages += [m for errors in too_many.errors for m in errors.get("name", [])]
            assert len(messages) >= 2
            assert not [m for m in messages if stock_message(m)], messages
