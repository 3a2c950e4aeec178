"""The review-timescales chart keeps its labels inside the picture (wrapped, or shortened with the
status kept) and the figure's alt text gives every milestone in full."""

from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path

from PIL import Image

from scrdocs.case.casefile import load_case
from scrdocs.documents.review_parts import figures
from scrdocs.review.charts import LABEL_LINES, LABEL_WIDTH, chart_label, timeline_alt, timeline_chart
from scrdocs.review.timescales import MilestoneStatus, Status, review_timescales

CASE = load_case(Path(__file__).parent / "fixtures" / "documents" / "small_case.yaml")
LONG = ("Report sent to the National Panel and the Secretary of State at least seven working days before "
        "publication, with the safeguarding partners' response to its findings")


def _milestones() -> list[MilestoneStatus]:
    return [
        MilestoneStatus("decision", "Chair decides whether to hold a review", Status.met, "", "review.key_dates.decision",
                        start=date(2025, 2, 3), due=date(2025, 3, 3), done=date(2025, 3, 1)),
        MilestoneStatus("submitted", LONG, Status.late, "", "review.key_dates.national_panel_submission",
                        start=date(2025, 3, 3), due=date(2025, 9, 1), done=date(2025, 9, 20)),
    ]


def test_a_long_label_is_wrapped_and_shortened_but_keeps_its_status():
    label = chart_label(LONG, "late")
    lines = label.split("\n")
    assert len(lines) <= LABEL_LINES and all(len(line) <= LABEL_WIDTH for line in lines)
    assert label.endswith("… (late)")
    assert chart_label("Review completed", "met") == "Review completed (met)"


def test_the_chart_stays_the_width_it_was_drawn_at():
    png = timeline_chart(CASE, milestones=_milestones(), format="png")
    width, _ = Image.open(io.BytesIO(png)).size
    assert width <= 9.3 * 150, width  # 9 inches at 150 dpi, with the tight margin: no label runs past it
    svg = timeline_chart(CASE, milestones=_milestones(), format="svg").decode()
    texts = re.findall(r"<text[^>]*>([^<]*)</text>", svg)
    assert not any(LONG in t for t in texts)
    assert all(len(t) <= LABEL_WIDTH for t in texts), [t for t in texts if len(t) > LABEL_WIDTH]


def test_the_alt_text_gives_every_milestone_in_full():
    alt = timeline_alt(_milestones())
    assert LONG in alt and "Chair decides whether to hold a review: met" in alt
    assert "due 01/09/2025, done 20/09/2025" in alt
    case_alt = figures(CASE)["timeline"]["alt"]
    for row in review_timescales(CASE):
        assert row.label in case_alt
