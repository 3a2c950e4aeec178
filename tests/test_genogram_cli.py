"""`scrdocs genogram`: writes the file, or says plainly what is wrong (exit 1) and writes nothing."""

from __future__ import annotations

import pytest
import yaml
from click.testing import CliRunner
from genogram_helpers import FAMILY, _dates_as_text, family_data

from scrdocs.cli import cli


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def write_case(tmp_path, data: dict):
    path = tmp_path / "case.yaml"
    path.write_text(yaml.safe_dump(_dates_as_text(data)), encoding="utf-8")
    return path


@pytest.mark.needs_dot
@pytest.mark.parametrize("suffix,magic", [("svg", b"<?xml"), ("png", b"\x89PNG"), ("pdf", b"%PDF")])
def test_writes_each_format(tmp_path, suffix, magic):
    out = tmp_path / "out" / f"genogram.{suffix}"
    result = run("genogram", str(FAMILY), "--out", str(out), "--profile", "anonymised")
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(magic)
    assert "anonymised genogram" in result.output
    assert sorted(p.name for p in out.parent.iterdir()) == [out.name]  # no temporary file left


BAD = {
    "child under two partnerships": (lambda d: d["family"]["partnerships"][3]["children"].append("subject"),
                                     "family.partnerships[3].children[2]"),
    "own ancestor": (lambda d: d["family"]["partnerships"].append({"partners": ["subject"], "children": ["grandfather"]}),
                     "own ancestor"),
    "twins with different parents": (lambda d: d["family"]["twins"].append(["child5", "adopted"]), "family.twins[1]"),
    "unknown person id": (lambda d: d["family"]["partnerships"][0]["partners"].__setitem__(1, "granny"),
                          "family.partnerships[0].partners[1]"),
    "loss with no date": (lambda d: d["family"]["partnerships"][1]["losses"][0].pop("date"),
                          "family.partnerships[1].losses[0].date"),
    "household member not in people": (lambda d: d["family"]["households"][0]["members"].append("neighbour"),
                                       "family.households[0].members[8]"),
    "no family": (lambda d: d.pop("family"), "no 'family' section"),
}


@pytest.mark.parametrize("problem", list(BAD))
def test_bad_input_exit_1_names_the_entry_and_writes_nothing(tmp_path, problem):
    change, expected = BAD[problem]
    data = family_data()
    change(data)
    case = write_case(tmp_path, data)
    out = tmp_path / "genogram.svg"
    result = run("genogram", str(case), "--out", str(out))
    assert result.exit_code == 1, result.output
    assert expected in result.output and str(case) in result.output
    assert "Traceback" not in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["case.yaml"]


def test_existing_file_untouched_when_input_is_bad(tmp_path):
    data = family_data()
    data["family"]["twins"].append(["child5", "adopted"])
    out = tmp_path / "genogram.svg"
    out.write_text("the previous genogram")
    result = run("genogram", str(write_case(tmp_path, data)), "--out", str(out))
    assert result.exit_code == 1
    assert out.read_text() == "the previous genogram"


def test_unknown_format_is_refused(tmp_path):
    result = run("genogram", str(FAMILY), "--out", str(tmp_path / "genogram.gif"))
    assert result.exit_code == 1
    assert ".svg, .png or .pdf" in result.output
    assert list(tmp_path.iterdir()) == []


def test_bad_profile_is_a_usage_error(tmp_path):
    result = run("genogram", str(FAMILY), "--out", str(tmp_path / "g.svg"), "--profile", "public")
    assert result.exit_code == 2


def test_missing_graphviz_says_how_to_install(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    out = tmp_path / "genogram.svg"
    result = run("genogram", str(FAMILY), "--out", str(out))
    assert result.exit_code == 1
    assert "Graphviz is not installed: make sure the Graphviz executables (dot) are on your PATH" in result.output
    assert "apt-get install graphviz" in result.output
    assert not out.exists()


def test_help_has_an_example():
    result = run("genogram", "--help")
    assert result.exit_code == 0
    assert "Example:" in result.output and "scrdocs genogram my-review.yaml --out genogram.png" in result.output


def test_a_bad_style_file_is_refused_with_exit_1(tmp_path):
    style = tmp_path / "style.yaml"
    style.write_text("font: {name: DejaVu Sans}\n", encoding="utf-8")
    out = tmp_path / "genogram.svg"
    result = run("genogram", str(FAMILY), "--out", str(out), "--style", str(style))
    assert result.exit_code == 1
    assert "genogram style file" in result.output and "font.size" in result.output
    assert not out.exists()
