"""The case file's family section: partnerships, twins, pregnancy losses and households (drawn as the genogram)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field

from .types import Sex, Strict, Text, UKDate

# --------------------------------------------------------------------------
# Family (for the genogram)


def _child(value: Any) -> Any:
    return {"id": value} if isinstance(value, str) else value


class ChildLink(Strict):
    id: Text = Field(description="Person id of the child.")
    link: Literal["birth", "adopted", "fostered"] = Field("birth", description="birth, adopted (dashed line) or fostered (dotted line).")


class PregnancyLoss(Strict):
    kind: Literal["miscarriage", "abortion", "stillbirth"]
    date: UKDate = Field(description="Date of the loss (places it among the children in birth order).")
    sex: Sex = Field(Sex.U, description="For a stillbirth, if known.")


class Partnership(Strict):
    partners: list[Text] = Field(min_length=1, max_length=2, description="Person ids of the two partners (one if the other parent is unknown).")
    kind: Literal["enduring", "transitory"] = Field("enduring", description="enduring (marriage, cohabitation: unbroken line) or transitory (broken line).")
    status: Literal["together", "separated", "divorced", "widowed"] = Field("together")
    start: UKDate | None = Field(None, description="When the relationship began (orders a person's partnerships).")
    end: UKDate | None = Field(None, description="When it ended.")
    children: list[Annotated[ChildLink, BeforeValidator(_child)]] = Field(default_factory=list, description="Children of this partnership, by person id, in any order (ordered by date of birth).")
    losses: list[PregnancyLoss] = Field(default_factory=list, description="Miscarriages, abortions and stillbirths.")


def _twins(value: Any) -> Any:
    if isinstance(value, list):
        ids = [v for v in value if v not in ("identical", "fraternal")]
        return {"members": ids, "identical": "identical" in value}
    return value


class Twins(Strict):
    members: list[Text] = Field(min_length=2, max_length=3, description="Person ids of the twins (or triplets).")
    identical: bool = False


class Household(Strict):
    label: Text = Field(description="E.g. 'Household at the time of the incident'.")
    members: list[Text] = Field(min_length=1, description="Person ids of those living in the household (a lodger or carer may be included).")


class Family(Strict):
    partnerships: list[Partnership] = Field(default_factory=list)
    twins: list[Annotated[Twins, BeforeValidator(_twins)]] = Field(default_factory=list, description="Each as [id, id] or [id, id, identical].")
    households: list[Household] = Field(default_factory=list)
