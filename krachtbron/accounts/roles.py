"""The one way to check a role: signed in, active, and one of the roles asked for."""

from django.contrib.auth.models import AnonymousUser

from krachtbron.accounts.models import Role, User

#: Advisers and teamleiders: the roles that work with family files and conversation plans.
WORKS_WITH_FAMILIES = (Role.ADVISEUR, Role.TEAMLEIDER)


def has_role(user: User | AnonymousUser, *roles: Role) -> bool:
    """True when `user` is a signed-in, active account with one of `roles`.

    `user` is what a request carries (AnonymousUser included: False). Every permission
    helper and `role_required` ask this; branching on an already checked role (which page to
    show a teamleider) may compare `user.role` directly.
    """
    return isinstance(user, User) and user.is_active and user.role in roles


def can_read_access_log(user: User | AnonymousUser) -> bool:
    """The privacy officer's right: an active beheerder who holds the privacy-officer right
    (given by four eyes, ``four_eyes.request_privacy_officer``)."""
    return has_role(user, Role.BEHEERDER) and isinstance(user, User) and user.is_privacy_officer
