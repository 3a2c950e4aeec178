"""The things a genogram row is made of: people, partnerships' midpoints and pregnancy losses."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from ..case.model import Partnership, PregnancyLoss

ItemKind = Literal["person", "union", "loss"]


@dataclass(frozen=True)
class Item:
    """One thing in a row: a person, a partnership's midpoint, or a pregnancy loss."""

    kind: ItemKind
    ref: str | int | tuple[int, int]  # person id | partnership index | (partnership index, loss index)


@dataclass
class Union:
    """One partnership, with its children and losses in birth order."""

    index: int
    source: Partnership
    partners: tuple[str, ...]
    children: list[str] = field(default_factory=list)  # in birth order
    links: dict[str, str] = field(default_factory=dict)  # child id -> birth | adopted | fostered
    losses: list[PregnancyLoss] = field(default_factory=list)
    slots: list[Item] = field(default_factory=list)  # children and losses, left to right

    @property
    def has_descendants(self) -> bool:
        return bool(self.slots)
