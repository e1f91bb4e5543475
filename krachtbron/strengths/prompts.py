"""Conversation prompts shown in each part of the family file.

Written in our own words, each with the section of the handreiking it comes from and the id of
the knowledge page that explains it. Prompts are data: the template tag `knowledge_url` turns
`knowledge_page` into a link, and leaves the link out while the knowledge app has no such page.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Prompt:
    text: str | Promise
    section: str  # "§4.2"
    knowledge_page: str  # page id in the knowledge app


PROMPTS: dict[str, tuple[Prompt, ...]] = {
    "first_question": (
        Prompt(
            _(
                "Begin met de vraag waarmee het gezin komt en help daar eerst mee, ook als het "
                "om iets praktisch gaat. Zoek niet meteen naar een vraag erachter."
            ),
            "§3.2",
            "samenwerkende-houding",
        ),
        Prompt(
            _(
                "Is de nood hoog? Regel dan eerst samen wat nu moet. Vertrouwen groeit vaak "
                "doordat je iets doet."
            ),
            "§4.2",
            "praktijk-motivationeel",
        ),
        Prompt(
            _(
                "Vraag eerst: 'Hoe gaat het met je?' en geef ruimte voor het eigen verhaal, "
                "voordat je over eigen kracht begint."
            ),
            "§4.2",
            "praktijk-motivationeel",
        ),
    ),
    "strengths": (
        Prompt(
            _(
                "Vraag naar wat er wél goed gaat en wat iemand al voor elkaar kreeg. Daar "
                "groeit het geloof in jezelf van."
            ),
            "§4.3",
            "praktijk-competentioneel",
        ),
        Prompt(
            _("Heb ook aandacht voor wat moeilijk is. Om hulp durven vragen is ook een kracht."),
            "§4.3",
            "praktijk-competentioneel",
        ),
        Prompt(
            _(
                "Waar krijgt iemand energie van? Iets wat veel tijd kost, zoals "
                "vrijwilligerswerk, kan juist kracht geven. Vraag door voordat je het "
                "afraadt."
            ),
            "§3.2",
            "praktijk-competentioneel",
        ),
        Prompt(
            _(
                "De drie dimensies hangen samen: zonder vertrouwen in jezelf zet je wat je "
                "kunt en wie je kent minder snel in."
            ),
            "§2.1",
            "drie-dimensies",
        ),
    ),
    "scaling": (
        Prompt(
            _(
                "Laat het gezinslid eerst zelf een cijfer geven: het gezin is expert van het "
                "eigen leven. Geef daarna pas je eigen inschatting."
            ),
            "§5.2",
            "methoden",
        ),
        Prompt(
            _(
                "Vraag wat maakt dat het geen 0 is: daar zitten de krachtbronnen. En vraag wat "
                "één stap hoger zou zijn, zo klein mogelijk."
            ),
            "§5.2",
            "methoden",
        ),
        Prompt(
            _(
                "Kracht kan toenemen en afnemen. Een lager cijfer dan vorige keer is geen "
                "mislukking maar een gespreksonderwerp."
            ),
            "§2",
            "eigen-kracht",
        ),
    ),
    "goals": (
        Prompt(
            _(
                "Schrijf doelen op in de woorden van het gezin, ook als het doel is: zo snel "
                "mogelijk zonder hulp verder."
            ),
            "§4.1",
            "samenwerkende-houding",
        ),
        Prompt(
            _(
                "Hoeveel eigen kracht nodig is, hangt af van het doel. Kijk per doel wat er al "
                "is en wat er nog nodig is."
            ),
            "§2",
            "eigen-kracht",
        ),
        Prompt(
            _("Vraag eerst wat het gezin zelf al heeft geprobeerd, voordat je met adviezen komt."),
            "§4.1",
            "samenwerkende-houding",
        ),
    ),
    "network": (
        Prompt(
            _(
                "Wie zijn belangrijk voor jou, en welke rol hebben ze? Soms is één vriend die "
                "je kunt bellen al genoeg."
            ),
            "§4.4",
            "praktijk-sociaal",
        ),
        Prompt(
            _(
                "Kies een goed moment om naar het netwerk te vragen. Wie weinig mensen heeft, "
                "kan zich ergeren aan die vraag; soms is later beter."
            ),
            "§4.4",
            "praktijk-sociaal",
        ),
        Prompt(
            _(
                "Als ik straks stop, wie is er dan om je te steunen? En is je partner steunend "
                "voor je?"
            ),
            "§4.4",
            "werken-met-netwerk",
        ),
        Prompt(
            _(
                "Een groot netwerk is niet altijd steunend. Let op wie belast, op mantelzorgers "
                "die overbelast raken en op te veel professionals."
            ),
            "§3.2",
            "werken-met-netwerk",
        ),
    ),
    "plan": (
        Prompt(
            _(
                "Maak het plan samen met het gezin en lees het samen na: herkent het gezin "
                "zich erin?"
            ),
            "§3.1",
            "samenwerkende-houding",
        ),
        Prompt(
            _(
                "Leg uit waarom je samen naar oplossingen zoekt, anders kan het lijken alsof "
                "je niet wilt helpen."
            ),
            "§3.1",
            "samenwerkende-houding",
        ),
    ),
}


def prompts_for(part: str) -> tuple[Prompt, ...]:
    return PROMPTS[part]
