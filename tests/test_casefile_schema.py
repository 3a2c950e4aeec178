"""`scrdocs schema`: a JSON Schema an editor can use, that accepts real case files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from scrdocs.case.casefile import _CaseLoader, case_schema
from scrdocs.cli import cli
from scrdocs.examples import example_case_path, minimal_case_path

FIXTURE = Path(__file__).parent / "fixtures" / "casefile" / "small_case.yaml"
CASE_FILES = [example_case_path(), minimal_case_path(), FIXTURE]


@pytest.fixture(scope="module")
def printed_schema() -> dict:
    result = CliRunner().invoke(cli, ["schema"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def read_yaml(path: Path):
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_CaseLoader)


def test_schema_command_prints_the_library_schema(printed_schema):
    assert printed_schema == case_schema(), (
        "scrdocs/case/case.schema.json is out of date with the case model: "
        "run `python -m scrdocs.case.schema_file` and commit the file")
    assert printed_schema["$schema"].startswith("https://json-schema.org/")
    assert set(printed_schema["required"]) == {"review", "panel", "people"}
    assert printed_schema["additionalProperties"] is False


def test_fields_have_descriptions(printed_schema):
    defs = printed_schema["$defs"]
    person = defs["Person"]["properties"]
    assert "anonymised" in person["pseudonym"]["description"]
    for model in ("Person", "ChronologyEntry", "Recommendation", "KeyDates", "Agency", "Review"):
        props = defs[model]["properties"]
        missing = [name for name, prop in props.items() if not prop.get("description")]
        # an id's description lives on its shared definition
        assert set(missing) <= {"id"}, (model, missing)


def test_every_section_forbids_unknown_keys(printed_schema):
    for name, definition in printed_schema["$defs"].items():
        if definition.get("type") == "object":
            assert definition.get("additionalProperties") is False, name


def test_dates_are_text_in_the_schema(printed_schema):
    dob = printed_schema["$defs"]["Person"]["properties"]["dob"]
    assert all(alt.get("format") != "date" for alt in dob["anyOf"])
    assert json.dumps(printed_schema).count('"format": "date"') == 0


@pytest.mark.parametrize("path", CASE_FILES, ids=lambda p: p.name)
def test_schema_accepts_the_shipped_case_files(printed_schema, path):
    jsonschema = pytest.importorskip("jsonschema")
    validator = jsonschema.Draft202012Validator(printed_schema)
    jsonschema.Draft202012Validator.check_schema(printed_schema)
    errors = [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(read_yaml(path))]
    assert errors == []


def test_schema_rejects_what_the_loader_rejects(printed_schema):
    jsonschema = pytest.importorskip("jsonschema")
    validator = jsonschema.Draft202012Validator(printed_schema)
    data = read_yaml(FIXTURE)
    data["panel"]["memberz"] = data["panel"].pop("members")
    assert any(list(e.path) == ["panel"] for e in validator.iter_errors(data))
    data = read_yaml(FIXTURE)
    del data["people"]
    assert not validator.is_valid(data)
    data = read_yaml(FIXTURE)
    data["people"][0]["role"] = "relative"
    assert not validator.is_valid(data)


def test_schema_structure_without_jsonschema(printed_schema):
    """The same shape checks, by hand, for machines without jsonschema."""
    defs = printed_schema["$defs"]
    assert printed_schema["properties"]["people"]["items"] == {"$ref": "#/$defs/Person"}
    assert defs["Role"]["enum"] == ["subject", "family", "practitioner", "perpetrator", "other"]
    time = defs["ChronologyEntry"]["properties"]["time"]
    assert {"type": "integer"} .items() <= next(a for a in time["anyOf"] if a.get("type") == "integer").items()
    twins = defs["Family"]["properties"]["twins"]["items"]["anyOf"]
    assert {"$ref": "#/$defs/Twins"} in twins and any(a.get("type") == "array" for a in twins)
    children = defs["Partnership"]["properties"]["children"]["items"]["anyOf"]
    assert {"$ref": "#/$defs/ChildLink"} in children and any(a.get("type") == "string" for a in children)


def test_shipped_schema_file_is_written_as_the_model_gives_it():
    from scrdocs.case.casefile import case_schema_json
    from scrdocs.case.schema_file import shipped_schema_text

    assert shipped_schema_text() == case_schema_json() + "\n", \
        "run `python -m scrdocs.case.schema_file` and commit scrdocs/case/case.schema.json"


def test_schema_command_answers_without_the_case_model():
    import subprocess
    import sys

    code = ("import sys; from click.testing import CliRunner; from scrdocs.cli import cli; "
            "r = CliRunner().invoke(cli, ['schema']); assert r.exit_code == 0, r.output; "
            "print(sorted(m for m in ('pydantic', 'scrdocs.case.model', 'spacy') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
