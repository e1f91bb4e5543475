"""The write path for edits (docs/adr/0011): save_versioned in the action, save_form in the view."""

from functools import partial

import pytest
from django import forms
from django.test import RequestFactory

from krachtbron.families.models import FamilyMember
from krachtbron.lib.locking import StaleEditError, save_form, save_versioned
from krachtbron.testing.factories import MemberFactory

pytestmark = pytest.mark.django_db


def test_save_versioned_sets_the_fields_and_raises_the_version():
    member = MemberFactory(first_name="Sara")
    save_versioned(member, 1, first_name="Noor", birth_year=1990)
    stored = FamilyMember.objects.get(pk=member.pk)
    assert (stored.first_name, stored.birth_year, stored.version) == ("Noor", 1990, 2)
    assert member.version == 2 and member.first_name == "Noor"


def test_save_versioned_writes_only_the_named_fields():
    member = MemberFactory(first_name="Sara", birth_year=1988)
    FamilyMember.objects.filter(pk=member.pk).update(birth_year=1977)  # the instance is behind
    save_versioned(member, 1, first_name="Noor")
    assert FamilyMember.objects.get(pk=member.pk).birth_year == 1977


def test_a_stale_save_changes_nothing():
    member = MemberFactory(first_name="Sara")
    save_versioned(member, 1, first_name="Collega")
    with pytest.raises(StaleEditError):
        save_versioned(member, 1, first_name="Ik")
    stored = FamilyMember.objects.get(pk=member.pk)
    assert (stored.first_name, stored.version) == ("Collega", 2)


POST = RequestFactory().post("/")


class _Form(forms.Form):
    first_name = forms.CharField(max_length=60)
    version = forms.IntegerField()


def _save(member, version, **changes):
    save_versioned(member, version, **changes)


def test_save_form_passes_the_version_apart_from_the_changes():
    member = MemberFactory(first_name="Sara")
    form = _Form({"first_name": "Noor", "version": "1"})
    assert save_form(POST, form, partial(_save, member)) is True
    assert FamilyMember.objects.get(pk=member.pk).first_name == "Noor"


def test_save_form_on_a_stale_save_keeps_the_input_and_says_why():
    member = MemberFactory(first_name="Sara")
    save_versioned(member, 1, first_name="Collega")
    form = _Form({"first_name": "Mijn versie", "version": "1"})
    assert save_form(POST, form, partial(_save, member)) is False
    assert str(StaleEditError.message) in form.non_field_errors()
    assert form.data["first_name"] == "Mijn versie"
    assert FamilyMember.objects.get(pk=member.pk).first_name == "Collega"


def test_save_form_does_not_call_the_action_for_an_unbound_or_invalid_form():
    calls = []
    assert save_form(POST, _Form(None), lambda version, **changes: calls.append(version)) is False
    assert save_form(POST, _Form({"first_name": "", "version": "1"}), calls.append) is False
    assert calls == []


def test_save_form_maps_the_form_with_changes():
    member = MemberFactory(first_name="Sara")
    form = _Form({"first_name": "noor", "version": "1"})
    assert save_form(POST, form, partial(_save, member), lambda f: {"first_name": "Noor"}) is True
    assert FamilyMember.objects.get(pk=member.pk).first_name == "Noor"


def test_save_form_never_saves_on_a_get_even_with_a_bound_form():
    """A GET binds the form with what was typed before the session ended: shown, not saved."""
    member = MemberFactory(first_name="Sara")
    form = _Form({"first_name": "Noor", "version": "1"})
    assert save_form(RequestFactory().get("/"), form, partial(_save, member)) is False
    assert FamilyMember.objects.get(pk=member.pk).first_name == "Sara"
