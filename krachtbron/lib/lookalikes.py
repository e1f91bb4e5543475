"""Report unique names that only look different, before a migration adds a folded unique index.

A migration that adds a case-insensitive unique index on names (team names, dossier numbers)
would fail with the database's own error on existing duplicates, or, worse, a data migration
could quietly rename or merge them. Neither: ``refuse_lookalikes`` stops the migration with a
message that lists every group of look-alike names (id and name), so a beheerder renames them
first (docs/invoer-en-bestanden.md, "Namen die op elkaar lijken").
"""

from collections import defaultdict
from collections.abc import Iterable

from krachtbron.lib.text import name_key


def lookalike_groups(rows: Iterable[tuple[int, str]]) -> list[list[tuple[int, str]]]:
    """Groups (of two or more) of (id, name) rows whose names have the same ``name_key``."""
    groups: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for pk, name in rows:
        groups[name_key(name)].append((pk, name))
    return [sorted(group) for group in groups.values() if len(group) > 1]


class LookalikeNamesError(RuntimeError):
    """Existing rows hold names that only look different; the message lists them."""


def refuse_lookalikes(what: str, rows: Iterable[tuple[int, str]]) -> None:
    """Raise ``LookalikeNamesError`` naming every group of look-alike ``what`` (e.g. "teams")."""
    groups = lookalike_groups(rows)
    if groups:
        listed = "; ".join(
            " = ".join(f"{name!r} (id {pk})" for pk, name in group) for group in groups
        )
        raise LookalikeNamesError(
            f"These {what} only differ in case, spaces or invisible characters: {listed}. "
            "Rename all but one of each group, then run the migration again."
        )
