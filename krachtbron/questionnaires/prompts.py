"""Conversation prompts for low-scoring items, in Krachtbron's own words.

Each prompt names the section of the handreiking it is drawn from (§4.1–§4.4, §6) and the
knowledge page that explains it. The handreiking's prose is never copied: these are short,
practical suggestions for the next conversation with the family.
"""

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Prompt:
    text: str | Promise
    section: str  # "§4.2"
    page_id: str  # knowledge page id


_HOUDING = "samenwerkende-houding"
_MOTIVATIONEEL = "praktijk-motivationeel"
_COMPETENTIONEEL = "praktijk-competentioneel"
_SOCIAAL = "praktijk-sociaal"
_NETWERK = "werken-met-netwerk"

PROMPTS: dict[str, tuple[Prompt, ...]] = {
    "g01": (
        Prompt(
            _(
                "Open het volgende gesprek met de vraag hoe het nu met hem of haar gaat, en "
                "neem de tijd voor het antwoord voordat je over doelen of krachten begint."
            ),
            "§4.2",
            _MOTIVATIONEEL,
        ),
        Prompt(
            _(
                "Vraag wat er nodig is om zich gehoord te voelen. Wie het zwaar heeft, is vaak "
                "nog niet toe aan een gesprek over eigen kracht."
            ),
            "§4.2",
            _MOTIVATIONEEL,
        ),
    ),
    "g02": (
        Prompt(
            _(
                "Vraag ook naar de anderen thuis: hoe gaat het met de kinderen, de partner, "
                "opa of oma? Wie in het gezin heeft het nu het zwaarst?"
            ),
            "§4.2",
            _MOTIVATIONEEL,
        ),
    ),
    "g03": (
        Prompt(
            _(
                "Laat de ouder of jongere in eigen woorden vertellen wat er speelt. Vat daarna "
                "samen wat je hoorde en vraag of je het goed begrepen hebt."
            ),
            "§4.2",
            _MOTIVATIONEEL,
        ),
        Prompt(
            _(
                "Maak ruimte voor wat moeilijk is, niet alleen voor wat goed gaat: welke "
                "problemen wegen nu het meest?"
            ),
            "§4.3",
            _COMPETENTIONEEL,
        ),
    ),
    "g04": (
        Prompt(
            _(
                "Vraag wat hij of zij van jou verwacht en wat al geprobeerd is, in plaats van "
                "meteen met adviezen te komen."
            ),
            "§4.1",
            _HOUDING,
        ),
        Prompt(
            _("Is de nood hoog? Regel dan eerst samen iets praktisch: dat bouwt vertrouwen op."),
            "§4.2",
            _MOTIVATIONEEL,
        ),
    ),
    "g05": (
        Prompt(
            _(
                "Vraag wie er belangrijk zijn en welke rol ze spelen. Soms is één vriend of "
                "buurvrouw al genoeg."
            ),
            "§4.4",
            _SOCIAAL,
        ),
        Prompt(
            _(
                "Kies het moment: bij gezinnen met weinig mensen om zich heen kan deze vraag "
                "irriteren. Dan kan hij beter later terugkomen."
            ),
            "§4.4",
            _NETWERK,
        ),
    ),
    "g06": (
        Prompt(
            _(
                "Vraag: als de hulp straks stopt, wie is er dan om je te steunen? Stel voor dat "
                "iemand uit die kring een keer meekomt naar een gesprek."
            ),
            "§4.4",
            _NETWERK,
        ),
        Prompt(
            _(
                "Bespreek of de mensen om hen heen ook echt steunen: een groot netwerk helpt niet "
                "vanzelf."
            ),
            "§4.4",
            _SOCIAAL,
        ),
    ),
    "g07": (
        Prompt(
            _(
                "Sta stil bij wat wél lukt: vraag naar een moment waarop hij of zij iets voor "
                "elkaar kreeg of voor zichzelf opkwam, en hoe dat ging."
            ),
            "§4.3",
            _COMPETENTIONEEL,
        ),
    ),
    "g08": (
        Prompt(
            _(
                "Vraag ook naar wat moeilijk is en welke steun daarbij helpt. Laat merken dat "
                "om hulp vragen ook kracht is."
            ),
            "§4.3",
            _COMPETENTIONEEL,
        ),
    ),
    "g09": (
        Prompt(
            _(
                "Leg de doelen naast wat het gezin zelf wil: zijn het hun doelen, in hun eigen "
                "woorden? Ook 'zo snel mogelijk klaar met de hulp' is een doel."
            ),
            "§4.1",
            _HOUDING,
        ),
    ),
    "g10": (
        Prompt(
            _(
                "Vraag waar hij of zij energie van krijgt. Wees voorzichtig met het advies om "
                "daarmee te stoppen, ook als het druk is: het kan juist een krachtbron zijn."
            ),
            "§4.3",
            _COMPETENTIONEEL,
        ),
    ),
    "g11": (
        Prompt(
            _(
                "Vraag wat hij of zij over een tijd anders wil zien, en schrijf dat op in zijn "
                "of haar eigen woorden."
            ),
            "§4.2",
            _MOTIVATIONEEL,
        ),
    ),
    "g12": (
        Prompt(
            _(
                "Vraag eerst wat zij zelf al geprobeerd hebben of willen proberen. Zoek samen "
                "naar de volgende stap en laat hen die kiezen."
            ),
            "§4.1",
            _HOUDING,
        ),
    ),
    "g13": (
        Prompt(
            _(
                "Bespreek samen wat de hulp tot nu toe heeft opgeleverd en wat er nodig is om "
                "zich sterker te voelen."
            ),
            "§6",
            _HOUDING,
        ),
        Prompt(
            _(
                "Dring niet aan op eigen kracht als iemand daar nog niet aan toe is: eerst "
                "erkenning voor wat zwaar is."
            ),
            "§4.2",
            _MOTIVATIONEEL,
        ),
    ),
}


def knowledge_url(page_id: str) -> str | None:
    """The knowledge page's URL, or None while the knowledge app has no such route yet."""
    try:
        return reverse("knowledge:page", args=[page_id])
    except NoReverseMatch:
        return None


def prompts_for(item_id: str) -> list[dict[str, object]]:
    return [
        {
            "text": prompt.text,
            "section": prompt.section,
            "page_id": prompt.page_id,
            "url": knowledge_url(prompt.page_id),
        }
        for prompt in PROMPTS.get(item_id, ())
    ]
