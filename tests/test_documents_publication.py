"""Publication timing (Working Together 8.49): not published while related court proceedings are open."""

from __future__ import annotations

from datetime import date

from documents_helpers import SMALL_CASE, variant
from scrdocs.case.casefile import load_case
from scrdocs.packs.contents import load_pack_rules
from scrdocs.review.check import check_case
from scrdocs.review.publication_timing import not_for_publication_marking, pack_marking, pack_report_lines


def _criminal(concluded=None):
    def change(data):
        process = {"kind": "criminal", "description": "A police investigation.", "status": "Charged"}
        if concluded:
            process["concluded"] = concluded
        data["review"]["parallel_processes"] = [process]
    return variant(load_case(SMALL_CASE), change)


def test_check_warns_while_a_court_process_is_open():
    findings = [f for f in check_case(_criminal(), today=date(2025, 11, 1)).findings
                if f.code == "publication.proceedings_open"]
    assert len(findings) == 1 and findings[0].severity == "warning"
    assert "8.49" in findings[0].message and findings[0].path == "review.parallel_processes[0]"
    assert not [f for f in check_case(_criminal("01/10/2025"), today=date(2025, 11, 1)).findings
                if f.code == "publication.proceedings_open"]
    # A disciplinary process does not hold publication back.
    case = variant(load_case(SMALL_CASE), lambda d: d["review"].update(parallel_processes=[
        {"kind": "disciplinary", "description": "A staff matter."}]))
    assert not [f for f in check_case(case, today=date(2025, 11, 1)).findings if f.code.startswith("publication.")]


def test_a_publication_pack_made_now_is_marked_and_its_report_warns():
    rules = load_pack_rules()
    publication, regulator = rules.profile("publication"), rules.profile("regulator")
    case = _criminal()
    assert pack_marking(case, publication) == "OFFICIAL: NOT FOR PUBLICATION until related proceedings conclude"
    assert pack_marking(case, regulator) == regulator.marking  # the regulator's copy is not for the public anyway
    assert pack_marking(_criminal("01/10/2025"), publication) == "OFFICIAL"
    lines = pack_report_lines(case, publication)
    assert lines[0].startswith("**Warning: Not for publication yet: criminal proceedings has not concluded")
    assert "Charged" not in lines[0]  # the author's own status text may name someone: never in the report
    assert any("What this pack holds follows:" in line for line in lines)
    assert not_for_publication_marking(case, "OFFICIAL: NOT FOR PUBLICATION") == "OFFICIAL: NOT FOR PUBLICATION"


def test_the_small_cases_open_inquest_counts():
    # The fixture's coroner's inquest has no concluded date.
    assert pack_marking(load_case(SMALL_CASE), load_pack_rules().profile("publication")).endswith(
        "NOT FOR PUBLICATION until related proceedings conclude")
