"""Demo data for insight. Loaded by `manage.py load_demo` after the reflection loader.

More family questionnaires per team and quarter, so that the teamleider sees figures. Only
closed quarters are shown: the current quarter's answers wait until it is over.
"""

from __future__ import annotations

from datetime import timedelta

from krachtbron.demo.context import DemoContext
from krachtbron.families.choices import MemberRole
from krachtbron.instruments import get_instrument
from krachtbron.instruments.ids import FAMILIES
from krachtbron.reflection.demo_data import answer_value, moment_in, quarters_back


def _family_responses(ctx: DemoContext) -> None:
    from krachtbron.lib.tokens import new_receipt
    from krachtbron.questionnaires.models import Answer, Response

    rng = ctx.rng
    instrument = get_instrument(FAMILIES)
    quarters = quarters_back(5)
    for team_index, team in enumerate(ctx.teams):
        members = [
            member
            for family in ctx.families
            if family.team_id == team.pk
            for member in family.members.all()
            if member.role in (MemberRole.PARENT, MemberRole.YOUTH)
        ]
        for step, quarter in enumerate(quarters):
            for member in rng.sample(members, k=min(len(members), 7)):
                when = moment_in(quarter, rng)
                response = Response.objects.create(
                    family=member.family,
                    member=member,
                    team=team,
                    instrument_id=FAMILIES,
                    instrument_version=instrument.version,
                    language="nl",
                    moment="tussentijds" if step else "begin",
                    started_at=when - timedelta(minutes=8),
                    updated_at=when,
                    completed_at=when,
                    receipt=new_receipt(),
                )
                centre = 2.6 + 0.2 * team_index + 0.1 * step
                Answer.objects.bulk_create(
                    Answer(
                        response=response,
                        item_id=item_id,
                        value=answer_value(rng, centre),
                        answered_at=when,
                    )
                    for item_id in instrument.item_ids
                )


def load(ctx: DemoContext) -> None:
    _family_responses(ctx)
    # The demo's closed quarters are published by the background task (``make run`` starts a
    # worker), as they would be after the quarter's end.
    from krachtbron.insight.tasks import request_publication

    request_publication()
