"""Who may see what in research: an export project belongs to its onderzoeker (404 otherwise)."""

from __future__ import annotations

from typing import Any

from django.http import Http404

from krachtbron.accounts.models import Role, User
from krachtbron.accounts.roles import has_role
from krachtbron.lib.lookup import pk_or_404
from krachtbron.research.models import ExportProject


def get_project_for_user(user: User, pk: Any) -> ExportProject:
    """The onderzoeker's own project; ``Http404`` for anyone else and for another's project."""
    if not has_role(user, Role.ONDERZOEKER):
        raise Http404
    project = ExportProject.objects.filter(pk=pk_or_404(pk), researcher=user).first()
    if project is None:
        raise Http404
    return project
