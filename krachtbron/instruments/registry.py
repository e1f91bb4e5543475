"""The set of loaded instruments, checked against each other, and the lookups on it.

``loader`` reads and checks one file at a time; ``build_registry`` checks the files together
(one original per version, translations structurally identical to their original) and a
``Registry`` answers "which versions, which languages, give me this one". A lookup that fails
(``UnknownInstrumentError``) is something a user can cause, so its message is in Dutch; a
malformed set (``InstrumentError``) is for developers and in English.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .inputs import quote
from .model import Instrument, InstrumentError, UnknownInstrumentError

#: The language every instrument of the handreiking is written in.
DEFAULT_LANGUAGE = "nl"


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


@dataclass(frozen=True)
class Registry:
    """All instruments of one data directory, checked against each other.

    Use the module functions (``get_instrument`` …) for the built-in instruments; build a
    ``Registry`` with ``load_registry(path)`` for another directory (tests, research).
    """

    instruments: tuple[Instrument, ...]

    def _by_id(self, instrument_id: str) -> list[Instrument]:
        found = [i for i in self.instruments if i.id == instrument_id]
        if not found:
            known = ", ".join(sorted({i.id for i in self.instruments}))
            raise UnknownInstrumentError(
                f"onbekende vragenlijst {quote(instrument_id)} (beschikbaar: {known})"
            )
        return found

    def versions(self, instrument_id: str) -> list[str]:
        """The versions of one instrument, oldest first."""
        return sorted({i.version for i in self._by_id(instrument_id)}, key=_version_key)

    def _version(self, instrument_id: str, version: str | None) -> str:
        """``version`` checked to exist, or the latest version when None."""
        versions = self.versions(instrument_id)
        if version is None:
            return versions[-1]
        if version not in versions:
            raise UnknownInstrumentError(
                f"vragenlijst {quote(instrument_id)} heeft geen versie {quote(version)} "
                f"(beschikbaar: {', '.join(versions)})"
            )
        return version

    def languages(self, instrument_id: str, version: str | None = None) -> list[str]:
        """The languages of one version (default: the latest), original language first."""
        version = self._version(instrument_id, version)
        found = [i for i in self._by_id(instrument_id) if i.version == version]
        return [i.language for i in sorted(found, key=lambda i: (i.is_translation, i.language))]

    def named_language(self, instrument_id: str, version: str | None, given: object) -> str | None:
        """The language a document names (``language``: a tag such as "en" or "en-GB", any
        case) as one of this version's languages; None when it names none of them.

        The one language check of every reader of answers (FHIR import, the command line's
        answer files): a known language is used, anything else is refused by the caller.
        """
        if not isinstance(given, str):
            return None
        primary = given.split("-")[0].lower()
        return primary if primary in self.languages(instrument_id, version) else None

    def get(
        self, instrument_id: str, language: str = DEFAULT_LANGUAGE, version: str | None = None
    ) -> Instrument:
        """One instrument; the latest version unless ``version`` is given. No language fallback."""
        version = self._version(instrument_id, version)
        for instrument in self.instruments:
            if instrument.key == (instrument_id, version, language):
                return instrument
        languages = self.languages(instrument_id, version)
        raise UnknownInstrumentError(
            f"vragenlijst {quote(instrument_id)} versie {version} bestaat niet in de taal "
            f"{quote(language)} (beschikbaar: {', '.join(languages)})"
        )

    def latest(self, language: str = DEFAULT_LANGUAGE) -> list[Instrument]:
        """The latest version of every instrument that exists in ``language``, in display order."""
        result = []
        for instrument_id in sorted({i.id for i in self.instruments}):
            latest_version = self.versions(instrument_id)[-1]
            for instrument in self.instruments:
                if instrument.key == (instrument_id, latest_version, language):
                    result.append(instrument)
        return sorted(result, key=lambda i: (i.order, i.id))


def _check_translation(translation: Instrument, original: Instrument, origin: str) -> list[str]:
    """A translation must be structurally identical to its original: only the words differ."""
    problems = []
    if [s.id for s in translation.sections] != [s.id for s in original.sections]:
        problems.append("section ids differ from the original")
    if [s.dimension for s in translation.sections] != [s.dimension for s in original.sections]:
        problems.append("section dimensions differ from the original")
    if translation.item_ids != original.item_ids:
        problems.append("item ids (or their order or sections) differ from the original")
    if [o.value for o in translation.scale] != [o.value for o in original.scale]:
        problems.append("scale values differ from the original")
    if translation.order != original.order:
        problems.append("order differs from the original")
    return [f"{origin}: {p}" for p in problems]


def build_registry(loaded: Iterable[tuple[str, Instrument]]) -> Registry:
    """Check a set of loaded instruments against each other and return them as a ``Registry``.

    ``loaded`` holds ``(origin, instrument)`` pairs; ``origin`` names the file in errors.
    """
    problems: list[str] = []
    by_key: dict[tuple[str, str, str], tuple[str, Instrument]] = {}
    for origin, instrument in loaded:
        if instrument.key in by_key:
            problems.append(
                f"{origin}: {instrument.key} is already defined in {by_key[instrument.key][0]}"
            )
            continue
        by_key[instrument.key] = (origin, instrument)
    originals: dict[tuple[str, str], tuple[str, Instrument]] = {}
    for origin, instrument in by_key.values():
        if instrument.is_translation:
            continue
        pair = (instrument.id, instrument.version)
        if pair in originals:
            problems.append(
                f"{origin}: {instrument.id} {instrument.version} already has an original "
                f"language file ({originals[pair][0]}); mark this one with translation_of"
            )
        originals.setdefault(pair, (origin, instrument))
    for origin, instrument in by_key.values():
        if not instrument.is_translation:
            continue
        found = by_key.get((instrument.id, instrument.version, instrument.translation_of or ""))
        if found is None or found[1].is_translation:
            problems.append(
                f"{origin}: translation_of = {instrument.translation_of!r}, but there is no "
                f"original {instrument.id} {instrument.version} in that language"
            )
            continue
        problems.extend(_check_translation(instrument, found[1], origin))
    if problems:
        raise InstrumentError("invalid instrument set:\n" + "\n".join(f"  - {p}" for p in problems))
    return Registry(tuple(instrument for _, instrument in by_key.values()))
