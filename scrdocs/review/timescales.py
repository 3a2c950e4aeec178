"""Statutory and local timescales: when each milestone of a review is due, and whether it was met.

The deadlines are data: a procedure is a YAML file (``national``,
``stockport`` and ``cumbria`` ship in :mod:`scrdocs.review.procedures`; a board can
write its own and name its path in the case file's ``review.procedure``).
Each milestone counts a period (``1 month``, ``20 working days``, ``4 weeks``,
``7 days``) from one key date and compares the result with another.
Working days skip weekends and bank holidays (the ``holidays`` package).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import holidays
import yaml
from dateutil.relativedelta import relativedelta
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from ..case.dates import uk
from ..errors import RulesError
from ..case.model import Case, Complaint, KeyDates, ReviewType
from ..resources import package_file, safe_yaml

# --------------------------------------------------------------------------
# Working days

_REGIONS = {"england-and-wales": "ENG", "scotland": "SCT", "northern-ireland": "NIR"}
Region = Literal["england-and-wales", "scotland", "northern-ireland"]


@lru_cache(maxsize=None)
def _bank_holidays(region: str) -> holidays.HolidayBase:
    # expand=True fills in each year the first time a date in it is looked up
    return holidays.country_holidays("GB", subdiv=_REGIONS[region])


def is_working_day(day: date, region: Region = "england-and-wales") -> bool:
    """Monday to Friday and not a bank holiday."""
    return day.weekday() < 5 and day not in _bank_holidays(region)


def add_working_days(start: date, count: int, region: Region = "england-and-wales") -> date:
    """The date ``count`` working days after ``start`` (``start`` itself is day 0).

    20/12/2024 + 5 working days is 31/12/2024: the weekends and Christmas Day
    and Boxing Day do not count.
    """
    if count < 0:
        raise ValueError("count must not be negative")
    day = start
    while count:
        day += timedelta(days=1)
        if is_working_day(day, region):
            count -= 1
    return day


# --------------------------------------------------------------------------
# The procedure file

_WITHIN = re.compile(r"^\s*(\d+)\s+(working\s+days?|calendar\s+days?|days?|weeks?|calendar\s+months?|months?)\s*$", re.I)


@dataclass(frozen=True)
class Period:
    """A period such as "20 working days" or "1 month"."""

    amount: int
    unit: Literal["working_days", "days", "weeks", "months"]

    @classmethod
    def parse(cls, text: str) -> "Period":
        m = _WITHIN.match(str(text))
        if not m:
            raise ValueError(f"'{text}' is not a period scrdocs understands "
                             "(write for example '20 working days', '7 days', '4 weeks' or '6 months')")
        word = m[2].lower().split()[-1].rstrip("s")
        unit = "working_days" if m[2].lower().startswith("working") else {"day": "days", "week": "weeks", "month": "months"}[word]
        return cls(int(m[1]), unit)  # type: ignore[arg-type]

    def after(self, start: date, region: Region = "england-and-wales") -> date:
        if self.unit == "working_days":
            return add_working_days(start, self.amount, region)
        if self.unit == "days":
            return start + timedelta(days=self.amount)
        if self.unit == "weeks":
            return start + timedelta(weeks=self.amount)
        return start + relativedelta(months=self.amount)  # 31 Jan + 1 month = 28/29 Feb

    def __str__(self) -> str:
        words = {"working_days": "working day", "days": "day", "weeks": "week", "months": "month"}[self.unit]
        return f"{self.amount} {words}{'' if self.amount == 1 else 's'}"


_KEY_DATE_FIELDS = {name for name, f in KeyDates.model_fields.items() if name != "panel_meetings"}
_COMPLAINT_FIELDS = {name for name in Complaint.model_fields if name != "summary"}


class MilestoneRule(BaseModel):
    """One deadline. Either ``done`` should happen within ``within`` of ``from``
    (a notification within 5 working days of the incident), or ``before`` should
    come at least ``at_least`` after ``from`` (the report sent to the National
    Panel at least 7 working days before publication)."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    id: str = Field(pattern=r"^[a-z0-9_]+$")
    label: str
    start: list[str] = Field(alias="from", min_length=1, description="Key date(s) the period counts from; the first one recorded is used.")
    within: Period | None = None
    done: str | None = None
    at_least: Period | None = None
    before: str | None = None
    for_each: Literal["complaints"] | None = None
    revised_by: str | None = None
    optional: bool = False
    review_types: list[ReviewType] | None = Field(None, description="The review types the milestone applies to (all when not given).")
    source: str | None = None

    @field_validator("start", mode="before")
    @classmethod
    def _one_or_more(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value

    @field_validator("within", "at_least", mode="before")
    @classmethod
    def _period(cls, value: Any) -> Any:
        return value if value is None or isinstance(value, Period) else Period.parse(value)

    @model_validator(mode="after")
    def _known_dates(self) -> "MilestoneRule":
        forward, backward = self.within is not None and self.done is not None, self.at_least is not None and self.before is not None
        if forward == backward or (forward and (self.at_least or self.before)) or (backward and (self.within or self.done)):
            raise ValueError("a milestone needs either 'within' and 'done' (done within a period of 'from') or "
                             "'at_least' and 'before' ('before' at least a period after 'from')")
        known = _COMPLAINT_FIELDS if self.for_each == "complaints" else _KEY_DATE_FIELDS
        where = "a complaint" if self.for_each else "review.key_dates"
        for name in [*self.start, self.done or self.before, *([self.revised_by] if self.revised_by else [])]:
            if name not in known:
                raise ValueError(f"'{name}' is not a date of {where} (known: {', '.join(sorted(known))})")
        return self

    @property
    def recorded_by(self) -> str:
        """The date that records the milestone being done."""
        return self.done or self.before  # type: ignore[return-value]


class Procedure(BaseModel):
    """A board's timescales."""

    model_config = ConfigDict(extra="forbid")

    name: str
    title: str
    bank_holidays: Region = "england-and-wales"
    milestones: list[MilestoneRule] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique(self) -> "Procedure":
        ids = [m.id for m in self.milestones]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"milestone ids must be unique; repeated: {', '.join(dupes)}")
        return self


_SHIPPED = package_file("review", "procedures")


def shipped_procedures() -> list[str]:
    """Names of the procedures that come with scrdocs."""
    return sorted(p.stem for p in _SHIPPED.glob("*.yaml"))


def load_procedure(name_or_path: str | Path, *, base_dir: str | Path | None = None) -> Procedure:
    """Load a shipped procedure by name, or a board's own YAML file by path.

    A relative path is taken from ``base_dir`` (the case file's folder) when
    given. Raises :class:`RulesError` naming every problem in the file.
    """
    text = str(name_or_path)
    shipped = _SHIPPED / f"{text}.yaml"
    if "/" not in text and "\\" not in text and shipped.is_file():
        path = shipped
    else:
        path = Path(text)
        if not path.is_absolute() and base_dir is not None:
            path = Path(base_dir) / path
        if not path.is_file():
            raise RulesError(
                f"The procedure '{text}' is not one scrdocs knows and there is no file {path}.",
                hint=f"Use one of {', '.join(shipped_procedures())}, or the path to your board's procedure YAML file.")
    try:
        data = safe_yaml(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as e:
        raise RulesError(f"The procedure file {path} cannot be read: {e}",
                         hint="Check the file's indentation and punctuation.") from None
    try:
        return Procedure.model_validate(data)
    except ValidationError as e:
        lines = []
        for err in e.errors(include_url=False):
            where = ".".join(str(p) for p in err["loc"])
            lines.append(f"  - {where}: {err['msg'].removeprefix('Value error, ')}")
        raise RulesError(f"The procedure file {path} has problems:\n" + "\n".join(lines),
                         hint="Compare it with a shipped procedure, e.g. scrdocs/review/procedures/national.yaml.") from None


def case_procedure(case: Case, *, base_dir: str | Path | None = None) -> Procedure:
    return load_procedure(case.review.procedure, base_dir=base_dir)


# --------------------------------------------------------------------------
# Checking a case against a procedure


class Status(str, Enum):
    met = "met"
    late = "late"
    overdue = "overdue"
    due = "due"
    not_applicable = "not applicable"
    inconsistent = "dates inconsistent"
    too_early = "too early"
    not_recorded = "not recorded"


_READABLE = {name: name.replace("_", " ") for name in _KEY_DATE_FIELDS | _COMPLAINT_FIELDS}
_READABLE.update(subgroup_meeting="sub group / panel meeting", imrs_started="IMRs started",
                 overview_report_submitted="overview report submitted", chair_request="chair's request",
                 action_plans_requested="action plans requested", escalation_answered="escalation answered",
                 incident_learned="local authority learning of the incident", panel_notification="notification to the National Panel",
                 national_panel_submission="report sent to the National Panel and the Secretary of State",
                 published="publication")


@dataclass(frozen=True)
class MilestoneStatus:
    """Where one milestone stands."""

    id: str
    label: str
    status: Status
    message: str
    path: str  # the field that records it being done, e.g. review.key_dates.decision
    start: date | None = None
    start_field: str | None = None
    due: date | None = None
    done: date | None = None
    days: int | None = None  # days late, overdue or to go
    within: str = ""
    source: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "label": self.label, "status": self.status.value, "message": self.message,
            "path": self.path, "start": self.start.isoformat() if self.start else None,
            "start_field": self.start_field, "due": self.due.isoformat() if self.due else None,
            "done": self.done.isoformat() if self.done else None, "days": self.days, "within": self.within,
        }


def _days(n: int) -> str:
    return f"{n} day{'' if n == 1 else 's'}"


def _evaluate_at_least(rule: MilestoneRule, record: Any, prefix: str, procedure: Procedure) -> MilestoneStatus | None:
    """``before`` must come at least ``at_least`` after ``from``: the due date is the earliest allowed."""
    assert rule.at_least is not None and rule.before is not None
    later = getattr(record, rule.before)
    start_field = next((f for f in rule.start if getattr(record, f) is not None), None)
    base = dict(id=rule.id, label=rule.label, path=f"{prefix}.{rule.before}", within=f"at least {rule.at_least} before",
                source=rule.source, done=later)
    if start_field is None:
        missing = " or ".join(f"{_READABLE[f]} ({prefix}.{f})" for f in rule.start)
        if later is None:
            return None if rule.optional else MilestoneStatus(
                status=Status.not_applicable, message=f"not applicable yet: the date of the {missing} is not recorded", **base)
        return MilestoneStatus(status=Status.not_recorded, path=f"{prefix}.{rule.start[0]}", **{k: v for k, v in base.items() if k != "path"},
                               message=f"the {_READABLE[rule.before]} date {uk(later)} is recorded but no date of the {missing}; "
                                       f"it must come at least {rule.at_least} before")
    start = getattr(record, start_field)
    earliest = rule.at_least.after(start, procedure.bank_holidays)
    base.update(start=start, start_field=start_field, due=earliest)
    if later is None:
        return MilestoneStatus(status=Status.due, message=f"{_READABLE[rule.before]} on or after {uk(earliest)} "
                                                          f"(at least {rule.at_least} after {uk(start)})", **base)
    if later >= earliest:
        return MilestoneStatus(status=Status.met, days=0, message=f"met: {_READABLE[start_field]} {uk(start)}, "
                                                                  f"{_READABLE[rule.before]} {uk(later)} (not before {uk(earliest)})", **base)
    return MilestoneStatus(status=Status.too_early, days=(earliest - later).days,
                           message=f"too early: {_READABLE[rule.before]} {uk(later)} came before {uk(earliest)}, "
                                   f"less than {rule.at_least} after the {_READABLE[start_field]} ({uk(start)})", **base)


def _evaluate(rule: MilestoneRule, record: Any, prefix: str, procedure: Procedure, today: date,
              revised: date | None) -> MilestoneStatus | None:
    if rule.at_least is not None:
        return _evaluate_at_least(rule, record, prefix, procedure)
    assert rule.within is not None and rule.done is not None
    label = rule.label
    done_path = f"{prefix}.{rule.done}"
    start_field = next((f for f in rule.start if getattr(record, f) is not None), None)
    done = getattr(record, rule.done)
    base = dict(id=rule.id, label=label, path=done_path, within=str(rule.within), source=rule.source, done=done)
    if start_field is None:
        if rule.optional:
            return None
        missing = " or ".join(f"{_READABLE[f]} ({prefix}.{f})" for f in rule.start)
        return MilestoneStatus(status=Status.not_applicable, message=f"not applicable: the date of the {missing} is missing", **base)
    start = getattr(record, start_field)
    due = rule.within.after(start, procedure.bank_holidays)
    note = ""
    if revised is not None and revised != due:
        note = f" (revised timetable; the procedure's date was {uk(due)})"
        due = revised
    base.update(start=start, start_field=start_field, due=due)
    if done is not None and done < start:
        return MilestoneStatus(status=Status.inconsistent, days=None,
                               message=f"the {_READABLE[rule.done]} date {uk(done)} is before the {_READABLE[start_field]} date {uk(start)}; check both dates",
                               **base)
    if done is not None:
        if done <= due:
            return MilestoneStatus(status=Status.met, days=0, message=f"met: done {uk(done)}, due by {uk(due)}{note}", **base)
        late = (done - due).days
        return MilestoneStatus(status=Status.late, days=late, message=f"late: done {uk(done)}, {_days(late)} after the due date {uk(due)}{note}", **base)
    if today > due:
        over = (today - due).days
        return MilestoneStatus(status=Status.overdue, days=over,
                               message=f"overdue by {_days(over)}: due by {uk(due)}{note}, and no {_READABLE[rule.done]} date is recorded",
                               **base)
    to_go = (due - today).days
    when = "today" if to_go == 0 else f"in {_days(to_go)}"
    return MilestoneStatus(status=Status.due, days=to_go, message=f"due {when}: by {uk(due)}{note}", **base)


def review_timescales(case: Case, procedure: Procedure | None = None, *, today: date | None = None,
                      base_dir: str | Path | None = None) -> list[MilestoneStatus]:
    """Every milestone of the procedure with its due date and status, in procedure order.

    ``today`` decides what is overdue and what is still to come (tests pass a
    fixed date). Without ``procedure``, the case's ``review.procedure`` is used.
    """
    procedure = procedure or case_procedure(case, base_dir=base_dir)
    today = today or date.today()
    key_dates = case.review.key_dates
    results: list[MilestoneStatus] = []
    for rule in procedure.milestones:
        if rule.review_types is not None and case.review.type not in rule.review_types:
            continue
        if rule.for_each == "complaints":
            for i, complaint in enumerate(case.review.complaints):
                status = _evaluate(rule, complaint, f"review.complaints[{i}]", procedure, today, None)
                if status:
                    results.append(status)
            continue
        revised = getattr(key_dates, rule.revised_by) if rule.revised_by else None
        status = _evaluate(rule, key_dates, "review.key_dates", procedure, today, revised)
        if status:
            results.append(status)
    return results
