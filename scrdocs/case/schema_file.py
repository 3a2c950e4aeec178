"""The case file's JSON Schema, shipped as a file beside the model.

`scrdocs schema` prints this file instead of building the schema from the model, so it answers without
importing pydantic and the case model (a few tenths of a second). The file is derived data: a test
compares it with the schema the model gives, and fails with the command that writes it again:

    python -m scrdocs.case.schema_file
"""

from __future__ import annotations

from pathlib import Path

SCHEMA_FILE = Path(__file__).with_name("case.schema.json")


def shipped_schema_text() -> str:
    return SCHEMA_FILE.read_text(encoding="utf-8")


def write_schema_file() -> Path:
    from .casefile import case_schema_json

    SCHEMA_FILE.write_text(case_schema_json() + "\n", encoding="utf-8")
    return SCHEMA_FILE


if __name__ == "__main__":
    print(write_schema_file())
