"""A case person's address names where they live in its later lines too: the town ("Lowbridge" in
"4 Mill Lane, Lowbridge") and a street after a house name. Found by a new user: `scan` said clean on a
copy that still named the town."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from scrdocs.case.casefile import load_case
from scrdocs.cli import cli
from scrdocs.packs.pack_gate import make_gate
from scrdocs.redaction import Redactor
from scrdocs.redaction.address_parts import address_towns, later_streets, own_area_words
from scrdocs.redaction.profiles import load_profile

from tests.pack_helpers import ADULT

NO_NER = Path(__file__).parent / "fixtures" / "redaction" / "no_ner.yaml"


@pytest.fixture()
def case_path(tmp_path):
    data = yaml.safe_load(ADULT.read_text(encoding="utf-8"))
    for person in data["people"]:
        if person.get("name") == "Desmond Quillfeather":
            person["address"] = "Rowan Cottage, Mill Lane, Lowbridge, LB4 2QT"
    path = tmp_path / "case.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def test_the_parts_of_an_address():
    assert address_towns("4 Mill Lane, Lowbridge, LB4 2QT") == ["Lowbridge"]
    assert address_towns("Rowan Cottage, Mill Lane, Lowbridge, LB4 2QT") == ["Lowbridge"]
    assert address_towns("Flat 3, 88 Chandlers Wharf, Portcaster PT2 9LX") == ["Portcaster"]
    assert address_towns("27 Fenwick Road, Millbridge, Northshire NS7 2HD", {"northshire"}) == ["Millbridge"]
    assert later_streets("Flat 3, 88 Chandlers Wharf, Portcaster PT2 9LX") == ["Chandlers Wharf"]
    assert later_streets("Rowan Cottage, Mill Lane, Lowbridge, LB4 2QT") == ["Mill Lane"]
    # the board's own area stays: a word of an agency's name
    assert address_towns("17 Lanthorn Close, Wexcombe, WX4 9QT", {"wexcombe"}) == []
    assert "wexcombe" in own_area_words(load_case(ADULT))


def test_scan_finds_the_town_in_a_publication_copy_but_not_the_boards_own_area(tmp_path, case_path):
    copy = tmp_path / "copy.txt"
    copy.write_text("Son moved to Lowbridge in 2019. The family lived in Wexcombe. Reading was hard for him.\n",
                    encoding="utf-8")
    result = CliRunner().invoke(cli, ["scan", "--case", str(case_path), "--no-ner", str(copy)])
    assert result.exit_code == 1, result.output
    assert "LOCATION of Son" in result.output and "Lowbridge" not in result.output
    copy.write_text("Son moved to [place] in 2019. The family lived in Wexcombe.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["scan", "--case", str(case_path), "--no-ner", str(copy)])
    assert result.exit_code == 0, result.output


def test_the_street_after_a_house_name_is_found_in_every_profile(tmp_path, case_path):
    copy = tmp_path / "copy.txt"
    copy.write_text("He was seen walking along Mill Lane.\n", encoding="utf-8")
    for profile in ("publication", "regulator"):
        hits = make_gate(load_case(case_path), profile, ner=False).scan_files([copy]).hits
        assert [h.entity_type for h in hits] == ["STREET_ADDRESS"], profile


def test_the_regulator_copy_may_name_the_town_as_the_profile_says(tmp_path, case_path):
    copy = tmp_path / "copy.txt"
    copy.write_text("Son moved to Lowbridge in 2019.\n", encoding="utf-8")
    assert make_gate(load_case(case_path), "regulator", ner=False).scan_files([copy]).clean
    assert not load_profile("regulator").remove_address_towns and load_profile("publication").remove_address_towns


def test_the_engine_removes_the_town_where_the_profile_says(case_path):
    case = load_case(case_path)
    towns = load_profile(NO_NER).model_copy(update={"remove_address_towns": True})
    text = "Des moved to Lowbridge. LOWBRIDGE POLICE. He walked down Mill Lane. Wexcombe is the board's area."
    out = Redactor(case, towns).redact_text(text)
    assert "Lowbridge" not in out and "LOWBRIDGE" not in out and "Mill Lane" not in out
    assert "Wexcombe is the board's area" in out
    kept = Redactor(case, NO_NER).redact_text("LOWBRIDGE POLICE attended.")
    assert "LOWBRIDGE" in kept  # without remove_address_towns (the regulator profile) the town is no case term
