"""Demo: what the family already proposed in Onze mensen, in the first family the portal's demo
invited (``demo_data.load`` calls ``load``): the parent proposed someone important and the
young person said someone stays when the help stops. Both wait for the adviser, so the Netwerk
tab shows "Voorstel van het gezin" and the caseload card "2 voorstellen voor het netwerk".
Made through the portal's own actions, so "Wie keek mee" names the members."""

from krachtbron.families.models import Family, FamilyMember
from krachtbron.network.choices import Closeness, RelationKind
from krachtbron.network.models import NetworkPerson
from krachtbron.portal.network_actions import propose_person, propose_stays


def load(invited: list[tuple[Family, FamilyMember, FamilyMember]]) -> None:
    if not invited:
        return
    family, parent, youth = invited[0]
    propose_person(
        parent,
        label="Buurvrouw Els",
        relation=RelationKind.NEIGHBOURHOOD,
        closeness=Closeness.MIDDLE,
        own_words="Past op de kinderen als ik laat moet werken.",
        stays_after_help=True,
        for_whole_family=True,
    )
    person = (
        NetworkPerson.objects.filter(family=family, member__isnull=True, stays_after_help=False)
        .order_by("closeness", "id")
        .first()
    )
    if person is not None:
        propose_stays(youth, person, True)
