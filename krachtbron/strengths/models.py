"""The strength profile (krachtenprofiel), scalings over time and the family's first question.

A member's krachtenprofiel is the set of their `StrengthEntry` rows: one per dimension, and
where the adviser wants it one more per life domain (handreiking §2, §2.1, §2.3). Scalings are
kept as a history: a new scaling is a new row, so change over time stays visible.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from krachtbron.families.choices import Dimension, LifeDomain, Visibility, visibility_field
from krachtbron.families.models import Family, FamilyMember, Goal

# Re-exported: the lists moved to choices.py (family text), code still imports them from here.
from krachtbron.strengths.choices import FirstQuestionStatus as FirstQuestionStatus
from krachtbron.strengths.choices import Perspective as Perspective

SCALE_MIN, SCALE_MAX = 0, 10
_SCALE_VALIDATORS = [MinValueValidator(SCALE_MIN), MaxValueValidator(SCALE_MAX)]


def default_scaling_visibility(perspective: str) -> str:
    """The member's own scaling is shared with the family; the adviser's is for professionals
    until the adviser shares it."""
    return Visibility.PROFESSIONALS if perspective == Perspective.ADVISER else Visibility.FAMILY


class StrengthEntry(models.Model):
    """What goes well, what is hard and what gives energy, for one dimension (and domain)."""

    member = models.ForeignKey(
        FamilyMember, on_delete=models.CASCADE, related_name="strength_entries"
    )
    dimension = models.CharField(_("dimensie"), max_length=20, choices=Dimension.choices)
    # Empty: about life in general; otherwise about one life domain.
    life_domain = models.CharField(
        _("leefgebied"), max_length=20, choices=LifeDomain.choices, blank=True
    )
    goes_well = models.TextField(_("wat gaat goed (krachtbronnen)"), max_length=1000, blank=True)
    is_hard = models.TextField(_("wat is moeilijk"), max_length=1000, blank=True)
    gives_energy = models.TextField(_("waar krijg je energie van"), max_length=1000, blank=True)
    # What the member said about their strengths is theirs to see (§4.3: both sides).
    visibility = visibility_field(Visibility.FAMILY)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["member_id", "dimension", "life_domain", "id"]
        verbose_name = _("krachtenprofiel-onderdeel")
        verbose_name_plural = _("krachtenprofiel")
        constraints = [
            models.UniqueConstraint(
                fields=["member", "dimension", "life_domain"],
                name="one_strength_entry_per_member_dimension_domain",
            )
        ]

    def __str__(self) -> str:
        return f"member {self.member_id} {self.dimension} {self.life_domain or '-'}"


class Scaling(models.Model):
    """One answer to the scaling question 0-10 for one dimension, from one perspective."""

    member = models.ForeignKey(FamilyMember, on_delete=models.CASCADE, related_name="scalings")
    dimension = models.CharField(_("dimensie"), max_length=20, choices=Dimension.choices)
    perspective = models.CharField(
        _("wie geeft het cijfer"), max_length=20, choices=Perspective.choices
    )
    score = models.PositiveSmallIntegerField(_("cijfer"), validators=_SCALE_VALIDATORS)
    not_zero_because = models.TextField(
        _("wat maakt dat het geen 0 is"), max_length=1000, blank=True
    )
    one_step_higher = models.TextField(_("wat is één stap hoger"), max_length=1000, blank=True)
    noted_on = models.DateField(_("datum"))
    # The member's own score is shared with the family, the adviser's own view is not
    # (``default_scaling_visibility``): the action sets it from the perspective.
    visibility = visibility_field(Visibility.FAMILY)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)
    # The member scored themselves in Mijn Krachtbron (``by`` is empty then).
    # CASCADE like every reference to a member: a removed member's own numbers leave with them.
    by_member = models.ForeignKey(
        FamilyMember, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["noted_on", "created_at", "id"]
        verbose_name = _("schaalvraag")
        verbose_name_plural = _("schaalvragen")
        indexes = [models.Index(fields=["member", "dimension", "noted_on"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(score__gte=SCALE_MIN, score__lte=SCALE_MAX),
                name="scaling_score_0_10",
            )
        ]

    def __str__(self) -> str:
        return f"member {self.member_id} {self.dimension} {self.score} on {self.noted_on}"


class GoalScaling(models.Model):
    """How far a goal is, 0-10, on one date (the family's own number)."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="scalings")
    score = models.PositiveSmallIntegerField(_("cijfer"), validators=_SCALE_VALIDATORS)
    note = models.TextField(_("wat hielp of wat is de volgende stap"), max_length=500, blank=True)
    # The solution-focused questions, as a member answers them in Mijn Krachtbron (§5.2).
    not_zero_because = models.TextField(
        _("wat maakt dat het geen 0 is"), max_length=1000, blank=True
    )
    one_step_higher = models.TextField(_("wat is één stap hoger"), max_length=1000, blank=True)
    noted_on = models.DateField(_("datum"))
    # The family's own number for their goal.
    visibility = visibility_field(Visibility.FAMILY)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)
    # A family member gave this number in Mijn Krachtbron (``by`` is empty then).
    # CASCADE like every reference to a member: a removed member's own numbers leave with them.
    by_member = models.ForeignKey(
        FamilyMember, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["noted_on", "created_at", "id"]
        verbose_name = _("schaal bij een doel")
        verbose_name_plural = _("schalen bij doelen")
        indexes = [models.Index(fields=["goal", "noted_on"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(score__gte=SCALE_MIN, score__lte=SCALE_MAX),
                name="goal_scaling_score_0_10",
            )
        ]

    def __str__(self) -> str:
        return f"goal {self.goal_id} {self.score} on {self.noted_on}"


class FirstQuestion(models.Model):
    """The family's first, practical question: answer it first (§3.2). One per family."""

    family = models.OneToOneField(Family, on_delete=models.CASCADE, related_name="first_question")
    text = models.TextField(_("eerste vraag in de woorden van het gezin"), max_length=1000)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=FirstQuestionStatus.choices,
        default=FirstQuestionStatus.OPEN,
    )
    practical_help = models.TextField(_("wat we samen doen"), max_length=1000, blank=True)
    visibility = visibility_field(Visibility.FAMILY)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("eerste vraag")
        verbose_name_plural = _("eerste vragen")

    def __str__(self) -> str:
        return f"first question of family {self.family_id}"


class FirstQuestionRevision(models.Model):
    """Every saved version of the first question, so its history stays readable."""

    first_question = models.ForeignKey(
        FirstQuestion, on_delete=models.CASCADE, related_name="revisions"
    )
    version = models.PositiveIntegerField()
    text = models.TextField(max_length=1000)
    status = models.CharField(max_length=20, choices=FirstQuestionStatus.choices)
    practical_help = models.TextField(max_length=1000, blank=True)
    saved_at = models.DateTimeField(auto_now_add=True)
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-version"]
        verbose_name = _("versie van de eerste vraag")
        verbose_name_plural = _("versies van de eerste vraag")
        constraints = [
            models.UniqueConstraint(
                fields=["first_question", "version"], name="one_revision_per_version"
            )
        ]

    def __str__(self) -> str:
        return f"first question {self.first_question_id} v{self.version}"
