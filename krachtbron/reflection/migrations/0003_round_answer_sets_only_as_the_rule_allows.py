"""Existing round answers, stored only as the suppression rule allows (docs/anonimiteit.md, 3).

* Closed rounds: a team with fewer than the minimum of answer sets loses its name on them (the
  team column, joined with the participations and the users' teams, pointed at one person or a
  handful); the sets without a team are deleted when there are fewer than the minimum of them
  (they add to no published figure). Sets without any answer are deleted. Published figures
  stay as they are: they equal those of the remaining rows (docs/anonimiteit.md).
* Open rounds: every sealed set is sealed again under a new key and written in a new random
  order, so the physical order no longer follows the order of the participations.

Going back changes nothing (what was removed is not brought back).
"""

import secrets
import uuid
from collections import Counter

from django.db import migrations

from krachtbron.reflection.seal import seal, unseal
from krachtbron.lib.suppression import round_teams


def only_as_the_rule_allows(apps, schema_editor):
    Round = apps.get_model("reflection", "ReflectionRound")
    Response = apps.get_model("reflection", "OrganisationResponse")
    Answer = apps.get_model("reflection", "OrganisationAnswer")
    Sealed = apps.get_model("reflection", "SealedAnswerSet")
    for round_id in Response.objects.order_by().values_list("round_id", flat=True).distinct():
        responses = Response.objects.filter(round_id=round_id)
        answered = set(
            Answer.objects.filter(response__round_id=round_id, value__isnull=False)
            .values_list("response_id", flat=True)
            .distinct()
        )
        Response.objects.filter(round_id=round_id).exclude(pk__in=answered).delete()
        per_team = Counter(responses.values_list("team_id", flat=True))
        teams = round_teams(per_team)
        for team in per_team:
            rows = responses.filter(team_id=team) if team else responses.filter(team_id=None)
            if team not in teams:
                rows.delete()
            elif team is not None and teams[team] is None:
                rows.update(team_id=None)
    shuffle = secrets.SystemRandom().shuffle
    for round_ in Round.objects.filter(status="open", sealed__isnull=False).distinct():
        sealed = Sealed.objects.filter(round=round_)
        payloads = [unseal(round_.pk, blob) for blob in sealed.values_list("sealed", flat=True)]
        shuffle(payloads)
        sealed.delete()
        Sealed.objects.bulk_create(
            Sealed(id=uuid.uuid4(), round=round_, sealed=seal(round_.pk, payload))
            for payload in payloads
        )


class Migration(migrations.Migration):
    dependencies = [("reflection", "0002_published_figures_and_sealed_answers")]

    operations = [migrations.RunPython(only_as_the_rule_allows, migrations.RunPython.noop)]
