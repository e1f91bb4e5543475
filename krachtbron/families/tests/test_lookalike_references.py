"""Dossier numbers that differ only in case are one number (tester of issue 12, finding 10)."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from krachtbron.families.models import Family
from krachtbron.testing.personas import client_for


@pytest.mark.django_db
def test_a_dossier_number_that_differs_only_in_case_is_refused(org):
    client = client_for(org, "adviser")
    existing = org.family.reference
    before = Family.objects.count()
    response = client.post(
        reverse("families:create"),
        {
            "display_name": "Gezin Dubbel",
            "reference": existing.swapcase(),
            "team": org.team.pk,
            "status": "aangemeld",
        },
    )
    assert Family.objects.count() == before, (existing, existing.swapcase())
    assert "Dit dossiernummer bestaat al." in response.content.decode()


@pytest.mark.django_db
def test_the_database_refuses_a_number_in_other_case(org):
    with pytest.raises(IntegrityError), transaction.atomic():
        Family.objects.create(reference=org.family.reference.swapcase(), team=org.team)
