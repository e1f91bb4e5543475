"""The one suppression rule for group figures (SECURITY.md 10), in one place: ``enough``.

**A figure is shown only when the respondents behind that very figure number at least
``MIN_GROUP_SIZE``** (respondents *and* distinct persons, so one person answering twice cannot
make a group look bigger). "That very figure" is taken literally:

* a cell (one team in one quarter or round) counts only with enough respondents;
* within a cell, an item's distribution and mean count only when enough respondents answered
  that item; a section mean only when enough respondents have a score for that section;
* the small cells of a period are pooled ("overige teams"); the pool counts only when it
  reaches the minimum itself, and its items and sections are held to the same rule.

Sub-figures that fail are removed from the cell *before* cells are stored or added up. So every
figure on any page, CSV or export is a sum of whole publishable sub-figures, each of at least
the minimum: subtracting any two figures shown (all teams minus the named teams, all quarters
minus one quarter, a filter minus no filter) leaves either nothing or at least the minimum.
``insight.cells.figures`` checks the rule once more for every number it hands to a page.

The rule lives here, below the apps, because three apps apply it: ``insight.suppression``
applies it to the cells of group figures (``suppress``, ``publishable``: every dashboard, CSV,
team page and round page reads cells that went through them, stored in ``insight.published``);
the research export applies ``enough`` to the families behind a team or the pool; and
``reflection`` applies ``round_teams`` when a round closes.

The same rule decides what of a closed round is *stored* (``round_teams``): an anonymous answer
set keeps its team only when at least the minimum of answer sets share that team, and the
answer sets without a team are stored only when they are at least the minimum together. So the
people who could have given any stored answer set (its team's participants, or the pool's)
never number fewer than the minimum, and a stored row can never hold more than a figure may
show (docs/anonimiteit.md, rule 3).
"""

from __future__ import annotations

from collections.abc import Mapping

from django.conf import settings

from krachtbron.instruments import is_publishable


def minimum() -> int:
    """The minimum group size (5; a setting so it is one number for the whole app)."""
    return int(settings.MIN_GROUP_SIZE)


def enough(respondents: int | None, persons: int | None = None) -> bool:
    """May a figure with this many respondents (and distinct persons) behind it be shown? The
    engine's rule (``krachtbron.instruments.is_publishable``), applied to both counts."""
    return is_publishable(respondents, minimum()) and (
        persons is None or is_publishable(persons, minimum())
    )


def round_teams(answer_sets: Mapping[int | None, int]) -> dict[int | None, int | None]:
    """Which answer sets of a closing round are stored, and under which team.

    ``answer_sets``: the number of answer sets (each with at least one answer) per team, ``None``
    for those without a team. Returns, for every team whose sets are stored, the team they are
    stored under: the team itself when it has at least the minimum of sets, else ``None`` (the
    pool). The pool (sets without a team and those of small teams) is stored only when it reaches
    the minimum; the teams missing from the result are not stored at all. A pool that is
    suppressed can add to no figure, so leaving it out changes no published number.
    """
    stored: dict[int | None, int | None] = {
        team: team for team, count in answer_sets.items() if team is not None and enough(count)
    }
    pooled = sum(count for team, count in answer_sets.items() if team not in stored)
    if enough(pooled):
        stored.update({team: None for team in answer_sets if team not in stored})
    return stored
