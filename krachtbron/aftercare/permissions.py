"""Who may close the help, make a check-in link and see the team's requests for contact.

Closing, reopening and check-in links: the family's own advisers (``families.permissions``).
The requests page: an adviser or teamleider of the family's team; it shows the dossier number,
the check-in and the dates, no content of the file (a teamleider sees the same of the team's
families on the team page)."""

from typing import Any

from django.http import Http404

from krachtbron.accounts.models import Team, User
from krachtbron.accounts.roles import WORKS_WITH_FAMILIES, has_role
from krachtbron.aftercare.models import FollowUp
from krachtbron.families.permissions import _log_denied, get_owned_for_user
from krachtbron.lib.lookup import pk_or_404


def get_follow_up_for_user(user: User, pk: Any) -> FollowUp:
    """A check-in of a family on this user's caseload (else 404, logged)."""
    return get_owned_for_user(user, FollowUp.objects.select_related("family"), pk)


def requests_team(user: User) -> Team:
    """The team whose requests for contact this user sees: their own, when they are an
    adviser or teamleider; 404 for anyone else."""
    if not has_role(user, *WORKS_WITH_FAMILIES) or user.team is None:
        raise Http404
    return user.team


def get_request_for_user(user: User, pk: Any) -> FollowUp:
    """A request for contact of a family of the user's team (else 404; a refused look at one
    of another team is logged for that family)."""
    number = pk_or_404(pk)
    try:
        team: Team | None = requests_team(user)
    except Http404:
        team = None
    found = (
        FollowUp.objects.select_related("family")
        .filter(pk=number, wants_contact=True, family__team=team)
        .first()
        if team
        else None
    )
    if found is None:
        _log_denied(user, FollowUp.objects.filter(pk=number), "family", "followup_request", number)
        raise Http404
    return found
