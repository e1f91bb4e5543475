"""The Flesch–Douma reading ease, checked on words and sentences whose counts are known."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from krachtbron.lib.readability import flesch_douma, syllables, text_blocks, text_stats


@pytest.mark.parametrize(
    ("word", "count"),
    [
        ("kat", 1),
        ("huis", 1),
        ("nieuw", 1),
        ("één", 1),
        ("vader", 2),
        ("gezondheid", 3),
        ("vragenlijst", 3),
        ("informatie", 4),
        ("competentioneel", 5),
        ("België", 3),  # the diaeresis starts a syllable
        ("ruïne", 3),
        ("coördinator", 5),
        ("baby", 2),
        ("VRAGENLIJST", 3),
    ],
)
def test_syllables_of_known_words(word, count):
    assert syllables(word) == count


def test_a_short_sentence_of_one_syllable_words():
    # 6 words, 6 syllables, 1 sentence: 206.835 − 0.93 × 6 − 77 × 1 = 124.255
    stats = text_stats("De kat zit op de mat.")
    assert (stats.sentences, stats.words, stats.syllables) == (1, 6, 6)
    assert flesch_douma("De kat zit op de mat.") == pytest.approx(124.255)


def test_a_long_sentence_of_long_words_is_hard():
    text = (
        "Overeenkomstig de toepasselijke wetgeving inzake gegevensbescherming "
        "verstrekken wij betrokkenen desgevraagd een afschrift van de verwerkte "
        "persoonsgegevens, tenzij de rechten en vrijheden van anderen daardoor "
        "onevenredig worden geschaad."
    )
    # 27 words, 71 syllables (counted by hand), 1 sentence.
    stats = text_stats(text)
    assert (stats.sentences, stats.words, stats.syllables) == (1, 27, 71)
    assert flesch_douma(text) < 0


def test_two_plain_sentences():
    # "Je mag een kopie. Dat staat in de wet." 9 words, 10 syllables (ko-pie), 2 sentences.
    stats = text_stats("Je mag een kopie. Dat staat in de wet.")
    assert (stats.sentences, stats.words, stats.syllables) == (2, 9, 10)
    assert stats.reading_ease == pytest.approx(206.835 - 0.93 * 4.5 - 77 * 10 / 9)


def test_blocks_end_a_sentence_and_numbers_are_not_words():
    assert text_stats(["Wanneer", "Wie", "Rol 12"]) == text_stats("Wanneer. Wie. Rol.")
    assert flesch_douma("") == 0.0


@given(st.lists(st.sampled_from(["kat", "mat", "zit", "op"]), min_size=1, max_size=30))
def test_longer_sentences_of_the_same_words_read_harder(words):
    one = " ".join(words) + "."
    split = ". ".join(words) + "."
    assert flesch_douma(split) >= flesch_douma(one)


def test_text_blocks_leave_out_what_the_application_did_not_write():
    html = (
        "<html><head><title>Kopie</title><style>p{}</style></head><body>"
        "<h1>Titel <bdi>&lt;script&gt;</bdi></h1><p>Eerste zin.<br>Tweede</p>"
        '<table><tr><th>Vraag</th><td><span class="item">Een vraag uit de lijst</span> 3</td>'
        "</tr></table></body></html>"
    )
    blocks = text_blocks(html, skip_tags={"bdi"}, skip_classes={"item"})
    assert blocks == ["Kopie", "Titel", "Eerste zin. Tweede", "Vraag", "3"]
