"""Published figures of the family questionnaire, checked once more against families.

The family questionnaire now counts families, not members, behind every figure (a cell, an
item, a section, the pool of small teams): five members of one family are one family's answers
(docs/anonimiteit.md, rule 2). Figures published before counted members; those that did not have
the minimum of families behind them were published wrongly. This step takes them out, and only
that: it never computes a number anew, it only removes a cell, an item's distribution or a
section's mean (a removed figure shows nothing new, so nothing can be learned by comparing the
page before and after). ``persons`` of a kept cell becomes its number of families (it is not
shown anywhere; the rule reads it).

Families are counted among the answers that are still there. When answers behind a figure were
erased since (a destroyed file), the count can come out lower than at publication: the figure is
then removed too. In doubt, out.

Going back changes nothing.
"""

from math import ceil

from django.conf import settings
from django.db import migrations

from krachtbron.instruments import SECTION_MIN_ANSWERED_SHARE, UnknownInstrumentError, get_instrument
from krachtbron.lib.quarters import next_quarter, quarter_start

FAMILIES = "kracht-gezinnen"
POOL = -1


def _families_behind(responses, answered, sections):
    """The families behind a cell, behind each item and behind each section's mean, among the
    cell's ``responses`` (``answered``: response id -> the items it answered)."""
    families = set()
    per_item = {}
    per_section = [set() for _ in sections]
    for response in responses:
        items = answered.get(response["id"])
        if not items:
            continue  # no answer: no respondent
        families.add(response["family_id"])
        for item_id in items:
            per_item.setdefault(item_id, set()).add(response["family_id"])
        for index, section in enumerate(sections):
            given = sum(1 for item_id in section if item_id in items)
            if given >= ceil(SECTION_MIN_ANSWERED_SHARE * len(section)):
                per_section[index].add(response["family_id"])
    return families, per_item, per_section


def count_families(apps, schema_editor):
    Period = apps.get_model("reflection", "PublishedPeriod")
    Cell = apps.get_model("reflection", "PublishedCell")
    Response = apps.get_model("questionnaires", "Response")
    Answer = apps.get_model("questionnaires", "Answer")
    minimum = int(settings.MIN_GROUP_SIZE)
    for period in Period.objects.filter(instrument_id=FAMILIES, kind="quarter").order_by("pk"):
        cells = list(Cell.objects.filter(period=period))
        if not cells:
            continue
        try:
            instrument = get_instrument(FAMILIES, version=period.instrument_version)
        except UnknownInstrumentError:
            Cell.objects.filter(period=period).delete()  # nothing to count by: in doubt, out
            continue
        sections = [list(section.item_ids) for section in instrument.sections]
        responses = list(
            Response.objects.filter(
                instrument_id=FAMILIES,
                instrument_version=period.instrument_version,
                completed_at__gte=quarter_start(period.unit),
                completed_at__lt=quarter_start(next_quarter(period.unit)),
            ).values("id", "team_id", "family_id")
        )
        answered = {}
        for response_id, item_id in Answer.objects.filter(
            response_id__in=[r["id"] for r in responses], value__isnull=False
        ).values_list("response_id", "item_id"):
            answered.setdefault(response_id, set()).add(item_id)
        # The pool was made of the teams without a cell of their own (and no team).
        named = {cell.team_key for cell in cells if cell.team_key != POOL}
        for cell in cells:
            if cell.team_key == POOL:
                mine = [r for r in responses if r["team_id"] not in named]
            else:
                mine = [r for r in responses if r["team_id"] == cell.team_key]
            families, per_item, per_section = _families_behind(mine, answered, sections)
            if len(families) < minimum:
                cell.delete()
                continue
            cell.persons = len(families)
            cell.items = {
                item_id: counts
                for item_id, counts in cell.items.items()
                if len(per_item.get(item_id, ())) >= minimum
            }
            for index, behind in enumerate(per_section):
                if index < len(cell.section_counts) and len(behind) < minimum:
                    cell.section_sums[index] = 0.0
                    cell.section_counts[index] = 0
            cell.save(update_fields=["persons", "items", "section_sums", "section_counts"])


class Migration(migrations.Migration):
    dependencies = [
        ("reflection", "0003_round_answer_sets_only_as_the_rule_allows"),
        ("questionnaires", "0001_initial"),
    ]

    operations = [migrations.RunPython(count_families, migrations.RunPython.noop)]
