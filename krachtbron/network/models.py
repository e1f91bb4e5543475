"""The netwerkkaart of a family: the important others and frozen moments of the map."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from krachtbron.families.choices import Visibility, visibility_field
from krachtbron.families.models import Family, FamilyMember
from krachtbron.network.choices import Closeness, Quality, RelationKind, SupportKind


class NetworkPerson(models.Model):
    """An important other. A first name or a role ("juf", "buurvrouw") is enough."""

    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="network_persons")
    # Whose network this person belongs to; empty means the family as a whole. A member's own
    # people are that member's private data: they leave with the member (CASCADE), never
    # becoming the whole family's (and so part of every member's copy of the file).
    member = models.ForeignKey(
        FamilyMember,
        verbose_name=_("van wie"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="network_persons",
    )
    label = models.CharField(_("voornaam of rol"), max_length=60)
    relation = models.CharField(_("soort relatie"), max_length=20, choices=RelationKind.choices)
    closeness = models.PositiveSmallIntegerField(
        _("hoe dichtbij"), choices=Closeness.choices, default=Closeness.MIDDLE
    )
    quality = models.CharField(
        _("hoe is het contact"), max_length=20, choices=Quality.choices, default=Quality.SUPPORTIVE
    )
    gives_practical = models.BooleanField(_("praktische hulp"), default=False)
    gives_emotional = models.BooleanField(_("emotionele steun"), default=False)
    gives_advice = models.BooleanField(_("advies"), default=False)
    stays_after_help = models.BooleanField(_("blijft er als de hulp stopt"), default=False)
    may_be_overloaded = models.BooleanField(_("kan overbelast raken (mantelzorg)"), default=False)
    note = models.TextField(_("notitie"), max_length=500, blank=True)
    # The adviser's marks on this person: how the contact is (steunend, belastend, wisselend),
    # "kan overbelast raken" and the note. Professionals only until the adviser shares them:
    # the family may show its plan to exactly the people marked "belastend". Who the person
    # is, the ring, the kind of support and "blijft als de hulp stopt" are the family's own.
    marks_visibility = visibility_field(Visibility.PROFESSIONALS, str(_("oordeel zichtbaar voor")))
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["closeness", "relation", "label", "id"]
        verbose_name = _("belangrijke ander")
        verbose_name_plural = _("belangrijke anderen")
        indexes = [models.Index(fields=["family", "closeness"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closeness__gte=1, closeness__lte=3), name="closeness_1_3"
            )
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def support_kinds(self) -> list[str]:
        flags = {
            SupportKind.PRACTICAL: self.gives_practical,
            SupportKind.EMOTIONAL: self.gives_emotional,
            SupportKind.ADVICE: self.gives_advice,
        }
        return [kind.value for kind, given in flags.items() if given]


class NetworkSnapshot(models.Model):
    """The map as it was on one date, frozen as data (format: see `mapdata.py`).

    Frozen on purpose: later edits or deletions of persons do not change what the family and
    adviser saw then, so two moments can be compared honestly. One exception: when a member is
    removed from the file, their own people are taken out of every moment too
    (``actions.remove_member_from_snapshots``), as everything else that was theirs alone goes.
    """

    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="network_snapshots")
    taken_on = models.DateField(_("datum"))
    title = models.CharField(_("naam van dit moment"), max_length=80, blank=True)
    person_count = models.PositiveIntegerField(default=0)
    data = models.JSONField(default=dict)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-taken_on", "-id"]
        verbose_name = _("moment van de netwerkkaart")
        verbose_name_plural = _("momenten van de netwerkkaart")
        indexes = [models.Index(fields=["family", "taken_on"])]

    def __str__(self) -> str:
        return f"network of family {self.family_id} on {self.taken_on}"
