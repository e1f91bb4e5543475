"""Onze mensen in Mijn Krachtbron (issue 14, item 3): a member proposes someone important or a
change of "wie blijft er als de hulp stopt"; the adviser confirms or declines.

The rule (docs/mijn-krachtbron.md, "Onze mensen"): both kinds of proposal wait for the
adviser. The family sees them at once as pending; the map keeps its confirmed values until the
adviser confirms. Each write is one transaction with its access-log row
(``families.actions.record_file_change``), the member or the adviser as the actor. A decision
is a conditional UPDATE of an open proposal: two advisers confirming at once, or a member
withdrawing while the adviser confirms, end in exactly one outcome; the others are told it
was already decided.
"""

from django.db import IntegrityError, transaction
from django.db.models import Count, F
from django.utils import timezone
from django.utils.translation import ngettext_lazy

from krachtbron.accounts.models import User
from krachtbron.audit.actors import Actor
from krachtbron.audit.models import AccessKind
from krachtbron.families.actions import record_file_change
from krachtbron.families.caseload import counted_note
from krachtbron.families.models import FamilyMember
from krachtbron.lib.prepared import Prepared
from krachtbron.network.models import (
    NetworkPerson,
    NetworkProposal,
    ProposalKind,
    ProposalStatus,
)


def propose_person(
    member: FamilyMember,
    *,
    label: str,
    relation: str,
    closeness: int,
    own_words: str = "",
    stays_after_help: bool = False,
    for_whole_family: bool = False,
) -> NetworkProposal:
    """A new important other, proposed by ``member``: an open proposal (no person on the map
    until the adviser confirms). For the whole family, or for the member's own network."""
    with transaction.atomic():
        proposal = NetworkProposal.objects.create(
            family_id=member.family_id,
            kind=ProposalKind.PERSON,
            proposed_by=member,
            member=None if for_whole_family else member,
            label=label,
            relation=relation,
            closeness=closeness,
            own_words=own_words,
            stays_after_help=stays_after_help,
        )
        record_file_change(Actor.family_member(member), member.family, AccessKind.CREATE, proposal)
    return proposal


class StaysOutcome:
    PROPOSED = "proposed"  # a new open proposal
    WITHDRAWN = "withdrawn"  # back to what the map says: the open proposal is withdrawn
    UNCHANGED = "unchanged"  # already so, or already proposed


def propose_stays(member: FamilyMember, person: NetworkPerson, stays: bool) -> str:
    """``member`` says whether ``person`` stays when the help stops (a ``StaysOutcome``).

    Different from the map's confirmed value: an open proposal (one per person; a second one,
    also at the same moment, changes nothing). The same as the map's value: an open proposal
    for the other value is withdrawn (the member changed their mind)."""
    open_ones = NetworkProposal.objects.filter(
        person=person, kind=ProposalKind.STAYS, status=ProposalStatus.OPEN
    )
    if stays == person.stays_after_help:
        proposal = open_ones.first()
        if proposal is not None and withdraw(member, proposal):
            return StaysOutcome.WITHDRAWN
        return StaysOutcome.UNCHANGED
    if open_ones.exists():
        return StaysOutcome.UNCHANGED
    try:
        with transaction.atomic():
            proposal = NetworkProposal.objects.create(
                family_id=person.family_id,
                kind=ProposalKind.STAYS,
                proposed_by=member,
                member_id=person.member_id,
                person=person,
                stays_after_help=stays,
            )
            record_file_change(
                Actor.family_member(member), member.family, AccessKind.CREATE, proposal
            )
    except IntegrityError:
        if not open_ones.exists():  # not the one-open-proposal rule after all
            raise
        return StaysOutcome.UNCHANGED
    return StaysOutcome.PROPOSED


def _decide(proposal: NetworkProposal, status: str, **fields: object) -> bool:
    """Move an open proposal to ``status``: True for the one caller that did (a conditional
    UPDATE; everyone else finds it decided and changes nothing)."""
    now = timezone.now()
    done = NetworkProposal.objects.filter(pk=proposal.pk, status=ProposalStatus.OPEN).update(
        status=status, decided_at=now, **fields
    )
    if done:
        proposal.status, proposal.decided_at = status, now
        for name, value in fields.items():
            setattr(proposal, name, value)
    return bool(done)


def withdraw(member: FamilyMember, proposal: NetworkProposal) -> bool:
    """The member takes back an open proposal. False when it was already decided."""
    with transaction.atomic():
        done = _decide(proposal, ProposalStatus.WITHDRAWN)
        if done:
            record_file_change(
                Actor.family_member(member),
                member.family,
                AccessKind.CHANGE,
                proposal,
                extra={"status": ProposalStatus.WITHDRAWN.value},
            )
    return done


def confirm(user: User, proposal: NetworkProposal) -> bool:
    """The adviser confirms: a new person goes on the map (for the member it was proposed for,
    with the family's ring, relation and "blijft"; the adviser's marks at their defaults,
    professionals only), or the person's "blijft er als de hulp stopt" becomes the proposed
    value. False when it was already decided (by a colleague, or withdrawn)."""
    with transaction.atomic():
        if not _decide(proposal, ProposalStatus.CONFIRMED, decided_by=user):
            return False
        family = proposal.family
        if proposal.kind == ProposalKind.PERSON:
            person = NetworkPerson.objects.create(
                family=family,
                member_id=proposal.member_id,
                label=proposal.label,
                relation=proposal.relation,
                closeness=proposal.closeness or 2,
                stays_after_help=proposal.stays_after_help,
            )
            NetworkProposal.objects.filter(pk=proposal.pk).update(person=person)
            proposal.person = person
            record_file_change(user, family, AccessKind.CREATE, person)
        else:
            assert proposal.person_id is not None  # the check constraint: a "blijft" has a person
            NetworkPerson.objects.filter(pk=proposal.person_id).update(
                stays_after_help=proposal.stays_after_help, version=F("version") + 1
            )
            record_file_change(
                user, family, AccessKind.CHANGE, proposal.person, extra={"stays_after_help": 1}
            )
        record_file_change(
            user, family, AccessKind.CHANGE, proposal, extra={"status": proposal.status}
        )
    return True


def decline(user: User, proposal: NetworkProposal, reason: str = "") -> bool:
    """The adviser does not take it over; the family reads ``reason`` (may be empty). The
    proposal stays on record. False when it was already decided."""
    with transaction.atomic():
        done = _decide(proposal, ProposalStatus.DECLINED, decided_by=user, reason=reason)
        if done:
            record_file_change(
                user,
                proposal.family,
                AccessKind.CHANGE,
                proposal,
                extra={"status": ProposalStatus.DECLINED.value},
            )
    return done


# Compiled once per process (``lib.prepared``): the caseload runs it on every view.
_OPEN_COUNTS = Prepared(
    lambda family_ids: (
        NetworkProposal.objects.filter(family_id__in=family_ids, status=ProposalStatus.OPEN)
        .values("family_id")
        .annotate(n=Count("id"))
        .values_list("family_id", "n")
    )
)


#: For the caseload cards: "2 voorstellen voor het netwerk" per family with open proposals.
caseload_notes = counted_note(
    _OPEN_COUNTS,
    ngettext_lazy("%(n)d voorstel voor het netwerk", "%(n)d voorstellen voor het netwerk", "n"),
)
