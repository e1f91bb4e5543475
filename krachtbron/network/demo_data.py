"""Demo network maps with two or three frozen moments, so change over time is visible.

The earliest moment shows the typical start (§3.2): more professionals, fewer people who stay;
the later moments show the own network growing.
"""

import dataclasses
from datetime import timedelta

from django.utils import timezone

from krachtbron.demo.context import DemoContext
from krachtbron.families.choices import Visibility
from krachtbron.network.choices import Closeness, Quality, RelationKind
from krachtbron.network.mapdata import MapPerson, from_person, to_snapshot_data
from krachtbron.network.models import NetworkPerson, NetworkSnapshot

R = RelationKind
PEOPLE = [
    ("Oma", R.FAMILY, 1, Quality.SUPPORTIVE, (True, True, False), True, True),
    ("Tante Nora", R.FAMILY, 2, Quality.MIXED, (False, True, True), True, False),
    ("Opa", R.FAMILY, 2, Quality.BURDENING, (False, False, False), False, False),
    ("Partner", R.HOUSEHOLD, 1, Quality.MIXED, (True, True, False), True, False),
    ("Buurvrouw Els", R.NEIGHBOURHOOD, 2, Quality.SUPPORTIVE, (True, False, False), True, False),
    ("Vriendin Sanne", R.FRIENDS, 1, Quality.SUPPORTIVE, (False, True, True), True, False),
    ("Juf", R.SCHOOL_WORK, 2, Quality.SUPPORTIVE, (False, False, True), False, False),
    ("Trainer", R.SPORT_CLUB, 3, Quality.SUPPORTIVE, (False, True, False), True, False),
    ("Oudergroep", R.PEERS, 3, Quality.SUPPORTIVE, (False, True, True), True, False),
    ("Maatje", R.VOLUNTEER, 2, Quality.SUPPORTIVE, (True, False, True), False, False),
    ("Huisarts", R.PROFESSIONAL, 3, Quality.SUPPORTIVE, (False, False, True), False, False),
    ("Schuldhulp", R.PROFESSIONAL, 2, Quality.MIXED, (True, False, True), False, False),
    ("Mentor", R.PROFESSIONAL, 2, Quality.SUPPORTIVE, (False, True, True), False, False),
    ("Ex-partner", R.FAMILY, 3, Quality.BURDENING, (False, False, False), False, False),
]
# Professionals who were involved at the start and have left since (ids below zero never
# collide with real persons).
EARLY_PROFESSIONALS = [
    MapPerson(-1, "Wijkverpleging", R.PROFESSIONAL, 2, Quality.SUPPORTIVE, ("praktisch",)),
    MapPerson(-2, "Jeugdarts", R.PROFESSIONAL, 3, Quality.SUPPORTIVE, ("advies",)),
    MapPerson(-3, "Gezinscoach", R.PROFESSIONAL, 1, Quality.MIXED, ("advies",)),
]


def load(ctx: DemoContext) -> None:
    rng = ctx.rng
    today = timezone.localdate()
    for index, family in enumerate(ctx.families):
        if index % 7 == 6:
            continue  # some families have no map yet: the empty state is part of the demo
        advisers = list(family.advisers.all())
        members = list(family.members.all())
        chosen = rng.sample(PEOPLE, k=rng.randint(6, len(PEOPLE)))
        persons: list[NetworkPerson] = []
        for label, relation, ring, quality, (practical, emotional, advice), stays, heavy in chosen:
            persons.append(
                NetworkPerson.objects.create(
                    family=family,
                    member=rng.choice([None, None, *members]) if members else None,
                    label=label,
                    relation=relation,
                    closeness=ring,
                    quality=quality,
                    gives_practical=practical,
                    gives_emotional=emotional,
                    gives_advice=advice,
                    stays_after_help=stays,
                    may_be_overloaded=heavy,
                    # The first person's marks are shared with the family (the family named
                    # them supportive together with the adviser); the others stay with the
                    # professionals, the default (docs/gezinsrechten.md).
                    marks_visibility=Visibility.FAMILY if not persons else Visibility.PROFESSIONALS,
                )
            )
        now = [from_person(p) for p in persons]
        start = [
            dataclasses.replace(
                p,
                closeness=min(Closeness.FAR, p.closeness + 1),
                stays_after_help=False,
            )
            for p in now
            if p.is_professional or rng.random() < 0.5
        ] + EARLY_PROFESSIONALS
        middle = [p for p in now if p.is_professional or rng.random() < 0.8] + EARLY_PROFESSIONALS[
            :1
        ]
        moments = [(150, "bij de start", start), (70, "na een paar maanden", middle)]
        for days, title, state in moments:
            NetworkSnapshot.objects.create(
                family=family,
                taken_on=today - timedelta(days=days + rng.randint(0, 10)),
                title=title,
                person_count=len(state),
                data=to_snapshot_data(state),
                by=advisers[0] if advisers else None,
            )
