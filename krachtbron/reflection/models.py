"""Reflection and insight (handreiking §7): professionals' self-reflection, organisation rounds,
research export projects.

Anonymity is built into the tables, not only into the views:

* ``ProfessionalReflection`` belongs to its author (private history). Team figures read only
  reflections whose author chose ``counts_in_team``, one per person per quarter (``superseded``
  marks the older ones), and never select the author.
* ``OrganisationResponse`` has no link to a person: no user, no timestamp, a random UUID as key.
  That someone answered is recorded separately in ``RoundParticipation`` (which says *that*, not
  *what*); the two share no key. A test walks the foreign-key graph to prove it.
* While a round is open its answers are not in ``OrganisationResponse`` at all: each answer set
  is sealed (encrypted, ``seal.py``) in ``SealedAnswerSet``. Closing the round opens them and
  writes them in a shuffled order, so neither keys nor the physical order of rows (SQLite's
  rowid, PostgreSQL's ctid, the order in a dump) follow the order of ``RoundParticipation``.
* ``PublishedPeriod`` and ``PublishedCell`` hold the group figures of closed periods, written
  once, after suppression. They are anonymous statistics: they stay when a family file is
  destroyed (see docs/anonimiteit.md).
* ``ExportProject.secret`` is the key of the keyed hash that makes research pseudonyms; it never
  leaves the server (no form, page or export shows it).
"""

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from krachtbron.accounts.models import Team
from krachtbron.instruments.ids import FAMILIES, ORGANISATION
from krachtbron.lib.answers import ItemAnswer


def quarter_key(year: int, quarter: int) -> int:
    """A quarter as one sortable number: 2025 Q3 -> 20253."""
    return year * 10 + quarter


class ProfessionalReflection(models.Model):
    """One filled-in 'De kracht van professionals' of one staff member (private)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reflections"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    instrument_version = models.CharField(max_length=20)
    # Chosen per reflection: may this reflection count, anonymously, in the team's figures?
    counts_in_team = models.BooleanField(_("telt mee in de teamcijfers"), default=False)
    # The team at the time of the reflection; team figures use this, not the current team.
    team = models.ForeignKey(
        Team, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    quarter = models.PositiveIntegerField()  # quarter_key() of created_at in Amsterdam time
    # True when the same person made a later counting reflection in the same quarter: team
    # figures count one answer set per person per quarter.
    superseded = models.BooleanField(default=False)
    note = models.TextField(_("eigen aantekening"), max_length=2000, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("reflectie")
        verbose_name_plural = _("reflecties")
        indexes = [
            models.Index(
                fields=["counts_in_team", "superseded", "team", "quarter"],
                name="refl_team_quarter_idx",
            )
        ]

    def __str__(self) -> str:
        return f"reflection {self.pk}"


class ProfessionalAnswer(ItemAnswer):
    reflection = models.ForeignKey(
        ProfessionalReflection, on_delete=models.CASCADE, related_name="answers"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["reflection", "item_id"], name="refl_one_answer"),
            ItemAnswer.value_in_scale("refl_answer_value_0_4"),
        ]

    def __str__(self) -> str:
        return f"answer {self.reflection_id}/{self.item_id}"


class RoundScope(models.TextChoices):
    ORGANISATION = "organisation", _("Organisatie")
    TEAM = "team", _("Team")


class RoundStatus(models.TextChoices):
    OPEN = "open", _("open")
    CLOSED = "closed", _("gesloten")


class ReflectionRound(models.Model):
    """A round of 'De kracht van de organisatie' for a period and a set of teams."""

    title = models.CharField(_("titel"), max_length=120)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    scope = models.CharField(_("voor wie"), max_length=20, choices=RoundScope.choices)
    teams = models.ManyToManyField(Team, related_name="reflection_rounds")
    starts_on = models.DateField(_("van"))
    ends_on = models.DateField(_("tot en met"))
    instrument_id = models.CharField(max_length=64, default=ORGANISATION)
    instrument_version = models.CharField(max_length=20)
    status = models.CharField(max_length=10, choices=RoundStatus.choices, default=RoundStatus.OPEN)
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-starts_on", "-id"]
        verbose_name = _("reflectieronde")
        verbose_name_plural = _("reflectierondes")

    def __str__(self) -> str:
        return self.title

    @property
    def quarter(self) -> int:
        """The quarter the round's figures belong to: that of its first day."""
        return quarter_key(self.starts_on.year, (self.starts_on.month - 1) // 3 + 1)


class RoundParticipation(models.Model):
    """Says THAT a person answered a round, never WHAT: one per person per round."""

    round = models.ForeignKey(
        ReflectionRound, on_delete=models.CASCADE, related_name="participations"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    answered_on = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "user"], name="one_participation_per_round")
        ]

    def __str__(self) -> str:
        return f"participation {self.pk}"


class SealedAnswerSet(models.Model):
    """One answer set of a round that is still open, sealed (authenticated encryption).

    Holds the round and the sealed bytes (team, version and answers inside), nothing else: no
    time, a random key. The key to open it is not in the database (``ANSWER_SEAL_KEY``). When
    the round closes, all its sealed sets are opened, shuffled and written as
    ``OrganisationResponse`` rows, and these rows are deleted.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    round = models.ForeignKey(ReflectionRound, on_delete=models.CASCADE, related_name="sealed")
    sealed = models.BinaryField()

    def __str__(self) -> str:
        return "sealed answer set"


class OrganisationResponse(models.Model):
    """One anonymous answer set of a closed round: the round and the team, nothing about the
    person.

    Written only when the round closes, in a shuffled order, with a random UUID key and no time
    of submission: neither keys, timestamps nor the order of rows link it to a participation.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    round = models.ForeignKey(ReflectionRound, on_delete=models.CASCADE, related_name="responses")
    team = models.ForeignKey(
        Team, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    instrument_version = models.CharField(max_length=20)
    quarter = models.PositiveIntegerField()  # the round's quarter

    class Meta:
        indexes = [models.Index(fields=["round", "team"], name="org_resp_round_team_idx")]

    def __str__(self) -> str:
        return "organisation response"


class OrganisationAnswer(ItemAnswer):
    # A random key: no sequence that could order the answers of a round.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    response = models.ForeignKey(
        OrganisationResponse, on_delete=models.CASCADE, related_name="answers"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "item_id"], name="org_one_answer"),
            ItemAnswer.value_in_scale("org_answer_value_0_4"),
        ]

    def __str__(self) -> str:
        return f"organisation answer {self.item_id}"


class PeriodKind(models.TextChoices):
    QUARTER = "quarter", _("kwartaal")
    ROUND = "round", _("ronde")


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


def new_project_secret() -> bytes:
    return secrets.token_bytes(32)


class ExportProject(models.Model):
    """A research project of an onderzoeker; its secret key makes the project's pseudonyms.

    A new project has a new key, so pseudonyms of two projects cannot be linked. The key is
    created here and never shown to anyone.
    """

    title = models.CharField(_("titel"), max_length=120)
    purpose = models.TextField(_("doel van het onderzoek"), max_length=2000)
    researcher = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="export_projects"
    )
    instrument_id = models.CharField(_("vragenlijst"), max_length=64, default=FAMILIES)
    first_month = models.DateField(_("vanaf maand"))  # always the 1st of a month
    last_month = models.DateField(_("tot en met maand"))  # always the 1st of a month
    secret = models.BinaryField(default=new_project_secret, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("exportproject")
        verbose_name_plural = _("exportprojecten")

    def __str__(self) -> str:
        return self.title


class ExportFormat(models.TextChoices):
    CSV = "csv", _("CSV")
    FHIR = "fhir", _("FHIR Bundle")


class ExportRun(models.Model):
    """One download of a project's dataset: who, when, which format, how many rows."""

    project = models.ForeignKey(ExportProject, on_delete=models.PROTECT, related_name="runs")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    format = models.CharField(max_length=10, choices=ExportFormat.choices)
    rows = models.PositiveIntegerField(default=0)
    families = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"export run {self.pk}"
