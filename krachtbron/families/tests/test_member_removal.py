"""A removed member's own data leaves with them; none of it becomes the whole family's
(break-11, finding 11).

``NetworkPerson.member`` was SET_NULL: removing Sara (17) made the people on her own map
"het hele gezin", and so part of her father's copy of the file, note and all. Now every foreign
key to a member is CASCADE, and her people leave the saved moments of the map too.
"""

import json

import pytest
from django.apps import apps
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from krachtbron.families.actions import delete_member
from krachtbron.families.choices import MemberRole
from krachtbron.families.file_copy import make_family_copy
from krachtbron.families.models import FamilyMember
from krachtbron.families.tests.copy_family import make_copy_family
from krachtbron.network.models import NetworkPerson, NetworkSnapshot
from krachtbron.testing.factories import MemberFactory

pytestmark = pytest.mark.django_db

#: What only Sara has in the copy family (copy_family.py).
SARAS_OWN = ("NETWERK-Sara", "NOTITIE-Sara", "KRACHT-Sara", "SCHAAL-Sara", "DOEL-Sara")


def _copy_text(org, member):
    copy = make_family_copy(
        org.adviser, org.family, member, include_third_parties=True, fmt="json"
    ).as_json()
    return json.dumps(copy, cls=DjangoJSONEncoder, ensure_ascii=False)


def test_a_removed_members_own_network_does_not_go_into_her_fathers_copy(org):
    father = org.member  # an opvoeder
    sara = MemberFactory(
        family=org.family, first_name="Sara", role=MemberRole.YOUTH, birth_year=2008
    )
    NetworkPerson.objects.create(
        family=org.family,
        member=sara,
        label="vriend Tom",
        relation="vrienden",
        closeness=1,
        quality="steunend",
        note="weet van de ruzies thuis",
    )
    delete_member(org.adviser, sara)
    after = make_family_copy(
        org.adviser, org.family, father, include_third_parties=True, fmt="json"
    ).as_json()
    assert after["netwerk"]["nu"] == []
    assert not NetworkPerson.objects.filter(label="vriend Tom").exists()


def test_nothing_of_a_removed_member_stays_in_the_file_or_any_copy(org):
    family = make_copy_family(org)
    assert "NETWERK-Sara" in json.dumps(NetworkSnapshot.objects.get().data)
    delete_member(org.adviser, family.sara)
    snapshot = NetworkSnapshot.objects.get()
    assert "NETWERK-Sara" not in json.dumps(snapshot.data)
    assert snapshot.person_count == 1  # the family's own person stays in the moment
    for member in (family.fatima, family.youssef, family.noah, family.mila):
        text = _copy_text(org, member)
        assert [marker for marker in SARAS_OWN if marker in text] == [], member.first_name
    # The family's own data is untouched.
    assert NetworkPerson.objects.filter(label="NETWERK-gezin").exists()


#: References that outlive the member on purpose, and why. A share of the netwerkplan is the
#: family's record of whom its data went to (AVG art. 15), not the member's own data: it is
#: withdrawn first and kept without the member's name (networkplan.share_ends).
KEPT_WITHOUT_THE_MEMBER = {
    "networkplan.Share.created_by: SET_NULL",
    "networkplan.Share.withdrawn_by: SET_NULL",
}


def test_every_reference_to_a_member_goes_with_the_member():
    """The kind of fault: a foreign key to a member that outlives the member (SET_NULL,
    SET_DEFAULT, DO_NOTHING) turns that member's own data into someone else's."""
    wrong = [
        f"{model._meta.label}.{field.name}: {field.remote_field.on_delete.__name__}"
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if isinstance(field, models.ForeignKey)
        and field.related_model is FamilyMember
        and field.remote_field.on_delete is not models.CASCADE
    ]
    assert sorted(set(wrong) - KEPT_WITHOUT_THE_MEMBER) == []
