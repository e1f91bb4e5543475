from dataclasses import dataclass, field
from random import Random
from typing import Any


@dataclass
class DemoContext:
    """What the demo loaders share: they run in INSTALLED_APPS order."""

    rng: Random
    teams: list[Any] = field(default_factory=list)
    users: dict[str, Any] = field(default_factory=dict)
    advisers_by_team: dict[int, list[Any]] = field(default_factory=dict)
    families: list[Any] = field(default_factory=list)
