"""Test helpers: a closed family with follow-up, a check-in that is open today."""

from datetime import timedelta

from django.utils import timezone

from krachtbron.aftercare import actions
from krachtbron.aftercare.models import FollowUp


def close(adviser, family, *, consent=True):
    """Close ``family`` (or return its open closure: a matrix builds several routes on one)."""
    family.refresh_from_db()
    closure = actions.open_closure(family)
    if closure is not None:
        return closure
    return actions.close_family(adviser, family, family.version, followup_consent=consent)


def open_check_in(adviser, family, month=1):
    """Close ``family`` with consent and make its ``month`` check-in due today."""
    closure = close(adviser, family)
    FollowUp.objects.filter(closure=closure, month=month).update(due=timezone.localdate())
    return FollowUp.objects.get(closure=closure, month=month)


def answered_check_in(adviser, family, member, *, contact=True, month=1, days_ago=0):
    follow_up = open_check_in(adviser, family, month)
    if follow_up.answered_at is not None:
        return follow_up
    actions.answer_follow_up(
        follow_up,
        score=7,
        agreements_work="ja",
        wants_contact=contact,
        member=member,
        via="portaal",
    )
    if days_ago:
        FollowUp.objects.filter(pk=follow_up.pk).update(
            answered_at=timezone.now() - timedelta(days=days_ago)
        )
    follow_up.refresh_from_db()
    return follow_up


def answered_in(team, adviser, *, month, when, score, works="ja", family=None):
    """A family of ``team`` (new unless given) closed with follow-up, whose ``month`` check-in
    was answered at ``when`` (a closed quarter, say) with ``score`` and ``works``."""
    from krachtbron.aftercare.models import Closure
    from krachtbron.testing.factories import FamilyFactory, MemberFactory

    family = family or FamilyFactory(team=team, advisers=[adviser], status="afgesloten")
    open_ = Closure.objects.filter(family=family, reopened_at__isnull=True).first()
    closure = open_ or Closure.objects.create(
        family=family,
        closed_at=when - timedelta(days=31 * month),
        closed_by=adviser,
        followup_consent=True,
        portal_until=timezone.localdate(),
    )
    member = family.members.first() or MemberFactory(family=family)
    return FollowUp.objects.create(
        family=family,
        closure=closure,
        month=month,
        due=(when - timedelta(days=1)).date(),
        answered_at=when,
        score=score,
        agreements_work=works,
        wants_contact=False,
        answered_by=member,
        answered_via="portaal",
        team=team,
    )


def check_in_beside_an_open_file(adviser, family, *, answered_by=None):
    """A due check-in of ``family`` while its status stays as it is: for the access matrix,
    which builds every route on one org (test_list_queries runs them all after each other), so
    closing the personas' family would close every other portal page of that org too. The
    check-in's own rules (open, due, of a closure not reopened) do not read the status."""
    from krachtbron.aftercare.models import Closure

    closure = Closure.objects.filter(family=family, reopened_at__isnull=True).first()
    if closure is None:
        closure = Closure.objects.create(
            family=family,
            closed_at=timezone.now(),
            closed_by=adviser,
            followup_consent=True,
            portal_until=timezone.localdate(),
        )
    follow_up, _new = FollowUp.objects.get_or_create(
        closure=closure, month=1, defaults={"family": family, "due": timezone.localdate()}
    )
    if answered_by is not None and follow_up.answered_at is None:
        actions.answer_follow_up(
            follow_up,
            score=7,
            agreements_work="ja",
            wants_contact=False,
            member=answered_by,
            via="portaal",
        )
        follow_up.refresh_from_db()
    return follow_up
