from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

# Re-exported: the lists moved to choices.py (family text), code still imports them from here.
from krachtbron.knowledge.choices import PlanKind as PlanKind
from krachtbron.knowledge.choices import PlanStatus as PlanStatus


class SearchDocument(models.Model):
    """One knowledge page or card as the search index sees it.

    Filled from the content files by `search.ensure_index()` (lazily at the first search, or by
    `manage.py build_search_index`), never by hand: the files are the source. `fingerprint` is
    the hash of all content files, so a changed file makes the index rebuild itself.
    """

    doc_id = models.CharField(max_length=80, unique=True)
    kind = models.CharField(max_length=10)  # "page" or "card"
    title = models.CharField(max_length=300)
    summary = models.CharField(max_length=300)
    body = models.TextField()
    fingerprint = models.CharField(max_length=64)

    def __str__(self) -> str:
        return self.doc_id


class ConversationPlan(models.Model):
    """A conversation prepared with the gesprekswaaier (§5.1): why, with whom, when, how.

    A team plan belongs to a team: everyone who works with families in that team sees and edits
    it. A family plan belongs to a family file and follows its access rules (and access log).
    """

    kind = models.CharField(_("soort"), max_length=10, choices=PlanKind.choices)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gemaakt door"),
        on_delete=models.PROTECT,
        related_name="conversation_plans",
    )
    team = models.ForeignKey(
        "accounts.Team",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="conversation_plans",
    )
    family = models.ForeignKey(
        "families.Family",
        null=True,
        blank=True,
        on_delete=models.CASCADE,  # purged with the family file (retention, destruction)
        related_name="conversation_plans",
    )
    topic = models.CharField(_("onderwerp"), max_length=150)
    purpose = models.TextField(_("waarom"), blank=True)
    participants = models.CharField(_("met wie"), max_length=500, blank=True)
    audiences = models.JSONField(_("gesprekspartners"), default=list, blank=True)
    planned_on = models.DateField(_("wanneer"), null=True, blank=True)
    approach = models.TextField(_("hoe"), blank=True)
    cards = models.JSONField(_("kaarten"), default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=PlanStatus.choices, default=PlanStatus.PLANNED
    )
    notes = models.TextField(_("aantekeningen"), blank=True)
    agreements = models.TextField(_("afspraken"), blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-planned_on", "-updated_at", "pk"]
        verbose_name = _("gespreksplan")
        verbose_name_plural = _("gespreksplannen")
        constraints = [
            models.CheckConstraint(
                name="plan_belongs_to_team_or_family",
                condition=(
                    Q(kind="team", team__isnull=False, family__isnull=True)
                    | Q(kind="gezin", family__isnull=False, team__isnull=True)
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.pk}"
