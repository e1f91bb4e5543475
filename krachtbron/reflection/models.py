"""Reflection (handreiking §7): professionals' self-reflection and organisation rounds. Their
group figures are published by ``insight``; research export projects live in ``research``.

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
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from krachtbron.accounts.models import Team
from krachtbron.instruments.ids import ORGANISATION
from krachtbron.lib.answers import ItemAnswer
from krachtbron.lib.quarters import quarter_key


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
