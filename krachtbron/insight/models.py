"""The published group figures (docs/anonimiteit.md).

``PublishedPeriod`` and ``PublishedCell`` hold the group figures of closed periods, written
once, after suppression (``published``). They are anonymous statistics: they stay when a family
file is destroyed or a reflection deleted. Moved here from ``reflection`` (migration
``reflection.0005``, ``insight.0001``): the rows stayed, the tables were renamed.
"""

from django.db import models

from krachtbron.lib.answer_sources import PeriodKind


class PublishedPeriod(models.Model):
    """A closed period of one instrument version whose figures are published: a quarter (family
    questionnaire, professionals) or a round (organisation). Written once; its cells are all
    the figures there will ever be for it, also when answers behind them are erased later."""

    instrument_id = models.CharField(max_length=64)
    instrument_version = models.CharField(max_length=20)
    kind = models.CharField(max_length=10, choices=PeriodKind.choices)
    unit = models.PositiveIntegerField()  # quarter key (20253) or round id
    published_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["instrument_id", "instrument_version", "kind", "unit"],
                name="one_publication_per_period",
            )
        ]

    def __str__(self) -> str:
        return f"{self.instrument_id} {self.kind} {self.unit}"


class PublishedCell(models.Model):
    """The published figures of one team (or of the pool of small teams) in one period, after
    suppression: only sub-figures of at least ``MIN_GROUP_SIZE`` respondents are in it."""

    #: ``team_key`` of the pooled "overige teams" cell of a period.
    POOL = -1

    period = models.ForeignKey(PublishedPeriod, on_delete=models.CASCADE, related_name="cells")
    # The team's id, or POOL. Not a foreign key: anonymous figures do not depend on the team row.
    team_key = models.IntegerField()
    quarter = models.PositiveIntegerField()
    respondents = models.PositiveIntegerField()
    persons = models.PositiveIntegerField()
    # item id -> answers per value 0..4 (publishable items only)
    items = models.JSONField(default=dict)
    # per section, in the instrument's order: sum of respondents' section means, and their
    # number (0 and 0 when the section is not publishable in this cell)
    section_sums = models.JSONField(default=list)
    section_counts = models.JSONField(default=list)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["period", "team_key"], name="one_cell_per_team")
        ]

    def __str__(self) -> str:
        return f"published cell {self.pk}"
