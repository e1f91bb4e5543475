"""What the map says at a glance (handreiking §3.2, §4.4). Pure functions over MapPerson."""

from collections.abc import Sequence
from dataclasses import dataclass

from krachtbron.network.choices import Quality
from krachtbron.network.mapdata import MapPerson


@dataclass(frozen=True)
class Indicators:
    total: int
    informal: int
    # Informal contacts the family calls supportive.
    informal_supportive: int
    # Informal contacts who support at least some of the time: supportive or mixed.
    informal_supporters: int
    professionals: int
    burdening: int
    stays: tuple[MapPerson, ...]
    overloaded: tuple[MapPerson, ...]

    @property
    def professionals_outnumber_informal(self) -> bool:
        """The warning of §3.2: a crowd of professionals can push the own network out."""
        return self.professionals > self.informal_supporters

    @property
    def nobody_stays(self) -> bool:
        return self.total > 0 and not self.stays


def indicators(persons: Sequence[MapPerson]) -> Indicators:
    informal = [p for p in persons if not p.is_professional]
    return Indicators(
        total=len(persons),
        informal=len(informal),
        informal_supportive=sum(p.quality == Quality.SUPPORTIVE for p in informal),
        informal_supporters=sum(p.quality != Quality.BURDENING for p in informal),
        professionals=len(persons) - len(informal),
        burdening=sum(p.quality == Quality.BURDENING for p in persons),
        stays=tuple(p for p in persons if p.stays_after_help),
        overloaded=tuple(p for p in persons if p.may_be_overloaded),
    )
