"""Reflection prompts for intervisie and for the talk with the teamleider.

Krachtbron's own words, built on the handreiking §7 (eigen kracht as a parallel process) and §7.1
(reflection on the strength of professionals). Per dimension: questions for intervisie and one
subject for the talk with the teamleider.
"""

from __future__ import annotations

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _


def knowledge_url(page_id: str) -> str | None:
    """The URL of a knowledge page, or None while the knowledge app does not offer it."""
    try:
        return reverse("knowledge:page", args=[page_id])
    except NoReverseMatch:
        return None


INTERVISIE = {
    "competence": [
        _("Bij welk gezin voelde je je de laatste tijd goed toegerust? Wat maakte dat zo?"),
        _("Waar liep je tegen je grenzen aan? Wat deed je toen, en wat doe je een volgende keer?"),
        _("Hoe laad jij jezelf op, en lukt dat op tijd? Wat helpt je collega's daarbij?"),
    ],
    "social": [
        _(
            "Wanneer vroeg je voor het laatst een collega om hulp? "
            "Wat maakte dat makkelijk of lastig?"
        ),
        _("Wat zie je een collega goed doen? Zeg het in de intervisie hardop."),
    ],
    "motivation": [
        _("Waar heb je invloed op in je werk, en waar niet? Wat doet dat met je?"),
        _(
            "Van welk moment in je werk kreeg je deze maand energie? "
            "Wat zegt dat over wat je drijft?"
        ),
        _("Wat heb je nodig om meer plezier in je werk te hebben?"),
    ],
}

TEAMLEIDER = {
    "competence": _(
        "Bespreek welke kennis of vaardigheid je wilt versterken en wat je daarvoor nodig hebt: "
        "scholing, tijd of een collega die met je meekijkt."
    ),
    "social": _(
        "Bespreek hoe jullie elkaar in het team steunen: bij wie kun je terecht als je het even "
        "niet weet, en waar mis je steun?"
    ),
    "motivation": _(
        "Bespreek waar je zelf de regie hebt en waar je kaders nodig hebt: tot waar reikt jouw "
        "verantwoordelijkheid, en wat geeft je energie?"
    ),
}

GENERAL = [
    _(
        "Eigen kracht werkt als een parallel proces: je kunt gezinnen beter helpen hun kracht te "
        "gebruiken als je zelf kracht ervaart. Kijk daarom ook naar jezelf."
    ),
    _(
        "Hoge scores laten zien waar je sterk in bent; lage scores laten zien waar je kunt "
        "groeien. Allebei zijn het goede onderwerpen voor intervisie."
    ),
    _("Het is ook goed als het even niet gaat. Je hoeft het niet alleen te doen."),
]
