"""The demo shows a full copy: answers, conversation plans and who looked."""

from django.core.management import call_command

from krachtbron.accounts.models import User
from krachtbron.families.file_copy import make_family_copy
from krachtbron.families.models import Family


def test_the_demo_familys_copy_has_answers_plans_and_the_log(db, settings):
    settings.PRODUCTION = False
    call_command("load_demo", verbosity=0)
    family = Family.objects.get(reference="KB-DEMO-001")
    adviser = User.objects.get(username="adviseur1")
    parent = family.members.filter(role="opvoeder").order_by("birth_year", "id").first()
    data = make_family_copy(
        adviser, family, parent, include_third_parties=True, fmt="json"
    ).as_json()
    assert any(r["gezinslid"] == parent.first_name for r in data["vragenlijsten"])
    assert data["vragenlijsten"][0]["vragen"][0]["antwoord_in_woorden"]
    assert data["gesprekken"] and data["netwerk"]["nu"] and data["krachten"]["schaalvragen"]
    assert len(data["wie_keek_mee"]) > 5
    # A held conversation with agreements, in a family with a young person.
    held = Family.objects.get(
        conversation_plans__status="gevoerd", conversation_plans__kind="gezin"
    )
    young = held.members.filter(role="jeugdige").first()
    plans = make_family_copy(adviser, held, young, include_third_parties=False, fmt="pdf")
    assert plans.as_json()["gesprekken"][0]["afspraken"]
