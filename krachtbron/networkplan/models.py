"""Ons netwerkplan (issue 15): agreements (wie doet wat, wanneer), the plan the family keeps when
the help stops, and the read-only shares of it with people from the network (handreiking §3.2,
§4.4; SECURITY.md 30).

Everything hangs off the family with ON DELETE CASCADE (retention deletes it with the file). A
share's token is stored only as its sha256 (``lib.tokens``), as the questionnaire's link.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from krachtbron.families.models import Family, FamilyMember, Goal
from krachtbron.network.models import NetworkPerson
from krachtbron.networkplan.choices import AgreementStatus, ConsentDecision, ShareEnd


class Agreement(models.Model):
    """An afspraak: what someone will do towards one of the family's goals, and when.

    Exactly one performer: a member of the family, a person from the network map, or the
    adviser (``performer_adviser``); a check constraint holds it. Added by the adviser
    (``added_by``) or by a member in Mijn Krachtbron (``added_by_member``).
    """

    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="agreements")
    goal = models.ForeignKey(
        Goal, verbose_name=_("bij welk doel"), on_delete=models.CASCADE, related_name="agreements"
    )
    text = models.TextField(_("wat we afspreken"), max_length=500)
    performer_member = models.ForeignKey(
        FamilyMember,
        verbose_name=_("wie doet het (gezin)"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="agreements",
    )
    performer_person = models.ForeignKey(
        NetworkPerson,
        verbose_name=_("wie doet het (netwerk)"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="agreements",
    )
    performer_adviser = models.BooleanField(_("de hulpverlener doet het"), default=False)
    when = models.CharField(_("wanneer of hoe vaak"), max_length=100, blank=True)
    status = models.CharField(
        _("stand"), max_length=20, choices=AgreementStatus.choices, default=AgreementStatus.AGREED
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Like every reference to a member, it leaves with the member (CASCADE), as Goal's does.
    added_by_member = models.ForeignKey(
        FamilyMember, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    # The family's part in it, for the adviser (as a goal a member added is marked): the member
    # who last changed it in Mijn Krachtbron, when, and whether the adviser has seen that yet
    # (``awaits_adviser``: set by a member's add or change, cleared by the adviser's "gezien").
    changed_by_member = models.ForeignKey(
        FamilyMember, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    family_changed_at = models.DateTimeField(null=True, blank=True)
    awaits_adviser = models.BooleanField(default=False)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("afspraak")
        verbose_name_plural = _("afspraken")
        indexes = [models.Index(fields=["family", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(
                        performer_member__isnull=False,
                        performer_person__isnull=True,
                        performer_adviser=False,
                    )
                    | models.Q(
                        performer_member__isnull=True,
                        performer_person__isnull=False,
                        performer_adviser=False,
                    )
                    | models.Q(
                        performer_member__isnull=True,
                        performer_person__isnull=True,
                        performer_adviser=True,
                    )
                ),
                name="agreement_has_one_performer",
            )
        ]

    def __str__(self) -> str:
        return f"agreement {self.pk} of family {self.family_id}"


class ContactPoint(models.Model):
    """The aanspreekpunt of a network person who carries agreements: where they can turn when
    it gets too much (§3.2). Another person from the map, or a few words ("het buurtteam")."""

    person = models.OneToOneField(
        NetworkPerson, on_delete=models.CASCADE, related_name="contact_point"
    )
    turns_to = models.ForeignKey(
        NetworkPerson,
        verbose_name=_("kan terecht bij"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    turns_to_text = models.CharField(_("of: kan terecht bij"), max_length=100, blank=True)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("aanspreekpunt")
        verbose_name_plural = _("aanspreekpunten")

    def __str__(self) -> str:
        return f"contact point of network person {self.person_id}"


class NetworkPlan(models.Model):
    """The family's netwerkplan: who to call for what, the agreements, and the goals the family
    chooses to put in it. ``ready_at``: when the family said it is ready (then it can be shared)."""

    family = models.OneToOneField(Family, on_delete=models.CASCADE, related_name="network_plan")
    shared_goals = models.ManyToManyField(Goal, blank=True, related_name="+")
    ready_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("netwerkplan")
        verbose_name_plural = _("netwerkplannen")

    def __str__(self) -> str:
        return f"network plan of family {self.family_id}"


class PlanCall(models.Model):
    """One line of "wie bel je waarvoor": a person from the map and what to call them for."""

    plan = models.ForeignKey(NetworkPlan, on_delete=models.CASCADE, related_name="calls")
    person = models.ForeignKey(
        NetworkPerson, verbose_name=_("wie"), on_delete=models.CASCADE, related_name="+"
    )
    call_for = models.CharField(_("waarvoor bel je"), max_length=200)
    phone = models.CharField(_("telefoonnummer (mag leeg)"), max_length=32, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("wie bel je waarvoor")
        verbose_name_plural = _("wie bel je waarvoor")

    def __str__(self) -> str:
        return f"plan call {self.pk}"


class Share(models.Model):
    """A read-only view of the netwerkplan for one person from the network, through a personal
    link (only the token's sha256 is stored). Made and withdrawn by a family member; it shows
    only the parts chosen here, and of those only what every member it is about consented to
    (``ShareConsent``)."""

    plan = models.ForeignKey(NetworkPlan, on_delete=models.CASCADE, related_name="shares")
    # A person taken off the map leaves the share as a record (AVG art. 15: to whom the family's
    # data went), withdrawn first (``share_ends``); the label then says "someone no longer on
    # the map" (``person_label``), never the removed name.
    person = models.ForeignKey(
        NetworkPerson,
        verbose_name=_("met wie"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="shares",
    )
    token_hash = models.CharField(max_length=64, unique=True)
    agreements = models.ManyToManyField(Agreement, blank=True, related_name="+")
    goals = models.ManyToManyField(Goal, blank=True, related_name="+")
    calls = models.ManyToManyField(PlanCall, blank=True, related_name="+")
    # The member who made it; when they leave the file the share is withdrawn and stays as a
    # record without their name (SET_NULL, ``share_ends``).
    created_by = models.ForeignKey(
        FamilyMember, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        FamilyMember, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Why it stopped, set with ``withdrawn_at`` (empty while it works). A stop is for good:
    # a share whose family's access ended stays ended when the file is reopened.
    end_reason = models.CharField(max_length=20, choices=ShareEnd.choices, blank=True)
    # The language of the member who shared it: the network person's page is in it.
    language = models.CharField(max_length=10, default="nl")
    # The last time the network person looked (the family sees "bekeken" or "nog niet").
    last_viewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "id"]
        verbose_name = _("gedeelde weergave")
        verbose_name_plural = _("gedeelde weergaven")

    def __str__(self) -> str:
        return f"share {self.pk} of plan {self.plan_id}"

    @property
    def person_label(self) -> str:
        """With whom: the person's label, or words for someone taken off the map."""
        if self.person is None:
            return str(_("iemand die niet meer op de kaart staat"))
        return self.person.label


class ShareConsent(models.Model):
    """One member's consent to a share that holds their information (every member aged 12 or
    over whose information is in it). Pending or refused: their information stays out."""

    share = models.ForeignKey(Share, on_delete=models.CASCADE, related_name="consents")
    member = models.ForeignKey(FamilyMember, on_delete=models.CASCADE, related_name="+")
    decision = models.CharField(
        max_length=10, choices=ConsentDecision.choices, default=ConsentDecision.PENDING
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    # What the yes or no was given for: {part fingerprint: "ja" | "nee"} (``plan.part_digest``).
    # A part about the member that is new or changed since is not in it: it stays out of the
    # share until they answer again (``share_consents``). ``decision`` is the last answer.
    parts = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("toestemming")
        verbose_name_plural = _("toestemmingen")
        constraints = [
            models.UniqueConstraint(fields=["share", "member"], name="one_consent_per_member")
        ]

    def __str__(self) -> str:
        return f"consent of member {self.member_id} on share {self.share_id}"
