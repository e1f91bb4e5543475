"""The access log (NEN 7513): who did what with which family file, when. Append-only.

Two tables, both append-only: the entries, and the seals that chain them with a keyed hash
(``krachtbron.audit.sealing``), so that a changed, removed or re-ordered entry is found by
``manage.py verify_access_log``. Rows leave only through ``purge_access_log`` (retention).
"""

from typing import Any, NoReturn, TypeVar

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Re-exported: the log's callers import the choices from here.
from krachtbron.audit.choices import AccessKind as AccessKind
from krachtbron.audit.choices import AccessResult as AccessResult
from krachtbron.audit.choices import ActorKind as ActorKind


class AppendOnlyError(RuntimeError):
    pass


_M = TypeVar("_M", bound=models.Model)


class AppendOnlyQuerySet(models.QuerySet[_M]):
    """Refuses every bulk change and deletion, including Django's raw-delete shortcut.

    It is the default *and* the base manager of both log tables, so neither
    ``Model.objects`` nor ``Model._base_manager`` can update or delete rows. (Django's private
    ``_update`` stays: ``loaddata`` tries an UPDATE before each INSERT when restoring a backup;
    a real change is refused by the database trigger and found by the seal chain.)
    """

    def update(self, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("The access log is append-only.")

    def delete(self) -> NoReturn:
        raise AppendOnlyError("The access log is append-only.")

    def _raw_delete(self, using: Any) -> NoReturn:
        raise AppendOnlyError("The access log is append-only.")


class AppendOnlyModel(models.Model):
    """A row that is written once and never changed or deleted through the ORM."""

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyError("The access log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("The access log is append-only.")


class AccessLogEntry(AppendOnlyModel):
    """One access to family data. Holds ids and kinds only: no names, no answers."""

    at = models.DateTimeField(
        _("moment (UTC)"), default=timezone.now, editable=False, db_index=True
    )
    actor_kind = models.CharField(_("soort actor"), max_length=20, choices=ActorKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("wie"),
    )
    # A family member's or network person's id (by actor_kind): a plain number, no foreign key,
    # because the log outlives a purged family file.
    actor_member_id = models.BigIntegerField(_("gezinslid- of netwerk-id"), null=True)
    # The staff role at the time; "gezinslid"/"netwerk"; or the system's process name.
    actor_role = models.CharField(_("rol"), max_length=20)
    # Plain values, not foreign keys: the log outlives a purged family file.
    family_id = models.BigIntegerField(_("gezin-id"), null=True, db_index=True)
    family_reference = models.CharField(
        _("dossiernummer"), max_length=32, blank=True, db_index=True
    )
    kind = models.CharField(_("soort"), max_length=10, choices=AccessKind.choices)
    object_type = models.CharField(_("onderdeel"), max_length=40)
    object_id = models.BigIntegerField(null=True)
    result = models.CharField(
        _("resultaat"), max_length=10, choices=AccessResult.choices, default=AccessResult.OK
    )
    extra = models.JSONField(default=dict, blank=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        base_manager_name = "objects"
        verbose_name = _("toegangslogregel")
        verbose_name_plural = _("toegangslog")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_role} {self.kind} {self.object_type}"

    @property
    def object_label(self) -> str:
        """The part of the file in words ("netwerkkaart"), for people reading the log."""
        from krachtbron.audit.labels import object_label

        return object_label(self.object_type)

    @property
    def role_label(self) -> str:
        """The role's display name (the row stores the role code as it was at the time)."""
        from krachtbron.audit.labels import role_label

        return role_label(self.actor_role, self.actor_kind)

    @property
    def actor_label(self) -> str:
        """Who, in words: the staff member's name, "gezinslid", "systeem (bewaartermijn)"."""
        from krachtbron.audit.labels import actor_label

        return actor_label(self)


class SealKind(models.TextChoices):
    ENTRY = "entry", _("regel")
    ANCHOR = "anchor", _("anker")


class AccessLogSeal(AppendOnlyModel):
    """One link of the chain over the access log, in the order rows were sealed.

    An ``entry`` seal covers one entry: ``mac`` is HMAC-SHA256 (key outside the database) over
    the previous seal's ``mac``, this ``sequence`` and the entry's canonical form. An ``anchor``
    takes the place of the last seal a retention purge removed: it keeps that seal's ``mac`` (so
    the chain goes on from it) and ``proof``, an HMAC over the anchor itself (so nobody without
    the key can make one). See docs/adr/0008-tamper-evident-access-log.md.
    """

    sequence = models.BigIntegerField(_("volgnummer"), primary_key=True)
    kind = models.CharField(
        _("soort"), max_length=10, choices=SealKind.choices, default=SealKind.ENTRY
    )
    # No foreign key: a raw deletion of an entry must leave the seal as evidence.
    entry_id = models.BigIntegerField(_("regel"), null=True, unique=True)
    mac = models.CharField(max_length=64)
    proof = models.CharField(max_length=64, blank=True)
    detail = models.JSONField(default=dict, blank=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["sequence"]
        base_manager_name = "objects"
        verbose_name = _("zegel van de toegangslog")
        verbose_name_plural = _("zegels van de toegangslog")

    def __str__(self) -> str:
        return f"{self.kind} {self.sequence} {self.mac[:12]}"
