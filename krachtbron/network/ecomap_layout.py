"""Where each person goes on the eco-map: rings, sectors and label boxes that never overlap.

Plain geometry, no drawing (``ecomap`` draws the SVG). The family (or one member) sits in the
centre; three rings show how close someone is, nine sectors the kind of relation.

Layout is greedy and deterministic: every person gets the first free slot in their ring and
sector whose label box touches no other box. When a cell is full the rest is summarised as one
"+N meer" node, so 200 persons stay legible; the table lists everyone.

Speed (issue 18): the layout works on plain numbers and is remembered for the maps drawn last
(``_spots``); a cell's candidate slots are computed once per process, and whether a label box
at a slot is free of the rest of the map is worked out once per slot and label length
(``_Cell``), so trying the "+N meer" node in several places costs one scan of the cell each,
not a collision check against the whole map per slot; the output is pinned by
``tests/test_ecomap_pinned.py``.
"""

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from krachtbron.network.choices import Quality, RelationKind
from krachtbron.network.mapdata import MapPerson

WIDTH = 960
MAP_HEIGHT = 800
CX, CY = WIDTH / 2, 398
CENTRE_R = 52
RING_EDGES = (52, 156, 262, 366)  # ring k spans RING_EDGES[k-1]..RING_EDGES[k]
SECTOR_DEG = 360 / len(RelationKind)
LABEL_MAX = 13
CHAR_W = 7.2  # average advance of a 13px sans-serif character, generous on purpose
GRID_STEP = 11  # distance between candidate positions, in px
BUCKET = 64  # spatial hash cell for collision checks


def shorten(text: str, limit: int = LABEL_MAX) -> str:
    """A label cut to ``limit`` characters, with an ellipsis when it was longer."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


@dataclass(frozen=True)
class Box:
    x0: float
    y0: float
    x1: float
    y1: float

    def hits(self, other: "Box") -> bool:
        return not (
            self.x1 <= other.x0 or other.x1 <= self.x0 or self.y1 <= other.y0 or other.y1 <= self.y0
        )

    def inside(self) -> bool:
        return self.x0 >= 2 and self.y0 >= 2 and self.x1 <= WIDTH - 2 and self.y1 <= MAP_HEIGHT - 2


class Occupied:
    """The boxes drawn so far, hashed by area so a check looks only at near neighbours."""

    def __init__(self) -> None:
        self._buckets: dict[tuple[int, int], list[Box]] = defaultdict(list)

    def _keys(self, box: Box) -> list[tuple[int, int]]:
        return [
            (bx, by)
            for bx in range(int(box.x0 // BUCKET), int(box.x1 // BUCKET) + 1)
            for by in range(int(box.y0 // BUCKET), int(box.y1 // BUCKET) + 1)
        ]

    def free(self, box: Box) -> bool:
        if not box.inside():
            return False
        return not any(box.hits(o) for key in self._keys(box) for o in self._buckets.get(key, ()))

    def near(self, region: Box) -> list[Box]:
        """Every box that may touch a box inside ``region`` (each once, in a fixed order)."""
        found: dict[int, Box] = {}
        for key in self._keys(region):
            for box in self._buckets.get(key, ()):
                found.setdefault(id(box), box)
        return list(found.values())

    def add(self, box: Box) -> None:
        for key in self._keys(box):
            self._buckets[key].append(box)

    def remove(self, box: Box) -> None:
        for key in self._keys(box):
            self._buckets[key].remove(box)


@dataclass(frozen=True)
class Placed:
    x: float
    y: float
    angle: float
    person: MapPerson | None  # None: a "+N meer" summary
    hidden: int = 0


def label_side(x: float) -> int:
    """Labels sit beside their node, away from the centre: +1 to the right, -1 to the left."""
    return 1 if x >= CX else -1


def _footprint(x: float, y: float, text: str) -> Box:
    """The node, its markers and its label beside it, plus a little air."""
    return _footprint_of_length(x, y, len(text))


def _footprint_of_length(x: float, y: float, length: int) -> Box:
    width = length * CHAR_W + 6
    if label_side(x) > 0:
        return Box(x - 14, y - 14, x + 15 + width, y + 12)
    return Box(x - 15 - width, y - 14, x + 14, y + 12)


SUMMARY_TEXT = "+999 meer"


Slot = tuple[float, float, float]


@cache
def _slots(sector: int, ring: int) -> tuple[Slot, ...]:
    """Candidate (x, y, angle) positions in a cell on a dense grid; central ones first."""
    inner, outer = RING_EDGES[ring - 1], RING_EDGES[ring]
    start = math.radians(-90 + sector * SECTOR_DEG)
    span = math.radians(SECTOR_DEG)
    middle = (inner + outer) / 2
    candidates = []
    radius = inner + 16.0
    while radius <= outer - 12:
        usable = span - 2 * (10 / radius)  # keep 10px away from the sector borders
        count = max(1, int(radius * usable // GRID_STEP))
        for i in range(count):
            offset = (i + 0.5) / count - 0.5 if count > 1 else 0.0
            angle = start + span / 2 + offset * usable
            x, y = CX + radius * math.cos(angle), CY + radius * math.sin(angle)
            distance = abs(offset) * radius * usable + abs(radius - middle)
            candidates.append((distance, x, y, angle))
        radius += GRID_STEP
    candidates.sort(key=lambda c: c[0])
    return tuple((x, y, angle) for _d, x, y, angle in candidates)


def sector_label_positions() -> list[tuple[float, float, str, float]]:
    """(x, y, text-anchor, half-width guess) of each sector's name outside the rings."""
    positions = []
    for index in range(len(RelationKind)):
        mid = math.radians(-90 + (index + 0.5) * SECTOR_DEG)
        x = CX + (RING_EDGES[3] + 14) * math.cos(mid)
        y = CY + (RING_EDGES[3] + 14) * math.sin(mid)
        anchor = "middle" if abs(math.cos(mid)) < 0.3 else ("start" if math.cos(mid) > 0 else "end")
        y += 14 if math.sin(mid) > 0.3 else (0 if math.sin(mid) < -0.3 else 5)
        positions.append((x, y, anchor, 0.0))
    return positions


def _sector_label_box(x: float, y: float, anchor: str) -> Box:
    width = 12 * 9.5  # the longest short name, 15px bold
    x0 = {"start": x, "end": x - width, "middle": x - width / 2}[anchor]
    return Box(x0, y - 16, x0 + width, y + 4)


def _priority(person: MapPerson) -> tuple[int, int]:
    # Who matters most in a conversation is drawn first when a cell is crowded.
    flagged = person.may_be_overloaded or person.quality == Quality.BURDENING
    return (0 if flagged else 1 if person.stays_after_help else 2, person.id)


#: What the layout needs to know of a person: (ring, sector, priority, id, label length);
#: priority and id as ``_priority``; the label as drawn (``shorten``).
Person = tuple[int, int, int, int, int]
#: Where something went: (x, y, angle, the person's index among those laid out or None for a
#: "+N meer" node, how many that node stands for).
Spot = tuple[float, float, float, int | None, int]


Rect = tuple[float, float, float, float]


@cache
def _cell_region(sector: int, ring: int) -> Box:
    """Where any box of a slot of this cell can reach (the longest label on either side)."""
    slots = _slots(sector, ring)
    reach = LABEL_MAX * CHAR_W + 6 + 15
    return Box(
        min(x for x, _y, _a in slots) - reach,
        min(y for _x, y, _a in slots) - 14,
        max(x for x, _y, _a in slots) + reach,
        max(y for _x, y, _a in slots) + 12,
    )


def _hits_any(rect: Rect, others: Sequence[Rect]) -> bool:
    x0, y0, x1, y1 = rect
    for a0, b0, a1, b1 in others:  # noqa: SIM110 - a loop is faster than any() here
        if not (x1 <= a0 or a1 <= x0 or y1 <= b0 or b1 <= y0):
            return True
    return False


class _Cell:
    """One cell's slots against the boxes outside it, which stay as they are while the cell is
    filled: the boxes near the cell are looked up once, and whether a label of a length fits at
    a slot is computed once (the footprint depends on nothing else)."""

    def __init__(self, key: tuple[int, int], occupied: Occupied) -> None:
        ring, sector = key
        self.slots = _slots(sector, ring)
        self.occupied = occupied
        self._near = [(o.x0, o.y0, o.x1, o.y1) for o in occupied.near(_cell_region(sector, ring))]
        self._rows: dict[int, list[Rect | None | bool]] = {}

    def row(self, length: int) -> list[Rect | None | bool]:
        """Per slot: the box of a label of ``length`` if it is free, None if not, False when
        not worked out yet (``fits``)."""
        row = self._rows.get(length)
        if row is None:
            row = self._rows[length] = [False] * len(self.slots)
        return row

    def fits(self, index: int, length: int) -> Rect | None:
        """The box of a label of ``length`` at slot ``index`` if it is free, else None (the
        arithmetic of ``_footprint`` and ``Box.inside``, without making a Box)."""
        x, y, _angle = self.slots[index]
        width = length * CHAR_W + 6
        if label_side(x) > 0:
            rect = (x - 14, y - 14, x + 15 + width, y + 12)
        else:
            rect = (x - 15 - width, y - 14, x + 14, y + 12)
        x0, y0, x1, y1 = rect
        inside = x0 >= 2 and y0 >= 2 and x1 <= WIDTH - 2 and y1 <= MAP_HEIGHT - 2
        free = inside and not _hits_any(rect, self._near)
        self.row(length)[index] = rect if free else None
        return rect if free else None


def layout(persons: Sequence[MapPerson]) -> list[Placed]:
    """Place every person, or summarise the ones that do not fit in their cell (``_spots``)."""
    sectors = {kind: index for index, kind in enumerate(RelationKind.values)}
    people = tuple(
        (p.closeness, sectors[p.relation], *_priority(p), len(shorten(p.label))) for p in persons
    )
    return [
        Placed(x, y, angle, None if index is None else persons[index], hidden)
        for x, y, angle, index, hidden in _spots(people)
    ]


@lru_cache(maxsize=64)
def _spots(people: tuple[Person, ...]) -> tuple[Spot, ...]:
    """Where each of ``people`` goes: plain numbers in, plain numbers out.

    Every non-empty cell first reserves room for a "+N meer" node, so a crowded cell can always
    say how many it holds; the reservation is given back when everyone fits.

    Remembered per process for the 64 maps drawn last, by everything the layout depends on:
    a map drawn again as it was (the Netwerk tab opened again, "nu" on the compare page, a
    moment saved just now, the PDF) is not laid out again; a change of anyone's ring, sector,
    marks or label length is another map. Nothing to invalidate: the key is the input.
    """
    cells: dict[tuple[int, int], list[int]] = defaultdict(list)
    for index, person in enumerate(people):
        cells[(person[0], person[1])].append(index)
    occupied = Occupied()
    occupied.add(Box(CX - CENTRE_R, CY - CENTRE_R, CX + CENTRE_R, CY + CENTRE_R))
    for x, y, anchor, _w in sector_label_positions():
        occupied.add(_sector_label_box(x, y, anchor))
    # Inner rings first: they have the least room and the closest people.
    keys = sorted(cells)
    slots = {key: _slots(key[1], key[0]) for key in keys}
    reserved: dict[tuple[int, int], tuple[Slot, Box]] = {}
    for key in keys:
        for slot in reversed(slots[key]):
            box = _footprint(slot[0], slot[1], SUMMARY_TEXT)
            if occupied.free(box):
                occupied.add(box)
                reserved[key] = (slot, box)
                break
    spots: list[Spot] = []
    for key in keys:
        # (index, label length) in the order they are drawn: priority, then id.
        who = [(i, people[i][4]) for i in sorted(cells[key], key=lambda i: people[i][2:4])]
        reservation = reserved.get(key)
        if reservation is not None:
            occupied.remove(reservation[1])
        cell = _Cell(key, occupied)
        everyone = _fill(who, cell)
        if len(everyone.spots) == len(who):
            _commit(cell, everyone.rects)
            spots.extend(everyone.spots)
            continue
        spots.extend(_summarised(who, cell, reservation, everyone))
    return tuple(spots)


Who = tuple[int, int]  # a person's index among those laid out, and their label's length


@dataclass
class _Filled:
    """What ``_fill`` gave: the spots of the persons placed (in order), the boxes that must
    stay free of each other (the "+N meer" node tried first, if any, then one per person
    placed) and the slot each person got."""

    spots: list[Spot]
    rects: list[Rect]
    slots: list[int]


def _summarised(
    who: list[Who], cell: _Cell, reservation: tuple[Slot, Box] | None, alone: _Filled
) -> list[Spot]:
    """A crowded cell: put the "+N meer" node where it leaves room for the most people.
    ``alone``: the cell filled without it (as far as it went)."""
    slots, summary = cell.slots, len(SUMMARY_TEXT)
    free = [(slots[i], rect) for i in range(len(slots)) if (rect := cell.fits(i, summary))]
    # A handful of spread-out candidates is enough and keeps a 200-person map fast.
    choices = [(slot, Box(*rect)) for slot, rect in free[:: max(1, len(free) // 6)]]
    if reservation is not None:
        choices.append(reservation)
    if not choices:  # nothing fits at all: still say how many there are
        choices = [(slots[0], _footprint(slots[0][0], slots[0][1], ""))]
    best: tuple[_Filled, Slot, Box] | None = None
    for slot, box in choices:
        drawn = _fill_around(who, cell, box, alone)
        if best is None or len(drawn.spots) > len(best[0].spots):
            best = (drawn, slot, box)
    assert best is not None
    drawn, (x, y, angle), box = best
    cell.occupied.add(box)
    _commit(cell, drawn.rects[1:])
    return [*drawn.spots, (x, y, angle, None, len(who) - len(drawn.spots))]


def _fill_around(who: list[Who], cell: _Cell, box: Box, alone: _Filled) -> _Filled:
    """``_fill`` with the "+N meer" node's ``box`` kept free, worked out from the fill
    without it: the same persons get the same slots up to the first slot whose box touches
    ``box`` (every slot passed over before stays passed over: the boxes to avoid only grow);
    from that person on the fill goes on from that slot."""
    extra = (box.x0, box.y0, box.x1, box.y1)
    for n, rect in enumerate(alone.rects):
        if _hits_any(rect, (extra,)):
            return _fill(
                who,
                cell,
                _Filled(alone.spots[:n], [extra, *alone.rects[:n]], alone.slots[:n]),
                start=alone.slots[n],
            )
    return _Filled(alone.spots, [extra, *alone.rects], alone.slots)


def _commit(cell: _Cell, rects: Sequence[Rect]) -> None:
    for rect in rects:
        cell.occupied.add(Box(*rect))


def _fill(who: list[Who], cell: _Cell, so_far: _Filled | None = None, start: int = 0) -> _Filled:
    """Give persons slots in order: each the first slot after the one before whose box is free
    of the map and of the boxes given before it (``so_far``: the persons already placed and the
    boxes to keep free; the next person from slot ``start`` on). Stops at the first person
    for whom no slot is left; commits nothing (``_commit``)."""
    filled = so_far or _Filled([], [], [])
    spots, rects, used = filled.spots, filled.rects, filled.slots
    slots, fits = cell.slots, cell.fits
    count = len(slots)
    index = start
    for person, length in who[len(spots) :]:
        row = cell.row(length)
        while index < count:
            rect = row[index]
            if rect is False:
                rect = fits(index, length)
            index += 1
            if rect is not None and not _hits_any(rect, rects):  # type: ignore[arg-type]
                x, y, angle = slots[index - 1]
                spots.append((x, y, angle, person, 0))
                rects.append(rect)  # type: ignore[arg-type]
                used.append(index - 1)
                break
        else:
            break
    return filled
