"""Print one-time links to Mijn Krachtbron for the demo families (demo or DEBUG only).

A one-time link is what an adviser gives a member whose device cannot make a passkey: it is
the real sign-in, with every check, not a switch that skips one. Refused in production and
outside the demo. Each link is made on behalf of the family's adviser and logged as such.
Each line names the member (first name, role, language), the next gives the link's typed code.
Earlier links stay usable: a link an adviser just made in the demo is not stopped by running
this command. The closed follow-up family (Gezin Nazorg, its netwerkplan and its open
check-in) comes last.
"""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

from krachtbron.families.models import Family, FamilyMember
from krachtbron.lib.typed_code import code_for_token, grouped
from krachtbron.portal import actions, aftercare_demo
from krachtbron.portal.demo_data import portal_families, portal_members
from krachtbron.portal.language import language_of


class Command(BaseCommand):
    help = "Print eenmalige links naar Mijn Krachtbron voor de demo-gezinnen (alleen demo)."

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION or not (settings.DEMO_MODE or settings.DEBUG):
            raise CommandError(
                "Alleen in de demo (KRACHTBRON_DEMO=1) of met DEBUG=1, nooit in productie."
            )
        families: list[tuple[Family, list[FamilyMember]]] = [
            (family, portal_members(family)) for family in portal_families()
        ]
        if not families:
            raise CommandError("Er zijn geen demo-gezinnen met Mijn Krachtbron: make demo.")
        closed = aftercare_demo.showcase_family()
        parent = aftercare_demo.showcase_parent(closed) if closed else None
        if closed is not None and parent is not None:
            families.append((closed, [parent]))
        code_url = settings.SITE_URL + reverse("portal:code")
        for family, members in families:
            adviser = family.advisers.order_by("pk").first()
            if adviser is None:
                continue
            self.stdout.write(f"{family.reference} ({family.display_name})")
            for member in members:
                _link, token = actions.make_one_time_link(adviser, member, withdraw_earlier=False)
                url = settings.SITE_URL + reverse("portal:open", args=[token])
                language = language_of(member)
                self.stdout.write(
                    f"  {member.first_name:<10} {member.get_role_display():<9} {language} {url}"
                )
                self.stdout.write(
                    f"  {'':<10} of typ op {code_url}: {grouped(code_for_token(token))}"
                )
        minutes = settings.PORTAL_ONE_TIME_LINK_MINUTES
        self.stdout.write(
            f"Elke link werkt één keer, {minutes} minuten lang. Open hem in een privévenster."
            " De code hoort bij dezelfde link: wie er één gebruikt, gebruikt ze allebei."
        )
