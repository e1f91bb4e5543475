"""The netwerkkaart of a family: the important others and frozen moments of the map."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from krachtbron.families.choices import Visibility, visibility_field
from krachtbron.families.models import Family, FamilyMember
from krachtbron.network.choices import Closeness, Quality, RelationKind, SupportKind

# Re-exported: the lists moved to choices.py (family text), code still imports them from here.
from krachtbron.network.choices import ProposalKind as ProposalKind
from krachtbron.network.choices import ProposalStatus as ProposalStatus


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


class NetworkProposal(models.Model):
    """What a family member proposes for the map in Mijn Krachtbron (issue 14, item 3): a new
    important other, or a change of "blijft er als de hulp stopt" for someone on the map.

    The map itself (``NetworkPerson``) holds only what the adviser confirmed: a proposal waits
    here, shown to the family as pending, until the adviser confirms it (a new person becomes
    a ``NetworkPerson``, linked in ``person``; a change is applied to ``person``) or declines
    it (the record stays, with the reason the family reads). Every reader of the map (the
    eco-map, the plan PDF, the moments, the copy's map) so needs no filter for unconfirmed rows.
    """

    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="network_proposals")
    kind = models.CharField(_("soort voorstel"), max_length=10, choices=ProposalKind.choices)
    proposed_by = models.ForeignKey(
        FamilyMember,
        verbose_name=_("voorgesteld door"),
        on_delete=models.CASCADE,
        related_name="network_proposals",
    )
    # Whose network it is about (empty: the family as a whole), as ``NetworkPerson.member``:
    # a proposal about a member's own people is that member's own data (families.rights).
    member = models.ForeignKey(
        FamilyMember,
        verbose_name=_("van wie"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    # STAYS: the person it is about. PERSON: the person it became once confirmed.
    person = models.ForeignKey(
        NetworkPerson,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="proposals",
    )
    label = models.CharField(_("voornaam of rol"), max_length=60, blank=True)
    relation = models.CharField(
        _("soort relatie"), max_length=20, choices=RelationKind.choices, blank=True
    )
    closeness = models.PositiveSmallIntegerField(
        _("hoe dichtbij"), choices=Closeness.choices, null=True, blank=True
    )
    own_words = models.TextField(_("waar helpt deze persoon bij"), max_length=300, blank=True)
    stays_after_help = models.BooleanField(_("blijft er als de hulp stopt"), default=False)
    status = models.CharField(
        _("stand"), max_length=20, choices=ProposalStatus.choices, default=ProposalStatus.OPEN
    )
    reason = models.TextField(_("waarom niet overgenomen"), max_length=300, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("voorstel voor het netwerk")
        verbose_name_plural = _("voorstellen voor het netwerk")
        indexes = [models.Index(fields=["family", "status"])]
        constraints = [
            # One open "who stays" proposal per person: two clicks, two tabs or two members at
            # the same moment make one.
            models.UniqueConstraint(
                fields=["person"],
                condition=models.Q(kind="blijft", status="open"),
                name="one_open_stays_proposal_per_person",
            ),
            models.CheckConstraint(
                condition=models.Q(kind="blijft", person__isnull=False)
                | models.Q(kind="persoon") & ~models.Q(label=""),
                name="proposal_has_its_subject",
            ),
        ]

    def __str__(self) -> str:
        return f"network proposal {self.pk} ({self.kind}, {self.status})"

    @property
    def is_open(self) -> bool:
        return self.status == ProposalStatus.OPEN
