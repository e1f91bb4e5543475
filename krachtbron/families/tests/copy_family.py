"""A family with something in every part of the file, each piece marked so a test can find it.

Members (ages from the birth year, oldest possible age): Fatima and Youssef (opvoeders with
gezag), Sara (jeugdige, 17), Noah (jeugdige, 14, with a date of birth) and Mila (kind, no birth
year). The adviser limited Youssef's right to information about Noah. Made through the apps' own
actions where they exist, so the access log fills up as it would in real use.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone

from krachtbron.families import actions as family_actions
from krachtbron.families.choices import Dimension, LifeDomain, MemberRole
from krachtbron.families.models import FamilyMember, Goal, RightsDecision
from krachtbron.families.retention import hold_family
from krachtbron.knowledge import actions as knowledge_actions
from krachtbron.network import actions as network_actions
from krachtbron.network.choices import Quality, RelationKind
from krachtbron.network.models import NetworkPerson
from krachtbron.portal import dossier_actions as portal_dossier
from krachtbron.portal.network_actions import decline, propose_person, propose_stays
from krachtbron.portal.plan_actions import raise_talk_flag
from krachtbron.questionnaires.models import Answer
from krachtbron.questionnaires.tests.factories import ALL_ITEMS, completed_response, invite
from krachtbron.strengths import actions as strengths_actions
from krachtbron.strengths.models import Perspective
from krachtbron.testing.factories import MemberFactory
from krachtbron.testing.personas import Org

#: One marker per model a copy part covers: the test proves each one reaches the copy.
MARKERS = {
    "families.Family": "Gezin Amrani",
    "families.CaseAssignment": "Alice",
    "families.FamilyMember": "Youssef",
    "families.Goal": "DOEL-Noah",
    "families.RightsDecision": "BESLUIT-Youssef-Noah",
    "families.RetentionHold": "BEWAREN-reden",
    "audit.AccessLogEntry": "besluit langer bewaren",  # the log row of the retention decision
    "strengths.FirstQuestion": "EERSTE-VRAAG-nu",
    "strengths.FirstQuestionRevision": "EERSTE-VRAAG-eerst",
    "strengths.StrengthEntry": "KRACHT-Fatima",
    "strengths.Scaling": "SCHAAL-Fatima",
    "strengths.GoalScaling": "DOELCIJFER-gezin",
    "portal.TalkFlag": "PRATEN-gezin",
    "questionnaires.Response": "Er is aandacht voor hoe het met mij gaat.",
    "questionnaires.Answer": "zeer tevreden",
    "questionnaires.Invitation": "Afsluiting",
    "network.NetworkPerson": "NOTITIE-gezin",
    "network.NetworkSnapshot": "MOMENT-start",
    "network.NetworkProposal": "VOORSTEL-Fatima",
    "knowledge.ConversationPlan": "GESPREK-samen",
    "portal.CorrectionRequest": "KLOPT-NIET-Fatima",
    "networkplan.Agreement": "AFSPRAAK-gezin",
    "networkplan.ContactPoint": "AANSPREEKPUNT-buurtteam",
    "networkplan.NetworkPlan": "DOEL-Noah",  # a goal in the plan
    "networkplan.PlanCall": "BELLEN-gezin",
    "networkplan.Share": "NETWERK-gezin",  # shared with this person
    "networkplan.ShareConsent": "Ja, dat mag",  # Fatima agreed by sharing
    "aftercare.Closure": "nazorg_afgesproken",
    "aftercare.FollowUp": "Een beetje",
}


@dataclass
class CopyFamily:
    org: Org
    fatima: FamilyMember  # opvoeder
    youssef: FamilyMember  # opvoeder
    sara: FamilyMember  # jeugdige, 17
    noah: FamilyMember  # jeugdige, 14
    mila: FamilyMember  # kind, birth year unknown
    sara_goal: Goal


def _answers(value: int) -> dict[str, int | None]:
    return dict.fromkeys(ALL_ITEMS[:10], value)


def make_copy_family(org: Org) -> CopyFamily:
    family, adviser = org.family, org.adviser
    this_year = timezone.localdate().year
    fatima = org.member
    youssef = MemberFactory(family=family, first_name="Youssef", birth_year=1985)
    sara = MemberFactory(
        family=family, first_name="Sara", role=MemberRole.YOUTH, birth_year=this_year - 17
    )
    noah = MemberFactory(
        family=family,
        first_name="Noah",
        role=MemberRole.YOUTH,
        birth_year=this_year - 14,
        birth_date=date(this_year - 14, 1, 1),  # 14 all year
    )
    mila = MemberFactory(family=family, first_name="Mila", role=MemberRole.CHILD, birth_year=None)
    today = timezone.localdate()

    for member in (fatima, youssef, sara, noah, mila):
        name = member.first_name
        strengths_actions.add_entry(
            adviser,
            member,
            dimension=Dimension.SOCIAL,
            life_domain="",
            goes_well=f"KRACHT-{name}",
            is_hard="",
            gives_energy="",
        )
        strengths_actions.add_scaling(
            adviser,
            member,
            dimension=Dimension.MOTIVATION,
            perspective=Perspective.MEMBER,
            score=6,
            noted_on=today,
            not_zero_because=f"SCHAAL-{name}",
        )

    # Questionnaires: Fatima twice (so there is a change), the others once; Noah has an open link.
    earlier = timezone.now() - timedelta(days=60)
    completed_response(fatima, adviser, _answers(1), moment="begin", completed_at=earlier)
    completed_response(fatima, adviser, _answers(4), moment="tussentijds")
    for member, value in ((youssef, 2), (sara, 3), (noah, 0)):
        completed_response(member, adviser, _answers(value))
    invite(noah, adviser, moment="afsluiting")

    sara_goal = Goal.objects.create(
        family=family, member=sara, text="DOEL-Sara", life_domain=LifeDomain.WORK_SCHOOL
    )
    Goal.objects.create(
        family=family, member=noah, text="DOEL-Noah", life_domain=LifeDomain.WORK_SCHOOL
    )
    family_actions.record_rights_decision(
        adviser, noah, youssef, kind=RightsDecision.Kind.LIMIT, reason="BESLUIT-Youssef-Noah"
    )
    strengths_actions.add_goal_scaling(
        adviser, sara_goal, score=3, noted_on=today, note="DOELCIJFER-Sara"
    )
    strengths_actions.add_goal_scaling(
        adviser, org.goal, score=5, noted_on=today, note="DOELCIJFER-gezin"
    )
    question = strengths_actions.save_first_question(
        adviser, family, None, text="EERSTE-VRAAG-eerst", status="open", practical_help=""
    )
    strengths_actions.save_first_question(
        adviser,
        family,
        question.version,
        text="EERSTE-VRAAG-nu",
        status="bezig",
        practical_help="SAMEN-DOEN",
    )

    network_actions.add_person(
        adviser,
        family,
        label="NETWERK-gezin",
        relation=RelationKind.FAMILY,
        quality=Quality.SUPPORTIVE,
        note="NOTITIE-gezin",
    )
    network_actions.add_person(
        adviser,
        family,
        label="NETWERK-Sara",
        member=sara,
        relation=RelationKind.FRIENDS,
        quality=Quality.BURDENING,
        note="NOTITIE-Sara",
    )
    network_actions.take_snapshot(adviser, family, taken_on=today, title="MOMENT-start")
    # Mijn Krachtbron, Onze mensen: Fatima proposed someone; the adviser did not take it over.
    proposal = propose_person(
        fatima,
        label="VOORSTEL-Fatima",
        relation=RelationKind.NEIGHBOURHOOD,
        closeness=2,
        own_words="EIGEN-WOORDEN-Fatima",
        stays_after_help=True,
        for_whole_family=True,
    )
    decline(adviser, proposal, "REDEN-niet")
    stays = NetworkPerson.objects.get(label="NETWERK-gezin")
    propose_stays(fatima, stays, True)

    knowledge_actions.create_family_plan(
        adviser,
        family,
        topic="GESPREK-samen",
        purpose="WAAROM-gesprek",
        audiences=["ouders"],
        planned_on=today + timedelta(days=3),
        cards=["waaier-regie"],
    )
    hold_family(family, date(today.year + 30, 1, 1), "BEWAREN-reden", org.beheerder)

    # Mijn Krachtbron: Fatima wrote a goal for the whole family, scored it and wants to talk
    # about it and about one of her answers.
    own_goal = family_actions.add_family_goal(
        fatima, text="EIGEN-DOEL-gezin", life_domain=LifeDomain.PARENTING, for_whole_family=True
    )
    strengths_actions.add_own_goal_scaling(
        fatima, own_goal, score=4, not_zero_because="GEEN-NUL-gezin", one_step_higher="STAP-gezin"
    )
    talk_about = family_actions.add_family_goal(
        fatima, text="PRATEN-gezin", life_domain=LifeDomain.HOUSING, for_whole_family=True
    )
    raise_talk_flag(fatima, goal=talk_about)
    answer = Answer.objects.filter(response__member=fatima).order_by("pk").first()
    raise_talk_flag(fatima, answer=answer)
    # Afspraken: the family's person does something for the family's goal, with an
    # aanspreekpunt; Sara's own goal has an agreement of her own (Sara's private data).
    from krachtbron.networkplan import agreement_actions
    from krachtbron.networkplan.agreements import Performer

    agreement_actions.add_agreement(
        adviser,
        family,
        goal=org.goal,
        text="AFSPRAAK-gezin",
        when="WANNEER-gezin",
        performer=Performer(person=stays),
    )
    agreement_actions.set_contact_point(
        adviser, stays, 0, turns_to=None, turns_to_text="AANSPREEKPUNT-buurtteam"
    )
    agreement_actions.add_agreement(
        adviser, family, goal=sara_goal, text="AFSPRAAK-Sara", performer=Performer(member=sara)
    )
    agreement_actions.add_agreement(
        adviser, family, goal=org.goal, text="AFSPRAAK-Fatima", performer=Performer(member=fatima)
    )
    agreement_actions.add_agreement(
        adviser, family, goal=org.goal, text="AFSPRAAK-adviseur", performer=Performer(adviser=True)
    )
    correction = portal_dossier.request_correction(fatima, "KLOPT-NIET-Fatima", "c" * 24)
    portal_dossier.answer_correction(adviser, correction, "ANTWOORD-Fatima")
    _network_plan(org, fatima, stays)
    _closed_with_follow_up(adviser, family, fatima, sara)
    return CopyFamily(org, fatima, youssef, sara, noah, mila, sara_goal)


def _network_plan(org: Org, fatima: FamilyMember, person: NetworkPerson) -> None:
    """Ons netwerkplan: a line to call, Noah's goal in it, shared by Fatima with that person."""
    from krachtbron.families.rights import rights_of
    from krachtbron.networkplan import plan_actions, sharing
    from krachtbron.networkplan.plan import build_network_plan

    family = org.family
    plan_actions.add_call(org.adviser, family, person, "BELLEN-gezin", "0612345678")
    noah_goal = Goal.objects.get(family=family, text="DOEL-Noah")
    plan_actions.choose_goals(org.adviser, family, [noah_goal.pk], [noah_goal.pk])
    plan_actions.mark_ready(org.adviser, family)
    view = build_network_plan(family, rights_of(fatima))
    sharing.create_share(
        fatima,
        view,
        person,
        calls=[c.pk for c in view.calls],
        agreements=[],
        goals=[g.pk for g in view.shared_goals],
    )


def _closed_with_follow_up(adviser, family, fatima, sara):
    """Closed twice with follow-up and once without, reopened each time (the file stays active
    for the other copy tests): a check-in answered in the portal with a request taken up, one
    by link."""
    from krachtbron.aftercare import actions as aftercare
    from krachtbron.aftercare.models import FollowUp

    for member, via, score, works in ((fatima, "portaal", 6, "deels"), (sara, "link", 8, "ja")):
        family.refresh_from_db()
        closure = aftercare.close_family(adviser, family, family.version, followup_consent=True)
        FollowUp.objects.filter(closure=closure).update(due=timezone.localdate())
        first = FollowUp.objects.get(closure=closure, month=1)
        aftercare.answer_follow_up(
            first, score=score, agreements_work=works, wants_contact=True, member=member, via=via
        )
        aftercare.handle_request(adviser, first)
        FollowUp.objects.filter(closure=closure, month=3).update(
            token_hash="a" * 64, link_created_at=timezone.now(), link_member=sara
        )
        aftercare.reopen_family(adviser, family)
        # The unanswered check-ins went with the reopening; one stays for the copy to show.
        FollowUp.objects.create(
            family=family,
            closure=closure,
            month=6,
            due=timezone.localdate(),
            token_hash="b" * 64,
            link_created_at=timezone.now(),
            link_member=sara,
            team=family.team,
        )
    # Closed a third time, without follow-up (a closure for a check-in to move to).
    family.refresh_from_db()
    aftercare.close_family(adviser, family, family.version, followup_consent=False)
    aftercare.reopen_family(adviser, family)
