"""Demo of Vragenlijsten (and the other pages of this part of Mijn Krachtbron): the invited
parent and young person each have an open questionnaire as a task in the portal."""

from django.utils import timezone

from krachtbron.accounts.models import User
from krachtbron.families.models import FamilyMember
from krachtbron.portal.dossier_actions import request_correction
from krachtbron.questionnaires import actions as questionnaires
from krachtbron.questionnaires.models import Invitation, Language, Moment, fillable


def load(adviser: User, members: list[FamilyMember]) -> None:
    """A correction request of the first of ``members`` (open: a task on the caseload), and an
    open "tussentijds" questionnaire for each of ``members`` (invited to the portal)
    that has none open yet, made through the real action (the token is not kept: the member
    opens it from the portal)."""
    for member in members:
        if Invitation.objects.filter(fillable(timezone.now()), member=member).exists():
            continue
        questionnaires.invite_member(
            adviser, member.family, member, moment=Moment.INTERIM, language=Language.DUTCH
        )
    if members:
        request_correction(
            members[0],
            "Bij de leden van ons gezin staat oma niet. Zij woont bij ons sinds de zomer.",
            f"demo-correction-{members[0].pk:08d}",
        )
