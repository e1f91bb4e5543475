"""Plain words on the family's question screens (B1, issue 17).

A question screen names the part of the list the question belongs to in the family's words,
not the method's ("Competentionele dimensie" is the handreiking's name for the part; the family
reads "Wat je weet en kunt"). The items themselves keep the handreiking's exact wording.
"""

from django import template
from django.utils.translation import gettext as _

from krachtbron.instruments.model import Dimension, Section

register = template.Library()


def plain_part(dimension: Dimension | None) -> str:
    """What a part of the family questionnaire is about, in plain words (active language)."""
    if dimension == Dimension.COMPETENCE:
        return _("Wat je weet en kunt")
    if dimension == Dimension.SOCIAL:
        return _("De mensen om je heen")
    if dimension == Dimension.MOTIVATION:
        return _("Wat je wilt en durft")
    return _("Hoe jij het ziet")


@register.filter
def plain_title(section: Section) -> str:
    """``{{ section|plain_title }}``: the section's name for the family."""
    return plain_part(section.dimension)
