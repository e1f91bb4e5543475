"""The shape of an instrument: typed, frozen dataclasses read from the files in ``data/``.

Nothing here knows about files or scoring: ``loader`` builds these objects, ``engine`` reads them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

# The engine's rules are written for the one scale all three instruments of the handreiking use:
# 0 = zeer ontevreden … 4 = zeer tevreden. The loader refuses any other scale, so these numbers and
# the thresholds below can never disagree with an instrument file.
SCALE_VALUES: tuple[int, ...] = (0, 1, 2, 3, 4)

# Rules Krachtbron adds to the handreiking (documented for users in docs/instruments.md).
#: An item scored at least this is a strength ("hoge scores laten zien waar je sterk in bent").
STRENGTH_MIN = 3
#: An item scored at most this is a development need ("lage scores tonen je ontwikkelbehoefte").
NEED_MAX = 1
#: Group figures are never shown for fewer respondents than this (SECURITY.md, requirement 10).
MIN_GROUP_SIZE = 5
#: A section mean is shown only when at least this share of its items is answered.
SECTION_MIN_ANSWERED_SHARE = 0.5


class InstrumentError(Exception):
    """An instrument file is malformed, or an instrument, version or language does not exist."""


class UnknownInstrumentError(InstrumentError, LookupError):
    """The requested instrument id, version or language is not available."""


class Dimension(StrEnum):
    """The three dimensions of eigen kracht (handreiking §2.1)."""

    COMPETENCE = "competence"
    SOCIAL = "social"
    MOTIVATION = "motivation"


@dataclass(frozen=True)
class ScaleOption:
    """One answer on the scale: its value (0–4) and the label shown to the respondent."""

    value: int
    label: str


@dataclass(frozen=True)
class Source:
    """Where the items come from; every instrument names its source."""

    title: str
    publisher: str
    section: str
    url: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Item:
    """One statement the respondent scores; ``text`` is the handreiking's exact wording."""

    id: str
    text: str
    section_id: str


@dataclass(frozen=True)
class Section:
    """A group of items; ``dimension`` is None for a section outside the three dimensions."""

    id: str
    title: str
    dimension: Dimension | None
    items: tuple[Item, ...]
    subtitle: str | None = None

    @property
    def item_ids(self) -> tuple[str, ...]:
        """The ids of this section's items, in order."""
        return tuple(item.id for item in self.items)


@dataclass(frozen=True)
class Instrument:
    """One version of one questionnaire in one language.

    ``items`` is the flat list of all items in order; ``item(id)`` and ``section(id)`` look one up.
    A translation (``translation_of`` set) has exactly the same sections and item ids as the
    original, so answers never depend on the language they were given in.
    """

    id: str
    version: str
    language: str
    title: str
    respondent: str
    introduction: str
    sections: tuple[Section, ...]
    scale: tuple[ScaleOption, ...]
    source: Source
    instruction: str | None = None
    translation_of: str | None = None
    translation_note: str | None = None
    order: int = 1000
    _items_by_id: dict[str, Item] = field(init=False, repr=False, compare=False)
    _sections_by_id: dict[str, Section] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Frozen dataclass: set the lookup tables once, through object.__setattr__.
        object.__setattr__(self, "_items_by_id", {item.id: item for item in self.items})
        object.__setattr__(self, "_sections_by_id", {s.id: s for s in self.sections})

    @property
    def items(self) -> tuple[Item, ...]:
        """All items of all sections, in the order the respondent sees them."""
        return tuple(item for section in self.sections for item in section.items)

    @property
    def item_ids(self) -> tuple[str, ...]:
        """The ids of all items, in order."""
        return tuple(item.id for item in self.items)

    @property
    def is_translation(self) -> bool:
        """True when this is a translation of the original-language file."""
        return self.translation_of is not None

    @property
    def key(self) -> tuple[str, str, str]:
        """``(id, version, language)``: what makes an instrument file unique."""
        return (self.id, self.version, self.language)

    def item(self, item_id: str) -> Item:
        """Return the item with this id; raise KeyError when the instrument has none."""
        try:
            return self._items_by_id[item_id]
        except KeyError:
            raise KeyError(f"{self.id} has no item {item_id!r}") from None

    def section(self, section_id: str) -> Section:
        """Return the section with this id; raise KeyError when the instrument has none."""
        try:
            return self._sections_by_id[section_id]
        except KeyError:
            raise KeyError(f"{self.id} has no section {section_id!r}") from None

    def scale_label(self, value: int) -> str:
        """The label of one scale value in this instrument's language."""
        for option in self.scale:
            if option.value == value:
                return option.label
        raise KeyError(f"{value!r} is not on the scale of {self.id}")

    def to_dict(self) -> dict[str, Any]:
        """The instrument as JSON-ready data (what ``krachtbron instrument show --json`` prints)."""
        return {
            "id": self.id,
            "version": self.version,
            "language": self.language,
            "translation_of": self.translation_of,
            "title": self.title,
            "respondent": self.respondent,
            "introduction": self.introduction,
            "instruction": self.instruction,
            "scale": [{"value": o.value, "label": o.label} for o in self.scale],
            "sections": [
                {
                    "id": section.id,
                    "title": section.title,
                    "subtitle": section.subtitle,
                    "dimension": section.dimension.value if section.dimension else None,
                    "items": [{"id": item.id, "text": item.text} for item in section.items],
                }
                for section in self.sections
            ],
            "source": {
                "title": self.source.title,
                "publisher": self.source.publisher,
                "section": self.source.section,
                "url": self.source.url,
                "note": self.source.note,
            },
        }
