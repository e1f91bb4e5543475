"""The demo shows what a family did in Mijn Krachtbron's Ons plan."""

import pytest
from django.core.management import call_command

# What the demo shows: once, on SQLite (conftest.py, `render`); the demo loads on PostgreSQL
# in strengths/tests/test_demo_data.py.
pytestmark = pytest.mark.render


def test_the_demo_shows_what_families_did_in_mijn_krachtbron(db, settings):
    """A goal the family added (one still a proposal), a self-score and an open flag; in Onze
    mensen a proposed person and a pending "who stays" (one demo load for both: it is slow)."""
    from krachtbron.audit.models import AccessLogEntry, ActorKind
    from krachtbron.families.choices import GoalProposal
    from krachtbron.families.models import Goal
    from krachtbron.portal.models import TalkFlag
    from krachtbron.strengths.models import GoalScaling, Scaling

    settings.PRODUCTION = False
    call_command("load_demo", verbosity=0)
    family_goals = Goal.objects.filter(added_by_member__isnull=False)
    assert family_goals.filter(proposal=GoalProposal.PROPOSED).exists()
    assert family_goals.filter(proposal=GoalProposal.AGREED).exists()
    assert Scaling.objects.filter(by_member__isnull=False).exists()
    assert GoalScaling.objects.filter(by_member__isnull=False, goal__in=family_goals).exists()
    flags = TalkFlag.objects.filter(talked_at__isnull=True)
    assert flags.count() == 2
    for flag in flags:
        assert flag.family.assignments.filter(adviser__username="adviseur1").exists()
        # Made through the portal's own actions: the log names the member who did it.
        assert AccessLogEntry.objects.filter(
            family_id=flag.family_id,
            actor_kind=ActorKind.FAMILY_MEMBER,
            actor_member_id=flag.raised_by_id,
            object_type="talkflag",
        ).exists()
    # Onze mensen (network_demo): both wait for adviseur1, made by the members themselves.
    from krachtbron.network.models import NetworkProposal, ProposalKind, ProposalStatus

    open_ones = NetworkProposal.objects.filter(status=ProposalStatus.OPEN)
    assert sorted(open_ones.values_list("kind", flat=True)) == sorted(
        [ProposalKind.PERSON, ProposalKind.STAYS]
    )
    for proposal in open_ones:
        assert proposal.family.assignments.filter(adviser__username="adviseur1").exists()
        assert AccessLogEntry.objects.filter(
            actor_kind=ActorKind.FAMILY_MEMBER,
            actor_member_id=proposal.proposed_by_id,
            object_type="networkproposal",
            object_id=proposal.pk,
        ).exists()
