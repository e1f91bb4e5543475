"""Research export projects and their downloads (SECURITY.md 22).

``ExportProject.secret`` is the key of the keyed hash that makes research pseudonyms; it never
leaves the server (no form, page or export shows it). Moved here from ``reflection`` (migration
``reflection.0005``, ``research.0001``): the rows stayed, the tables were renamed.
"""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from krachtbron.instruments.ids import FAMILIES


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
