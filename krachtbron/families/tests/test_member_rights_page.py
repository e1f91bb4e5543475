"""The page "Wie ziet wat" words each reason for the adviser who reads it: the family's own
reason ("Je krijgt alleen je eigen antwoorden …", ``NotShared.label``) speaks to the member who
asks, in their copy of the file; on the adviser's page it stood on that member's row, as if it
spoke to the adviser (session 12 try-out)."""

import pytest
from django.urls import reverse

from krachtbron.families.rights import NotShared


@pytest.mark.django_db
def test_the_reasons_speak_about_the_member_not_to_the_reader(org, as_user):
    page = as_user(org.adviser).get(reverse("families:member_rights", args=[org.member.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    # Sem (a young person) may not see Fatima's own data: said about Sem, in the third person.
    assert "Een jeugdige of kind ziet alleen de eigen gegevens, niet die van anderen." in html
    assert NotShared.REQUESTER_IS_YOUNG.label not in html
    # The other reasons already speak about the member ("Dit is een volwassene …").
    other = as_user(org.adviser).get(reverse("families:member_rights", args=[org.youth.pk]))
    assert other.status_code == 200
    assert "Je krijgt" not in other.content.decode()
