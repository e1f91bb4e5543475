"""A member's score POST, whole: PRG to the exact place on Ons plan, one number with its
access-log row, the form key claimed with where it led, and a replay that saves nothing."""

import pytest
from django.test import Client
from django.urls import reverse

from krachtbron.audit.models import AccessKind, AccessLogEntry, ActorKind
from krachtbron.lib.idempotency import new_key
from krachtbron.lib.models import FormSubmission
from krachtbron.strengths.models import GoalScaling, Scaling
from krachtbron.testing.factories import GoalFactory
from krachtbron.testing.portal import sign_in_member


@pytest.mark.django_db
def test_a_dimension_score_leads_back_to_the_numbers_once(org):
    client = sign_in_member(Client(), org.member)
    url = reverse("portal:dimension_score", args=["social"])
    key = new_key()
    first = client.post(url, {"form_key": key, "score": "6"})
    assert first.status_code == 302 and first["Location"] == "/mijn/#cijfers"
    scaling = Scaling.objects.get(by_member=org.member)
    row = AccessLogEntry.objects.get(object_type="scaling", object_id=scaling.pk)
    assert (row.kind, row.actor_kind, row.actor_member_id) == (
        AccessKind.CREATE,
        ActorKind.FAMILY_MEMBER,
        org.member.pk,
    )
    claim = FormSubmission.objects.get(member_id=org.member.pk, key=key)
    assert claim.result_url == "/mijn/#cijfers"
    again = client.post(url, {"form_key": key, "score": "6"})
    assert again.status_code == 302 and again["Location"] == "/mijn/#cijfers"
    assert Scaling.objects.filter(by_member=org.member).count() == 1
    assert "Je cijfer is bewaard." in client.get(again["Location"]).content.decode()


@pytest.mark.django_db
def test_a_goal_score_and_a_new_goal_lead_back_to_their_goal(org):
    goal = GoalFactory(family=org.family, member=org.member)
    client = sign_in_member(Client(), org.member)
    url = reverse("portal:goal_score", args=[goal.pk])
    response = client.post(url, {"form_key": new_key(), "score": "3"})
    assert response["Location"] == f"/mijn/#doel-{goal.pk}"
    assert GoalScaling.objects.filter(goal=goal, by_member=org.member).count() == 1
    added = client.post(
        reverse("portal:goal_add"),
        {
            "form_key": new_key(),
            "text": "Samen ontbijten",
            "life_domain": "opvoeden",
            "for_whom": "mij",
        },
    )
    assert added.status_code == 302
    new_goal = goal.family.goals.get(text="Samen ontbijten")
    assert added["Location"] == f"/mijn/#doel-{new_goal.pk}"


#: What one score POST may run, in a test (the POST's transaction is a savepoint inside the
#: test's): the session, the gate, then in one transaction the key's claim, the number, the
#: file's change, its access-log row and the claim's result. The sealer runs after the commit,
#: which a test's transaction never reaches. ``bench.portal`` measures this POST against one
#: INSERT (docs/mijn-krachtbron.md, "Snelheid"): a statement more is a slower score.
SCORE_STATEMENTS = [
    "SELECT … django_session",
    "SELECT … families_familymember",
    "SAVEPOINT",
    "INSERT INTO krachtbron_lib_formsubmission",
    "INSERT INTO strengths_scaling",
    "UPDATE families_family",
    "DELETE FROM families_storedpdf",  # the stored PDFs of the file (stored_pdf.forget_family)
    "INSERT INTO audit_accesslogentry",
    "UPDATE krachtbron_lib_formsubmission",
    "RELEASE SAVEPOINT",
]


def _statement(sql: str) -> str:
    words = sql.replace('"', "").split()
    if words[0] == "SELECT":
        table = words[words.index("FROM") + 1]
        return f"SELECT … {table}"
    if words[0] == "SAVEPOINT":
        return "SAVEPOINT"
    if words[0] == "RELEASE":
        return "RELEASE SAVEPOINT"
    return " ".join(words[:3] if words[0] in ("INSERT", "DELETE") else words[:2])


@pytest.mark.django_db
def test_a_score_post_runs_only_its_own_statements(org, django_assert_max_num_queries):
    """The score POST's statements, pinned: one more (a query the gate, the form key or the
    log starts to make, a session written on every request) fails here before it slows down
    every score in production."""
    client = sign_in_member(Client(), org.member)
    url = reverse("portal:dimension_score", args=["competence"])
    client.post(url, {"form_key": new_key(), "score": "4"})  # the session's first write is done
    with django_assert_max_num_queries(len(SCORE_STATEMENTS)) as captured:
        response = client.post(url, {"form_key": new_key(), "score": "5"})
    assert response.status_code == 302 and response["Location"] == "/mijn/#cijfers"
    assert [_statement(q["sql"]) for q in captured.captured_queries] == SCORE_STATEMENTS
    assert Scaling.objects.filter(by_member=org.member, score=5).count() == 1
