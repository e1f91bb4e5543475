"""The items are the handreiking's exact wording: pinned here, and checked against the handreiking.

An instrument is defined by its items, so a changed word is a changed instrument. Two checks:
the wording is pinned in the literal lists below, and it is found, in order and complete, in the
handreiking's questionnaire pages (§6, §7.1, §7.2), kept verbatim with their source in
``handreiking_vragenlijsten.txt`` beside this file, so a bare clone checks its wording on its own.
``scripts/check-handreiking-excerpt.py`` re-checks that excerpt against a full text extraction.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from pathlib import Path

import pytest

from krachtbron.instruments import Dimension, get_instrument

# The questionnaire pages of the handreiking, verbatim, with their source in the file's header.
HANDREIKING = Path(__file__).with_name("handreiking_vragenlijsten.txt")

SOURCE_TITLE = "Versterken van eigen kracht van ouders en jeugdigen"
SCALE_LINE = "0 = zeer ontevreden, 1 = ontevreden, 2 = neutraal, 3 = tevreden, 4 = zeer tevreden."
INSTRUCTION = "Kruis het antwoord aan dat je het meest van toepassing vindt."

# instrument id -> [(section id, title, subtitle, dimension, [(item id, exact wording)])]
EXPECTED: dict[str, list[tuple[str, str, str | None, Dimension | None, list[tuple[str, str]]]]] = {
    "kracht-gezinnen": [
        (
            "situatie",
            "Situatie volgens het gezin als vertrekpunt",
            None,
            None,
            [
                ("g01", "Er is aandacht voor hoe het met mij gaat."),
                ("g02", "Er is aandacht voor hoe het gaat met de rest van het gezin."),
                ("g03", "De hulpverlener weet welke problemen ik heb."),
                ("g04", "Ik voel me serieus genomen in mijn behoeften aan ondersteuning."),
            ],
        ),
        (
            "sociaal",
            "Sociale dimensie",
            "In beeld brengen en benutten van belangrijke anderen",
            Dimension.SOCIAL,
            [
                ("g05", "De hulpverlener weet wie er belangrijk voor mij zijn."),
                (
                    "g06",
                    "Er is aandacht voor hoe andere mensen een positieve rol in mijn leven "
                    "kunnen hebben.",
                ),
            ],
        ),
        (
            "competentioneel",
            "Competentionele dimensie",
            "Aansluiten bij competenties en vaardigheden",
            Dimension.COMPETENCE,
            [
                ("g07", "De hulpverlener weet wat ik goed kan en neemt me hierin serieus."),
                ("g08", "De hulpverlener weet wat ik moeilijk vindt."),
                ("g09", "De hulpverlening gaat uit van wat voor mij belangrijk is."),
            ],
        ),
        (
            "motivationeel",
            "Motivationele dimensie",
            "Samen zoeken naar oplossingen",
            Dimension.MOTIVATION,
            [
                ("g10", "De hulpverlener weet waar ik energie van krijg."),
                ("g11", "De hulpverlener weet wat ik wil bereiken in mijn leven."),
                ("g12", "De hulpverlener en ik zijn samen tot oplossingen gekomen."),
                (
                    "g13",
                    "Ik voel me krachtiger sinds ik ondersteuning van deze hulpverlener "
                    "ontvangen heb.",
                ),
            ],
        ),
    ],
    "kracht-professionals": [
        (
            "competentioneel",
            "Competentionele dimensie",
            None,
            Dimension.COMPETENCE,
            [
                ("p01", "Ik voel me voldoende toegerust om mijn werk goed te doen."),
                ("p02", "Ik ken en respecteer mijn eigen grenzen."),
                ("p03", "Ik laad mezelf tijdig op."),
            ],
        ),
        (
            "sociaal",
            "Sociale dimensie",
            None,
            Dimension.SOCIAL,
            [
                ("p04", "Ik vraag collega’s waar nodig om hulp."),
                ("p05", "Ik geef collega’s wel eens een compliment."),
            ],
        ),
        (
            "motivationeel",
            "Motivationele dimensie",
            None,
            Dimension.MOTIVATION,
            [
                ("p06", "Ik heb het gevoel dat ik controle heb over mijn werk."),
                # No full stop in the handreiking either.
                ("p07", "Ik weet waar ik energie van krijg in mijn werk"),
                ("p08", "Ik heb plezier in mijn werk."),
            ],
        ),
    ],
    "kracht-organisatie": [
        (
            "competentioneel",
            "Competentionele dimensie",
            None,
            Dimension.COMPETENCE,
            [
                (
                    "o01",
                    "Er is binnen de organisatie voldoende aandacht voor waar medewerkers "
                    "goed in zijn.",
                ),
                ("o02", "De organisatie steunt haar medewerkers in hun leerproces."),
            ],
        ),
        (
            "sociaal",
            "Sociale dimensie",
            None,
            Dimension.SOCIAL,
            [
                (
                    "o03",
                    "De organisatie faciliteert het delen van kennis tussen professionals "
                    "onderling.",
                ),
                (
                    "o04",
                    "In deze organisatie is de openheid en veiligheid om kwetsbaarheden te delen.",
                ),
            ],
        ),
        (
            "motivationeel",
            "Motivationele dimensie",
            None,
            Dimension.MOTIVATION,
            [
                ("o05", "De organisatie heeft aandacht voor het werkplezier van haar medewerkers."),
                (
                    "o06",
                    "De missie van deze organisatie wordt breed gedragen door haar medewerkers.",
                ),
            ],
        ),
    ],
}

# The first words of each questionnaire's region in the excerpt (the extraction's reading order
# is partly jumbled, but each questionnaire stays inside its own region).
REGION_STARTS = {
    "kracht-gezinnen": "Onderstaande elementen kunnen helpen om het perspectief van het gezin",
    "kracht-professionals": "7.1 Reflectie op de kracht van professionals",
    "kracht-organisatie": "7.2 Reflectie op de kracht van de organisatie",
}
HANDREIKING_SECTIONS = {
    "kracht-gezinnen": "§6",
    "kracht-professionals": "§7.1",
    "kracht-organisatie": "§7.2",
}


def normalise(text: str) -> str:
    """Undo PDF extraction artefacts: hyphenation at line ends, line breaks, runs of spaces."""
    text = unicodedata.normalize("NFC", text)
    # A word broken over two lines ("mind-\nfulness"); "Ouder- en" keeps its hyphen (a space
    # follows it, not a line break and a lowercase letter).
    text = re.sub(r"(?<=[^\W\d_])-[ \t]*\n\s*(?=[a-zà-ÿ])", "", text)
    return " ".join(text.split())


@pytest.mark.parametrize("instrument_id", sorted(EXPECTED))
def test_wording_is_pinned(instrument_id: str) -> None:
    instrument = get_instrument(instrument_id)
    actual = [
        (
            s.id,
            s.title,
            s.subtitle,
            s.dimension,
            [(item.id, item.text) for item in s.items],
        )
        for s in instrument.sections
    ]
    assert actual == EXPECTED[instrument_id]


def test_item_counts_per_section_are_the_handreikings() -> None:
    counts = {
        instrument_id: [len(items) for *_, items in sections]
        for instrument_id, sections in EXPECTED.items()
    }
    assert counts == {
        "kracht-gezinnen": [4, 2, 3, 4],
        "kracht-professionals": [3, 2, 3],
        "kracht-organisatie": [2, 2, 2],
    }


@pytest.mark.parametrize("instrument_id", sorted(EXPECTED))
def test_every_instrument_names_its_source(instrument_id: str) -> None:
    instrument = get_instrument(instrument_id)
    assert instrument.source.title == SOURCE_TITLE
    assert "KeTJA" in instrument.source.publisher
    assert "Ouder- en Kindteams Amsterdam" in instrument.source.publisher
    assert instrument.source.section.startswith(HANDREIKING_SECTIONS[instrument_id])
    assert instrument.instruction == INSTRUCTION
    scale = ", ".join(f"{o.value} = {o.label}" for o in instrument.scale) + "."
    assert scale == SCALE_LINE


def read_handreiking() -> str:
    # Deliberately a failure, not a skip: without the source the wording is unchecked.
    if not HANDREIKING.is_file():
        pytest.fail(f"the handreiking excerpt is missing: {HANDREIKING}")
    return HANDREIKING.read_text(encoding="utf-8")


def regions(text: str) -> dict[str, str]:
    """The excerpt split at its ``=== <instrument id>`` lines; header lines (``# ``) dropped."""
    body = "\n".join(line for line in text.splitlines() if not line.startswith("# "))
    parts = re.split(r"(?m)^=== (\S+)\n", body)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


def test_the_excerpt_holds_each_questionnaire_region_and_names_its_source() -> None:
    text = read_handreiking()
    assert SOURCE_TITLE in text and "KeTJA" in text and "§6, §7.1 and §7.2" in text
    found = regions(text)
    assert sorted(found) == sorted(EXPECTED)
    for instrument_id, start in REGION_STARTS.items():
        assert found[instrument_id].startswith(start)


def test_a_missing_handreiking_fails_the_test_rather_than_skipping_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(sys.modules[__name__], "HANDREIKING", tmp_path / "weg.txt")
    with pytest.raises(pytest.fail.Exception, match="missing"):
        read_handreiking()


def test_normalise_undoes_hyphenation_but_keeps_real_hyphens() -> None:
    assert normalise("Iemand gaat nu mind-\nfulness geven") == "Iemand gaat nu mindfulness geven"
    assert normalise("Ouder- en Kindteams") == "Ouder- en Kindteams"
    assert normalise("een positieve rol \n\nin mijn leven") == "een positieve rol in mijn leven"


@pytest.mark.parametrize("instrument_id", sorted(EXPECTED))
def test_wording_matches_the_handreiking(instrument_id: str) -> None:
    raw_region = regions(read_handreiking())[instrument_id]
    region = normalise(raw_region)
    instrument = get_instrument(instrument_id)

    # Complete: the region has exactly as many bullets ("- " at a line start) as there are items.
    assert len(re.findall(r"(?m)^- ", raw_region)) == len(instrument.items)
    position = 0
    for item in instrument.items:
        # Each item is a whole bullet: "- " before it, and after it the next bullet, a heading or
        # the end (so a truncated wording is caught too: it would be followed by a lowercase word).
        match = re.compile(re.escape(f"- {item.text}") + r"(?= [^a-z]|$)").search(region)
        assert match, f"{item.id} not found verbatim in the handreiking: {item.text!r}"
        assert match.start() > position, f"{item.id} is out of the handreiking's order"
        position = match.start()
    # Sections are in the handreiking's order (the situatie section of gezinnen comes first).
    position = -1
    for section in instrument.sections:
        found = region.find(section.title, position + 1)
        assert found > position, f"section {section.title!r} missing or out of order"
        position = found
        if section.subtitle:
            assert f"{section.title} {section.subtitle}" in region
    assert f"‘{instrument.title}’. In te vullen door" in region
    assert INSTRUCTION in region
    assert SCALE_LINE in region
