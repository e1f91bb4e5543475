from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FamiliesConfig(AppConfig):
    name = "krachtbron.families"
    verbose_name = _("Gezinnen")

    def ready(self) -> None:
        from krachtbron.audit.reading import register_reference_lookup
        from krachtbron.families import copy_parts, copy_pdf, log_labels, stored_pdf
        from krachtbron.families.file_copy import register_copy_exclusion
        from krachtbron.families.models import Goal, StoredPdf
        from krachtbron.families.rights import register_part
        from krachtbron.lib.navigation import register_nav

        log_labels.register()  # the names of its codes in the access log
        copy_parts.register()
        copy_pdf.register()  # the copy as a PDF is made in the background (prepared.py)
        register_copy_exclusion(StoredPdf, stored_pdf.COPY_REASON)
        # A goal of one member is that member's own; a goal of the whole family is everyone's.
        register_part(Goal)
        register_reference_lookup(_family_ids_for_reference)

        register_nav("families:team", _("Mijn team"), {"teamleider"}, 10)
        register_nav("families:caseload", _("Mijn gezinnen"), {"adviseur", "teamleider"}, 20)
        register_nav(
            "families:retention", _("Bewaren"), {"beheerder"}, 86, privacy_officer_only=True
        )


def _family_ids_for_reference(reference: str) -> list[int]:
    """For the privacy officer's search in the access log (a dossier number, no content)."""
    from krachtbron.families.models import Family

    return list(Family.objects.filter(reference__iexact=reference).values_list("pk", flat=True))
