"""A demo-like organisation with a hostile string planted in every field people type.

`rich_org(org)` fills the personas' organisation with one of everything that shows a name or a
text (network, strengths, plans, reflections, rounds, projects, questionnaires, published
figures, retention decisions). `plant(text)` then appends ``text`` to every field in
`USER_TEXT` — straight in the database, as old data or a bypassed form would have it.
`test_user_text_fields_are_declared` keeps `USER_TEXT` complete: every text field of every
Krachtbron model is declared here as typed by people or not.
"""

from datetime import timedelta
from typing import Any

from django.apps import apps
from django.db import models
from django.utils import timezone

# Every model field that holds text a person typed: a name, a label, a title, a note.
USER_TEXT: dict[str, tuple[str, ...]] = {
    "accounts.Team": ("name",),
    "accounts.User": ("first_name", "last_name"),
    "families.Family": ("display_name",),
    "families.FamilyMember": ("first_name",),
    "families.Goal": ("text",),
    "families.RetentionHold": ("reason",),
    "families.RightsDecision": ("reason",),
    "families.DestructionRecord": ("note",),
    "strengths.StrengthEntry": ("goes_well", "is_hard", "gives_energy"),
    "strengths.Scaling": ("not_zero_because", "one_step_higher"),
    "strengths.GoalScaling": ("note", "not_zero_because", "one_step_higher"),
    "strengths.FirstQuestion": ("text", "practical_help"),
    "strengths.FirstQuestionRevision": ("text", "practical_help"),
    "network.NetworkPerson": ("label", "note"),
    "network.NetworkSnapshot": ("title",),
    "network.NetworkProposal": (
        "label",
        "own_words",
        "reason",
    ),  # and the labels frozen in `data`, see plant()
    "reflection.ProfessionalReflection": ("note",),
    "reflection.ReflectionRound": ("title",),
    "research.ExportProject": ("title", "purpose"),
    "portal.CorrectionRequest": ("text", "answer"),
    "networkplan.Agreement": ("text", "when"),
    "networkplan.ContactPoint": ("turns_to_text",),
    "networkplan.PlanCall": ("call_for",),
    "knowledge.ConversationPlan": (
        "topic",
        "purpose",
        "participants",
        "approach",
        "notes",
        "agreements",
    ),
}

# Text fields nobody types freely, and why.
NOT_USER_TEXT: dict[str, str] = {
    "krachtbron_lib.FormSubmission": "form keys and the app's own paths",
    "krachtbron_lib.KeptForm": "the app's own path (the kept input is encrypted, shown by forms)",
    "krachtbron_lib.CodeTry": "a one-way key of a typed code (lib.throttle), never shown",
    "accounts.User.password": "a password hash",
    "accounts.User.username": "letters, digits and . @ + - _ only (UserForm)",
    "accounts.User.email": "an address without invisible characters (PlainEmailField)",
    "accounts.StaffSession": "a session key",
    "audit.AccessLogEntry": "codes and dossier numbers only (no names, SECURITY.md 18)",
    "audit.AccessLogSeal": "keyed hashes of the seal chain",
    "families.Family.reference": "letters, digits and dashes only",
    "families.DestructionRecord.family_reference": "letters, digits and dashes only",
    "families.PreparedFile": "codes (kind, status, language); the made file is sealed bytes",
    "families.StoredPdf": "a variant (JSON of ids and choices), a hex digest, status; the PDF "
    "is sealed bytes",
    "questionnaires.Invitation": "instrument ids, token and code hashes",
    "questionnaires.Response": "instrument ids, versions and receipt codes",
    "questionnaires.Answer": "item ids",
    "portal.MemberLink": "link kinds, token and code hashes",
    "sending.Delivery": "codes (purpose, channel, status, language, an error class and SMTP code)",
    "portal.Passkey": "base64url credential ids (from the authenticator, never shown)",
    "portal.CorrectionRequest.form_key": "a form's one-time key (lib/idempotency.py)",
    "portal.MemberLanguage": "a language code of settings.LANGUAGES (LanguageForm)",
    "networkplan.PlanCall.phone": "a phone number in E.164 (networkplan.plan.normalise_phone)",
    "networkplan.Share.token_hash": "a token's sha256",
    "networkplan.Share.language": "a language code of settings.LANGUAGES",
    "reflection.ProfessionalReflection.instrument_version": "an instrument version",
    "reflection.ProfessionalAnswer": "item ids",
    "reflection.ReflectionRound.instrument_id": "an instrument id",
    "reflection.ReflectionRound.instrument_version": "an instrument version",
    "reflection.OrganisationResponse": "an instrument version",
    "reflection.OrganisationAnswer": "item ids",
    "insight.PublishedPeriod": "instrument ids and versions",
    "research.ExportProject.instrument_id": "an instrument id",
    "knowledge.SearchDocument": "the kennisbank's own content, from the repository",
    "aftercare.FollowUp.token_hash": "a personal link's sha256 (lib.tokens)",
}


def krachtbron_text_fields() -> list[str]:
    """ "app.Model.field" of every text field without choices of every Krachtbron model."""
    found = []
    for model in apps.get_models():
        if not model.__module__.startswith("krachtbron."):
            continue
        for field in model._meta.concrete_fields:
            if isinstance(field, models.CharField | models.TextField) and not field.choices:
                found.append(f"{model._meta.label}.{field.name}")
    return found


def rich_org(org: Any) -> dict[str, Any]:
    """One of everything that shows a name or text, around the personas' family and teams.

    Returns the objects later steps need (an invitation's token, a project, a member)."""
    from krachtbron.families.models import DestructionRecord, RetentionHold, RightsDecision
    from krachtbron.instruments.ids import FAMILIES
    from krachtbron.knowledge.tests.factories import FamilyPlanFactory, TeamPlanFactory
    from krachtbron.network.tests.factories import NetworkPersonFactory, NetworkSnapshotFactory
    from krachtbron.questionnaires.tests.factories import completed_response, invite
    from krachtbron.reflection import actions as reflection_actions
    from krachtbron.reflection.models import RoundScope
    from krachtbron.reflection.tests.factories import (
        closed_quarter_moment,
        family_response,
        open_round,
    )
    from krachtbron.research import actions as research_actions
    from krachtbron.strengths.models import FirstQuestion
    from krachtbron.strengths.tests.factories import (
        GoalScalingFactory,
        ScalingFactory,
        StrengthEntryFactory,
    )
    from krachtbron.testing.factories import GoalFactory, MemberFactory

    family, member = org.family, org.member
    GoalFactory(family=family, member=member, text="Zelf de post openen")
    NetworkPersonFactory(family=family, member=member, label="Oma", note="Komt op woensdag")
    NetworkPersonFactory(family=family, label="Buurvrouw Els", burdening=True)
    NetworkSnapshotFactory(family=family, title="Bij de start")
    StrengthEntryFactory(member=member)
    ScalingFactory(member=member, not_zero_because="Ze staat op", one_step_higher="Ontbijt")
    GoalScalingFactory(
        goal=org.goal,
        note="Eerste brief samen gelezen",
        not_zero_because="We eten samen",
        one_step_higher="Ook op vrijdag",
        by_member=member,
    )
    # What a member did in Mijn Krachtbron: a goal of their own and "hier wil ik over praten".
    from krachtbron.families.actions import add_family_goal
    from krachtbron.portal.plan_actions import raise_talk_flag

    add_family_goal(
        member, text="Weer goed slapen", life_domain="gezondheid", for_whole_family=False
    )
    raise_talk_flag(member, goal=org.goal)
    # Afspraken: one by the adviser with a carer and their aanspreekpunt, one by the member.
    from krachtbron.networkplan.agreements import Performer
    from krachtbron.networkplan.models import Agreement, ContactPoint

    carer = NetworkPersonFactory(family=family, label="Tante Samira", stays_after_help=True)
    Agreement.objects.create(
        family=family,
        goal=org.goal,
        text="Kookt op vrijdag",
        when="vrijdag",
        **Performer(person=carer).fields(),
    )
    ContactPoint.objects.create(person=carer, turns_to_text="Het buurtteam")
    from krachtbron.networkplan.agreement_actions import add_member_agreement

    add_member_agreement(
        member, goal=org.goal, text="Wij wandelen", performer=Performer(member=member)
    )
    FirstQuestion.objects.create(family=family, text="Hulp bij de huur", practical_help="Bellen")
    _network_plans(org)
    RightsDecision.objects.create(
        family=family,
        kind=RightsDecision.Kind.SHARE,
        subject=member,
        other=MemberFactory(family=family, first_name="Johan", has_parental_authority=False),
        reason="Fatima wil dat Johan haar doelen ziet",
        decided_by=org.adviser,
    )
    TeamPlanFactory(
        owner=org.adviser,
        participants="Alice en Bob",
        approach="Rondje",
        notes="Goed gesprek",
        agreements="Bob belt",
    )
    FamilyPlanFactory(owner=org.adviser, family=family, participants="moeder", notes="Fijn")
    reflection_actions.create_reflection(
        org.adviser, {"p01": 2, "p02": 3}, counts_in_team=False, note="Intervisie"
    )
    open_round(org.teamleider, [org.team])
    open_round(org.beheerder, [org.team, org.other_team], scope=RoundScope.ORGANISATION)
    when = closed_quarter_moment()
    for team in (org.team, org.other_team):
        for _ in range(5):
            family_response(team, {"g01": 3, "g05": 2, "g09": 4}, completed_at=when)
    completed_response(member, org.adviser, {"g01": 3, "g02": 4})
    _invitation, token = invite(member, org.adviser)
    project = research_actions.create_project(
        org.onderzoeker,
        title="Netwerken in beeld",
        purpose="Steun van het netwerk",
        instrument_id=FAMILIES,
        first_month=when.date().replace(day=1),
        last_month=when.date().replace(day=1),
    )
    RetentionHold.objects.create(
        family=org.other_family,
        until=timezone.localdate() + timedelta(days=400),
        reason="Klachtprocedure",
        decided_by=org.beheerder,
    )
    DestructionRecord.objects.create(
        family_reference="KB-WEG-00001",
        reason=DestructionRecord.Reason.values[0],
        note="Verzoek van moeder",
        decided_by=org.beheerder,
    )
    from krachtbron.testing.tasks import publish_closed_periods

    # The closed quarter's cells, as the background task stores them after the quarter's end:
    # the pages with group figures show the planted teams' figures.
    publish_closed_periods()
    return {"token": token, "invitation": _invitation, "project": project}


def _network_plans(org: Any) -> None:
    """Ons netwerkplan of both families: a line to call, an agreement, a goal in it."""
    from krachtbron.network.tests.factories import NetworkPersonFactory
    from krachtbron.networkplan import plan_actions
    from krachtbron.networkplan.models import Agreement
    from krachtbron.testing.factories import GoalFactory

    for family, adviser in ((org.family, org.adviser), (org.other_family, org.other_adviser)):
        person = NetworkPersonFactory(family=family, label="Oom Karim")
        goal = org.goal if family == org.family else GoalFactory(family=family)
        plan_actions.add_call(adviser, family, person, "Als ik ziek ben", "+31612345678")
        Agreement.objects.create(
            family=family, goal=goal, text="Haalt op", when="woensdag", performer_person=person
        )
        plan_actions.choose_goals(adviser, family, [goal.pk], [goal.pk])
        plan_actions.mark_ready(adviser, family)


def plant(text: str) -> None:
    """Append ``text`` to every field in `USER_TEXT` of every row (within its max_length),
    and to the person labels frozen in network snapshots."""
    for label, names in USER_TEXT.items():
        model = apps.get_model(label)
        for row in model._base_manager.all():
            changes = {}
            for name in names:
                field = model._meta.get_field(name)
                limit = getattr(field, "max_length", None) or 100_000
                old = getattr(row, name) or ""
                changes[name] = (old[: max(0, limit - len(text))] + text)[:limit]
            model._base_manager.filter(pk=row.pk).update(**changes)
    from krachtbron.network.models import NetworkSnapshot

    for snapshot in NetworkSnapshot.objects.all():
        data = snapshot.data
        for person in data.get("persons", []):
            person["label"] = (person.get("label") or "")[:30] + text
            if person.get("member_label"):
                person["member_label"] += text
        NetworkSnapshot.objects.filter(pk=snapshot.pk).update(data=data)
