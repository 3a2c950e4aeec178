"""Every command explains itself with an example, and bad usage exits 2.

The commands are discovered, so a command added later is held to the same rule.
"""

from __future__ import annotations

import click
import pytest
from click.testing import CliRunner

from scrdocs.cli import cli

COMMANDS = sorted(cli.commands)


def all_commands(group: click.Group, prefix: str = "scrdocs"):
    for name, command in group.commands.items():
        path = f"{prefix} {name}"
        yield path, command
        if isinstance(command, click.Group):
            yield from all_commands(command, path)


ALL = list(all_commands(cli))


def help_text(args: list[str]) -> str:
    result = CliRunner().invoke(cli, [*args, "--help"], terminal_width=100)
    assert result.exit_code == 0, result.output
    return result.output


def test_the_expected_commands_are_registered():
    assert {"build", "demo", "schema", "check"} <= set(COMMANDS)


@pytest.mark.parametrize("path,command", ALL, ids=[p for p, _ in ALL])
def test_every_command_has_an_example(path, command):
    text = help_text(path.split()[1:])
    assert "Example" in text, f"`{path} --help` has no Example block"
    example_lines = [line.strip() for line in text.splitlines() if line.strip().startswith(path + " ") or line.strip() == path]
    assert example_lines, f"`{path} --help` has no example line starting with '{path}'"
    # the \b marker keeps click from re-wrapping the example onto one line
    after = text.split("Example", 1)[1]
    assert after.splitlines()[1].strip().startswith(path), f"the example of `{path}` was re-wrapped; add \\b before it"


@pytest.mark.parametrize("path,command", ALL, ids=[p for p, _ in ALL])
def test_every_command_has_a_short_description(path, command):
    short = command.get_short_help_str(limit=80)
    assert short and not short.startswith("Example"), path
    for param in command.params:
        if isinstance(param, click.Option) and not param.hidden and param.name not in ("help",):
            assert param.help, f"`{path}` option {param.opts[0]} has no help text"


@pytest.mark.parametrize("path,command", ALL, ids=[p for p, _ in ALL])
def test_unknown_option_is_a_usage_error(path, command):
    result = CliRunner().invoke(cli, [*path.split()[1:], "--no-such-option"])
    assert result.exit_code == 2
    assert "No such option" in result.output


def test_top_level_help():
    text = help_text([])
    assert "Example" in text and "scrdocs demo" in text
    for name in COMMANDS:
        assert name in text


def test_short_help_flag():
    assert CliRunner().invoke(cli, ["-h"]).exit_code == 0


def test_unknown_command_is_a_usage_error():
    result = CliRunner().invoke(cli, ["no-such-command"])
    assert result.exit_code == 2
    assert "No such command" in result.output


def test_unknown_top_level_option_is_a_usage_error():
    assert CliRunner().invoke(cli, ["--no-such-option"]).exit_code == 2


def test_version():
    result = CliRunner().invoke(cli, ["--version"], prog_name="scrdocs")
    assert result.exit_code == 0 and "scrdocs" in result.output
