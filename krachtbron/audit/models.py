"""The access log (NEN 7513): who did what with which family file, when. Append-only."""

from typing import Any, NoReturn

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AccessKind(models.TextChoices):
    READ = "read", _("ingezien")
    CREATE = "create", _("aangemaakt")
    CHANGE = "change", _("gewijzigd")
    DELETE = "delete", _("verwijderd")
    PRINT = "print", _("afgedrukt / PDF")
    EXPORT = "export", _("geëxporteerd")


class AccessResult(models.TextChoices):
    OK = "ok", _("toegestaan")
    DENIED = "denied", _("geweigerd")


class AppendOnlyError(RuntimeError):
    pass


class AccessLogQuerySet(models.QuerySet["AccessLogEntry"]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("The access log is append-only.")

    def delete(self) -> NoReturn:
        raise AppendOnlyError("The access log is append-only.")


class AccessLogEntry(models.Model):
    """One access to family data. Holds ids and kinds only: no names, no answers."""

    at = models.DateTimeField(_("moment (UTC)"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("wie"),
    )
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

    objects = AccessLogQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("toegangslogregel")
        verbose_name_plural = _("toegangslog")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_role} {self.kind} {self.object_type}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnlyError("The access log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("The access log is append-only.")

    @property
    def object_label(self) -> str:
        """The part of the file in words ("netwerkkaart"), for people reading the log."""
        from krachtbron.audit.labels import object_label

        return object_label(self.object_type)

    @property
    def role_label(self) -> str:
        """The role's display name (the row stores the role code as it was at the time)."""
        from krachtbron.audit.labels import role_label

        return role_label(self.actor_role)
