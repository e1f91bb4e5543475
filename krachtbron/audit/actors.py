"""Who an access-log row is about: one ``Actor`` for every row (DESIGN.md, architecture).

An actor is a staff user (with an account), a family member who came in through a personal
link, a person from the family's network (a later feature), or the system itself (a retention
purge). Family members and network persons have no account: the row keeps their id as a plain
number, which outlives a purged family file. The role is stored as it was at the time.

``Actor.of`` is the one place where a signed-in staff ``User`` (what views have at hand as
``request.user``) becomes an ``Actor``; everything else builds one with the constructors below.
"""

from dataclasses import dataclass
from typing import Any, Protocol

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.utils.translation import gettext_lazy as _

from krachtbron.accounts.models import User
from krachtbron.audit.models import ActorKind

__all__ = ["Actor", "ActorKind"]

#: The role code stored for actors without a staff role.
FAMILY_MEMBER_ROLE = "gezinslid"
NETWORK_PERSON_ROLE = "netwerk"

#: Processes that act as the system; the code is stored in the row's role column.
SYSTEM_PROCESSES = {
    "command": _("opdracht op de server"),
    "retention": _("bewaartermijn"),
    "log_retention": _("bewaartermijn toegangslog"),
    "sending": _("berichten versturen"),
    "share_end": _("delen gestopt"),
}


class HasPk(Protocol):
    pk: Any


@dataclass(frozen=True)
class Actor:
    """Who did it. Build one with ``staff``, ``family_member``, ``network_person`` or ``system``."""

    kind: ActorKind
    user: User | None = None
    person_id: int | None = None  # FamilyMember or NetworkPerson id, by ``kind``
    role: str = ""  # staff role code, "gezinslid", "netwerk", or the system's process name

    @classmethod
    def staff(cls, user: User) -> "Actor":
        """A signed-in, saved staff user; raises ValueError for anything else."""
        if not isinstance(user, User) or user.pk is None or not user.is_authenticated:
            raise ValueError("A staff actor needs a saved, signed-in user.")
        return cls(ActorKind.STAFF, user=user, role=user.role)

    @classmethod
    def family_member(cls, member: HasPk | int) -> "Actor":
        """A family member (a ``FamilyMember`` or its id), e.g. through a questionnaire link."""
        return cls(ActorKind.FAMILY_MEMBER, person_id=_pk(member), role=FAMILY_MEMBER_ROLE)

    @classmethod
    def network_person(cls, person: HasPk | int) -> "Actor":
        """A person from the family's network (a ``NetworkPerson`` or its id)."""
        return cls(ActorKind.NETWORK_PERSON, person_id=_pk(person), role=NETWORK_PERSON_ROLE)

    @classmethod
    def system(cls, process: str) -> "Actor":
        """The system itself, running ``process`` (a key of ``SYSTEM_PROCESSES``)."""
        if process not in SYSTEM_PROCESSES:
            raise ValueError(f"Unknown system process {process!r}.")
        return cls(ActorKind.SYSTEM, role=process)

    @classmethod
    def of(cls, who: "Actor | AbstractBaseUser | AnonymousUser") -> "Actor":
        """The actor for ``who``: an Actor as it is, a signed-in staff User as a staff actor.

        Raises TypeError for anything else (an anonymous visitor, None): a log row always
        says who acted.
        """
        if isinstance(who, Actor):
            return who
        if isinstance(who, User):
            return cls.staff(who)
        raise TypeError(f"An access-log row needs an Actor or a staff User, not {who!r}.")

    def row_fields(self) -> dict[str, Any]:
        """The AccessLogEntry fields that say who acted."""
        return {
            "actor_id": self.user.pk if self.user is not None else None,
            "actor_kind": str(self.kind),
            "actor_member_id": self.person_id,
            "actor_role": self.role,
        }


def _pk(obj: HasPk | int) -> int:
    value = obj if isinstance(obj, int) else obj.pk
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValueError("A family member or network person actor needs a saved id.")
    return value
