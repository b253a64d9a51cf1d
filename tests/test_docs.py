"""Everything a user can call is documented: every command and option has help text, and the README names
every command (style.md: a test fails when a command is undocumented)."""

from __future__ import annotations

from pathlib import Path

import click

from jeugdmonitor.cli import main

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_every_command_has_help_and_is_in_the_readme() -> None:
    assert main.commands, "no commands"
    for name, command in main.commands.items():
        assert command.help and len(command.help) > 20, name
        assert f"jeugdmonitor {name}" in README, f"README noemt 'jeugdmonitor {name}' niet"


def test_every_option_has_help() -> None:
    for name, command in main.commands.items():
        for param in command.params:
            if isinstance(param, click.Option):
                assert param.help, f"{name} {param.opts[0]} heeft geen helptekst"


def test_readme_opens_with_the_two_commands() -> None:
    first_block = README.split("```")[1]
    assert [line for line in first_block.strip().splitlines()] == ["make demo", "make test"]
