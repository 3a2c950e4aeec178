"""The tables and sections several shipped templates share: chronology and action plan columns,
the panel, parallel processes, family involvement, the glossary and the recommendations."""

from __future__ import annotations

from template_blocks import (
    bullets,
    fixed_table,
    heading,
    loop_table,
    missing,
    p,
    paragraphs,
    tag,
    todo,
)

# --------------------------------------------------------------------------
# Shared tables


def _seen_cols(widths):
    seen, alone, wishes = widths
    return [("Seen", "{{ e.seen }}", seen), ("Seen alone", "{{ e.seen_alone }}", alone),
            ("Wishes and feelings", "{{ e.wishes }}", wishes)]


# The integrated chronology (landscape, 257 mm usable; 7 pt). Columns narrow enough to
# break a word ("safeguarding" needs about 19 mm at 7 pt) are avoided: date and time
# share a cell, and so do the subject of recording and the kind of contact.
CHRONOLOGY_COLUMNS = [
    ("Date", "{{ e.date_cell }}", 20),
    ("Agency", "{{ e.agency }}", 17),
    ("Source", "{{ e.source }}", 20),
    ("Subject / contact", "{{ e.subject_contact }}", 20),
    ("Event, action and outcome", "{{ e.event_cell }}", 56),
    *_seen_cols((11, 12, 15)),
    ("Expected practice", "{{ e.expected }}", 29),
    ("Relevance to ToR", "{{ e.relevance }}", 28),
    ("Comments", "{{ e.comments }}", 29),
]

# With the Herefordshire columns, when the data has them.
CHRONOLOGY_COLUMNS_COMMUNICATION = [
    ("Date", "{{ e.date_cell }}", 18),
    ("Agency", "{{ e.agency }}", 17),
    ("Source", "{{ e.source }}", 18),
    ("Subject / contact", "{{ e.subject_contact }}", 18),
    ("Event, action and outcome", "{{ e.event }}", 33),
    *_seen_cols((10, 11, 15)),
    ("Communication within agency", "{{ e.within_agency }}", 22),
    ("Communication external to agency", "{{ e.external }}", 22),
    ("Response or outcome", "{{ e.response }}", 19),
    ("Expected practice", "{{ e.expected }}", 18),
    ("Relevance to ToR", "{{ e.relevance }}", 18),
    ("Comments", "{{ e.comments }}", 18),
]

IMR_CHRONOLOGY_COLUMNS = [  # Cumbria Appendix C, section 3, with seen / seen alone / wishes (000, 003 7.4)
    ("Date", "{{ e.date_cell }}", 22),
    ("Source of information", "{{ e.source }}", 28),
    ("Subject of recording / contact", "{{ e.subject_contact }}", 24),
    ("Event description, action and outcome", "{{ e.event_cell }}", 75),
    *_seen_cols((12, 13, 17)),
    ("Expected practice/standards", "{{ e.expected }}", 35),
    ("Relevance to terms of reference", "{{ e.relevance }}", 31),
]

IMR_CHRONOLOGY_COLUMNS_COMMUNICATION = [
    ("Date", "{{ e.date_cell }}", 20),
    ("Source of information", "{{ e.source }}", 22),
    ("Subject / contact", "{{ e.subject_contact }}", 20),
    ("Event description, action and outcome", "{{ e.event }}", 46),
    *_seen_cols((11, 12, 17)),
    ("Communication within agency", "{{ e.within_agency }}", 24),
    ("Communication external to agency", "{{ e.external }}", 24),
    ("Response or outcome", "{{ e.response }}", 22),
    ("Expected practice", "{{ e.expected }}", 21),
    ("Relevance to ToR", "{{ e.relevance }}", 18),
]

_RECOMMENDATION_CELL = "{{ r.recommendation }}{% if r.vague %} {{ r.vague }}{% endif %}"

ACTION_PLAN_COLUMNS = [  # Cumbria action plan template plus lead agency, monitoring and RAG status
    # Status / progress carries the longest text as a plan matures: a narrow
    # column breaks its words mid-way ("assessment s").
    ("No", "{{ r.number }}", 9),
    ("Recommendation", _RECOMMENDATION_CELL, 35),
    ("Key actions", "{{ r.key_actions_text }}", 40),
    ("Evidence", "{{ r.evidence }}", 23),
    ("Key outcome", "{{ r.key_outcome }}", 25),
    ("Date", "{{ r.target_date }}", 18),
    ("Lead agency", "{{ r.lead_agency }}", 17),
    ("Lead person", "{{ r.lead_person }}", 20),
    ("Monitoring", "{{ r.monitoring }}", 20),
    ("Status / progress", "{{ r.status_progress }}", 30),
    ("RAG status", "{{ r.rag_text }}", 20),
]

AGENCY_ACTION_PLAN_COLUMNS = [  # Cumbria "Case- SCR - Agency Action Plan", keeping status, progress, lead and monitoring
    ("No", "{{ r.number }}", 9),
    ("Recommendation", _RECOMMENDATION_CELL, 40),
    ("Key Actions", "{{ r.key_actions_text }}", 44),
    ("Evidence", "{{ r.evidence }}", 28),
    ("Key Outcome", "{{ r.key_outcome }}", 29),
    ("Date", "{{ r.target_date }}", 18),
    ("Lead person", "{{ r.lead_person }}", 22),
    ("Monitoring", "{{ r.monitoring }}", 23),
    ("Status / progress", "{{ r.status_progress }}", 24),
    ("RAG status", "{{ r.rag_text }}", 20),
]

NO_RECOMMENDATIONS = "the recommendations"
NO_IMR_RECOMMENDATIONS = missing("imr_recommendations")
NO_CHRONOLOGY = "the chronology entries"


def action_plan_table(doc) -> None:
    loop_table(doc, "recommendations", "r", ACTION_PLAN_COLUMNS, NO_RECOMMENDATIONS, size=8)


def chronology_table(doc, rows: str, parts: str, columns, with_communication, missing: str, size: float) -> None:
    """The chronology table, with the Herefordshire communication columns when the data has them."""
    tag(doc, "if chronology_has_communication")
    loop_table(doc, rows, "e", with_communication, missing, size=size, parts=parts)
    tag(doc, "else")
    loop_table(doc, rows, "e", columns, missing, size=size, parts=parts)
    tag(doc, "endif")
    tag(doc, "if chronology_unrecorded")
    p(doc, "{{ chronology_unrecorded_key }}", italic=True)
    tag(doc, "endif")


def keep_next(paragraph):
    paragraph.paragraph_format.keep_with_next = True
    return paragraph


def panel_section(doc) -> None:
    tag(doc, "if words.childrens_review")
    p(doc, "The names, roles and job titles of the review panel chair, the panel members and the "
           "author of the overview report are listed below.")
    tag(doc, "elif words.partnership")
    p(doc, "The {{ words.chair_label }}, the review panel chair and the author of the overview report are "
           "named below, with the job titles and employing organisations of all the review panel members.")
    tag(doc, "else")
    p(doc, "The {{ words.board_term }} chair, the review panel chair and the author of the overview "
           "report are named below, with the job titles and employing organisations of all the "
           "review panel members.")
    tag(doc, "endif")
    fixed_table(doc, [
        ("{{ words.chair_label }}", "{{ panel.board_chair.line }}"),
        ("Review panel chair", "{{ panel.panel_chair.line }}"),
        ("Author of the overview report", "{{ panel.author.line }}"),
    ])
    keep_next(p(doc, "Review panel members", bold=True))
    loop_table(doc, "panel.members", "m", [
        ("Name", "{{ m.name }}", 50),
        ("Job title", "{{ m.job_title }}", 60),
        ("Organisation", "{{ m.organisation }}", 60),
    ], missing("panel.members"),
       stated_none="The review panel had no members other than those named above.")


def parallel_processes(doc) -> None:
    bullets(doc, "review.parallel_processes", "{{ item.kind_label }}: {{ item.description }}{% if item.status %} ({{ item.status }}){% endif %}{% if item.concluded %}, concluded {{ item.concluded }}{% endif %}",
            missing("review.parallel_processes"),
            stated_none="No other process ran alongside this review.")
    tag(doc, "if review.open_processes")
    p(doc, "Publication of this report waits for the conclusion of related proceedings (Working Together 8.49): "
           "{{ review.open_processes|join('; ') }}.", bold=True)
    tag(doc, "endif")


def family_involvement(doc) -> None:
    paragraphs(doc, "review.family_involvement.summary", "how the family was involved in the review")
    bullets(doc, "review.family_involvement.contacts", "{{ item }}", "")
    tag(doc, "if review.family_involvement.read_only_copy_offered")
    p(doc, "The family was offered a read-only copy of the report on {{ review.family_involvement.read_only_copy_offered }}.")
    tag(doc, "endif")


def glossary_section(doc, title: str = "Glossary") -> None:
    """The abbreviations, pseudonyms and roles the document uses (Herefordshire 8.6), from templates/glossary.yaml."""
    heading(doc, title)
    keep_next(p(doc, "The abbreviations, pseudonyms and roles used in this report."))
    loop_table(doc, "glossary", "g", [("Term", "{{ g.term }}", 35), ("Meaning", "{{ g.meaning }}", 135)], "",
               none="This report uses no abbreviations or pseudonyms that need explaining.")


def recommendation_list(doc, var: str) -> None:
    tag(doc, f"if {var}")
    tag(doc, f"for r in {var}")
    keep_next(p(doc, "Recommendation {{ r.number }}", bold=True))
    p(doc, _RECOMMENDATION_CELL)
    tag(doc, "if r.agencies")
    p(doc, "Applies to: {{ r.agencies }}", italic=True)
    tag(doc, "endif")
    tag(doc, "endfor")
    tag(doc, "else")
    p(doc, todo(NO_RECOMMENDATIONS), bold=True)
    tag(doc, "endif")

